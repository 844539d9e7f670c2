/**
 * SARIF 2.1.0, shaped for GitHub code scanning: stable rule ids with markdown help, URIs relative to
 * the scanned root under `uriBaseId: SRCROOT`, related locations for call chains, partial fingerprints.
 */
import { pathToFileURL } from 'node:url';
import type { Rule } from '../../../rules/api';
import { readRuleDocs, getVersion } from '../engine/docs';
import { groupEditsByFile } from '../engine/edits';
import type { Severity } from '../engine/finding';
import { SUPPRESSION_RULE_ID } from '../engine/suppressions';
import { fingerprintOf } from './baseline';
import type { Position, Report } from './report';

const LEVEL: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'note' };

export function formatSarif(report: Report, rules: readonly Rule[]): string {
  const descriptors = [
    ...rules.map((r) => ({
      id: r.id,
      name: toPascalCase(r.id),
      shortDescription: { text: r.meta.summary },
      fullDescription: { text: r.meta.summary },
      help: helpOf(r.id, r.meta.summary),
      defaultConfiguration: { level: LEVEL[r.meta.defaultSeverity] },
      properties: { tags: ['scalability', 'performance'], precision: 'high' },
    })),
    {
      id: SUPPRESSION_RULE_ID,
      name: 'Suppression',
      shortDescription: { text: 'Suppression comment without a reason, naming an unknown rule, or suppressing nothing' },
      help: { text: 'Write `// scalelint-disable-next-line <rule-id> -- <reason>`.', markdown: 'Write `// scalelint-disable-next-line <rule-id> -- <reason>`.' },
      defaultConfiguration: { level: 'warning' },
    },
  ];
  const ruleIndex = new Map(descriptors.map((d, i) => [d.id, i]));
  const occurrences = new Map<string, number>();
  const results = report.findings.map((f) => {
    const base = fingerprintOf(f);
    const n = occurrences.get(base) ?? 0;
    occurrences.set(base, n + 1);
    return {
      ruleId: f.ruleId,
      ruleIndex: ruleIndex.get(f.ruleId),
      level: LEVEL[f.severity],
      message: { text: f.message },
      locations: [physical(f.file, f.start, f.end)],
      ...(f.related.length > 0
        ? { relatedLocations: f.related.map((r, id) => ({ id, ...physical(r.file, r.start, r.end), message: { text: r.label } })) }
        : {}),
      partialFingerprints: { 'scalelintFingerprint/v1': `${base}:${n}` },
      ...(f.fixes.some((x) => x.edits && x.edits.length > 0)
        ? {
            fixes: f.fixes
              .filter((x) => x.edits && x.edits.length > 0)
              .map((x) => ({
                description: { text: `${x.title} (${x.safety})` },
                artifactChanges: [...groupEditsByFile(x.edits!)].map(([file, edits]) => ({
                  artifactLocation: { uri: file, uriBaseId: 'SRCROOT' },
                  replacements: edits.map((e) => ({ deletedRegion: region(e.start, e.end), insertedContent: { text: e.newText } })),
                })),
              })),
          }
        : {}),
    };
  });
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'Scalelint', semanticVersion: getVersion(), version: getVersion(), rules: descriptors } },
        originalUriBaseIds: { SRCROOT: { uri: pathToFileURL(report.base.endsWith('/') ? report.base : `${report.base}/`).href } },
        results,
        invocations: [
          {
            executionSuccessful: true,
            toolExecutionNotifications: report.notices
              .filter((n) => n.kind !== 'skipped-file')
              .map((n) => ({ level: n.kind === 'rule-error' ? 'error' : 'warning', message: { text: n.message.split('\n')[0] } })),
          },
        ],
      },
    ],
  };
  return JSON.stringify(sarif, null, 2) + '\n';
}

function physical(file: string, start: Position, end: Position) {
  return { physicalLocation: { artifactLocation: { uri: encodeURI(file), uriBaseId: 'SRCROOT' }, region: region(start, end) } };
}

function region(start: Position, end: Position) {
  return { startLine: start.line, startColumn: start.column, endLine: end.line, endColumn: end.column };
}

function helpOf(ruleId: string, summary: string): { text: string; markdown: string } {
  const docs = readRuleDocs(ruleId);
  return { text: summary, markdown: docs ?? summary };
}

function toPascalCase(id: string): string {
  return id.replace(/(^|-)(\w)/g, (_, __, c: string) => c.toUpperCase());
}
