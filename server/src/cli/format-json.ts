/** The JSON output documented in the README ("JSON output"). Positions are 1-based; offsets 0-based. */
import { countBySeverity, relative, type Report } from './report';
import { getVersion } from '../engine/docs';

export function formatJson(report: Report): string {
  const counts = countBySeverity(report.findings);
  const doc = {
    tool: 'scalelint',
    version: getVersion(),
    base: report.base,
    summary: {
      filesScanned: report.filesScanned,
      filesAnalyzed: report.filesAnalyzed,
      filesSkipped: report.filesSkipped,
      findings: report.findings.length,
      ...counts,
      durationMs: Math.round(report.durationMs),
    },
    findings: report.findings.map(({ lineText: _lineText, context: _context, ...f }) => f),
    notices: report.notices.map((n) => ({ ...n, file: n.file && relative(report.base, n.file) })),
  };
  return JSON.stringify(doc, null, 2) + '\n';
}
