/**
 * Code actions: each finding's quick fixes (the preferred one marked), "Suppress with reason" and
 * "Show documentation"; and `source.fixAll.scalelint`, which applies only safe fixes unless the user
 * opted in to unsafe ones. Edits are computed lazily here, against the document version requested.
 */
import { CodeActionKind, type CodeAction, type CodeActionParams, type Diagnostic } from 'vscode-languageserver/node';
import { getRuleDocsUri } from '../engine/docs';
import { selectFixEdits } from '../engine/edits';
import type { Finding } from '../engine/finding';
import { FIX_ALL_KIND, SHOW_DOCUMENTATION_COMMAND } from '../protocol';
import type { ServerContext } from './context';
import { PositionMapper, toPath, toUri, toWorkspaceEdit, type DiagnosticData } from './convert';

export function registerCodeActions(ctx: ServerContext, supportsVersionedEdits: boolean): void {
  ctx.connection.onCodeAction(async (params, token) => {
    const doc = ctx.documents.get(params.textDocument.uri);
    const file = toPath(params.textDocument.uri);
    if (!doc || !file || token.isCancellationRequested) return [];
    const settings = await ctx.settingsFor(params.textDocument.uri);
    if (!settings.enable) return [];
    const analysis = ctx.service.analyze(file, token);
    // The analysis must describe the text the client is looking at.
    if (analysis.text !== doc.getText()) return [];
    const mapper = new PositionMapper(analysis.text);
    const versionFor = supportsVersionedEdits ? (f: string) => (f === file ? doc.version : (ctx.documents.get(toUri(f))?.version ?? null)) : undefined;
    const edit = (edits: ReturnType<Finding['fixes'][number]['edits']>) => toWorkspaceEdit(edits, (f) => (f === file ? mapper : ctx.service.mapperFor(f)), versionFor);

    const wantsKind = (kind: string) => !params.context.only || params.context.only.some((k) => kind === k || kind.startsWith(`${k}.`));
    const actions: CodeAction[] = [];
    if (wantsKind(CodeActionKind.QuickFix)) {
      for (const finding of findingsFor(params, analysis.findings, mapper)) {
        const diagnostic = matchingDiagnostic(params.context.diagnostics, finding);
        for (const fix of finding.fixes) {
          actions.push({
            title: fix.title,
            kind: CodeActionKind.QuickFix,
            diagnostics: diagnostic ? [diagnostic] : undefined,
            isPreferred: fix.preferred === true,
            edit: edit(fix.edits()),
          });
        }
        if (finding.ruleId !== 'suppression') {
          actions.push({
            title: `Show documentation for ${finding.ruleId}`,
            kind: CodeActionKind.QuickFix,
            diagnostics: diagnostic ? [diagnostic] : undefined,
            command: { title: `Show documentation for ${finding.ruleId}`, command: SHOW_DOCUMENTATION_COMMAND, arguments: [getRuleDocsUri(finding.ruleId)] },
          });
        }
      }
    }
    if (wantsKind(FIX_ALL_KIND)) {
      // Only this document's edits: fix-all on save must not rewrite other files behind the user's back.
      const edits = selectFixEdits(analysis.findings, { includeUnsafe: settings.fixAll.includeUnsafe }).filter((e) => e.file === file);
      if (edits.length > 0) actions.push({ title: 'Fix all Scalelint problems', kind: FIX_ALL_KIND, edit: edit(edits) });
    }
    return actions;
  });
}

/** Findings whose range touches the requested range. */
function findingsFor(params: CodeActionParams, findings: readonly Finding[], mapper: PositionMapper): Finding[] {
  const start = mapper.offset(params.range.start);
  const end = mapper.offset(params.range.end);
  return findings.filter((f) => f.start <= end && f.end >= start);
}

function matchingDiagnostic(diagnostics: readonly Diagnostic[], finding: Finding): Diagnostic | undefined {
  return diagnostics.find((d) => {
    const data = d.data as DiagnosticData | undefined;
    return d.source === 'scalelint' && d.code === finding.ruleId && (!data || (data.start === finding.start && data.end === finding.end));
  });
}
