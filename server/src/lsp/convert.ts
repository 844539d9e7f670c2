/** Engine offsets → LSP positions, findings → diagnostics, edits → workspace edits. The only place that knows both. */
import { URI } from 'vscode-uri';
import {
  DiagnosticSeverity,
  type Diagnostic,
  type DiagnosticRelatedInformation,
  type Range,
  type TextEdit as LspTextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver/node';
import { getRuleDocsUri } from '../engine/docs';
import type { Finding, Severity, TextEdit } from '../engine/finding';
import { computeLineStarts, lineOf } from '../engine/text';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
};

/** Positions in one text, with its line starts computed once. */
export class PositionMapper {
  private readonly starts: number[];
  constructor(readonly text: string) {
    this.starts = computeLineStarts(text);
  }
  range(start: number, end: number): Range {
    return { start: this.position(start), end: this.position(end) };
  }
  position(offset: number) {
    const line = lineOf(this.starts, offset);
    return { line, character: offset - this.starts[line] };
  }
  offset(pos: { line: number; character: number }): number {
    const lineStart = this.starts[Math.min(pos.line, this.starts.length - 1)] ?? 0;
    return Math.min(lineStart + pos.character, this.text.length);
  }
}

/** What a diagnostic carries so a code action can find its finding again. */
export interface DiagnosticData {
  ruleId: string;
  start: number;
  end: number;
}

export function toDiagnostic(finding: Finding, mapper: PositionMapper, mapperFor: (file: string) => PositionMapper | undefined): Diagnostic {
  const related: DiagnosticRelatedInformation[] = [];
  for (const r of finding.related) {
    const m = r.file === finding.file ? mapper : mapperFor(r.file);
    if (m) related.push({ location: { uri: toUri(r.file), range: m.range(r.start, r.end) }, message: r.label });
  }
  const data: DiagnosticData = { ruleId: finding.ruleId, start: finding.start, end: finding.end };
  return {
    range: mapper.range(finding.start, finding.end),
    severity: SEVERITY[finding.severity],
    source: 'scalelint',
    code: finding.ruleId,
    codeDescription: { href: getRuleDocsUri(finding.ruleId) },
    message: finding.message,
    ...(related.length > 0 ? { relatedInformation: related } : {}),
    data,
  };
}

/**
 * With `versionFor`, edits are pinned to document versions (`documentChanges`), so a client rejects
 * them if the document moved on; files that are not open get version null.
 */
export function toWorkspaceEdit(
  edits: readonly TextEdit[],
  mapperFor: (file: string) => PositionMapper | undefined,
  versionFor?: (file: string) => number | null,
): WorkspaceEdit {
  const changes: Record<string, LspTextEdit[]> = {};
  // In start order, an insert before a replacement that starts at the same offset: LSP clients apply
  // edits at one position in array order, and some (Neovim) garble an insert that follows a replace.
  const ordered = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  for (const e of ordered) {
    const m = mapperFor(e.file);
    if (!m) continue;
    (changes[toUri(e.file)] ??= []).push({ range: m.range(e.start, e.end), newText: e.newText });
  }
  if (!versionFor) return { changes };
  return {
    documentChanges: Object.entries(changes).map(([uri, lspEdits]) => ({
      textDocument: { uri, version: versionFor(toPath(uri)!) },
      edits: lspEdits,
    })),
  };
}

export function toUri(file: string): string {
  return URI.file(file).toString();
}

/** A `file:` URI's path; undefined for other schemes (untitled buffers, virtual files), which are not analysed. */
export function toPath(uri: string): string | undefined {
  const parsed = URI.parse(uri);
  return parsed.scheme === 'file' ? parsed.fsPath : undefined;
}
