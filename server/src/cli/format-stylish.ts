/** Human-readable output grouped by file, in the spirit of ESLint's stylish formatter. */
import { countBySeverity, relative, type Report } from './report';

export function formatStylish(report: Report, color: boolean): string {
  const paint = (code: string, s: string) => (color ? `\x1b[${code}m${s}\x1b[0m` : s);
  const sevColor = { error: '31', warning: '33', info: '36' } as const;
  const lines: string[] = [];
  const byFile = new Map<string, Report['findings']>();
  for (const f of report.findings) byFile.set(f.file, [...(byFile.get(f.file) ?? []), f]);
  for (const [file, findings] of byFile) {
    lines.push('', paint('4', file));
    for (const f of findings) {
      const pos = `${f.start.line}:${f.start.column}`.padEnd(8);
      lines.push(`  ${paint('2', pos)}${paint(sevColor[f.severity], f.severity.padEnd(8))}${f.message}  ${paint('2', f.ruleId)}`);
      const chain = f.related.filter((r) => r.label).map((r) => `${r.label} (${r.file}:${r.start.line})`);
      if (chain.length > 0) lines.push(paint('2', `          ↳ ${chain.join(' → ')}`));
    }
  }
  const counts = countBySeverity(report.findings);
  const total = report.findings.length;
  const seconds = (report.durationMs / 1000).toFixed(1);
  lines.push('');
  if (total === 0) {
    lines.push(paint('32', `✔ no problems in ${report.filesAnalyzed} files (${seconds}s)`));
  } else {
    const summary = `✖ ${total} problem${total === 1 ? '' : 's'} (${counts.error} errors, ${counts.warning} warnings, ${counts.info} infos) in ${report.filesAnalyzed} files (${seconds}s)`;
    lines.push(paint(counts.error > 0 ? '31' : '33', summary));
  }
  const skipped = report.notices.filter((n) => n.kind === 'skipped-file');
  if (skipped.length > 0) {
    lines.push(paint('2', `  ${skipped.length} file${skipped.length === 1 ? '' : 's'} skipped: ${skipped.slice(0, 3).map((n) => `${n.file ? relative(report.base, n.file) : ''} (${n.message.replace(/^not analysed: /, '')})`).join(', ')}${skipped.length > 3 ? ', …' : ''}`));
  }
  return lines.join('\n') + '\n';
}
