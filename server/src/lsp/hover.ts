/** Hover on a finding: why it hurts at scale, the route and chain, the fix, and a link to the docs. */
import { MarkupKind, type Hover } from 'vscode-languageserver/node';
import { getRuleDocsUri } from '../engine/docs';
import type { ServerContext } from './context';
import { PositionMapper, toPath } from './convert';

export function registerHover(ctx: ServerContext): void {
  ctx.connection.onHover(async (params, token): Promise<Hover | null> => {
    const file = toPath(params.textDocument.uri);
    if (!file || !ctx.service.isOpen(file)) return null;
    const settings = await ctx.settingsFor(params.textDocument.uri);
    if (!settings.enable) return null;
    const analysis = ctx.service.analyze(file, token);
    const mapper = new PositionMapper(analysis.text);
    const offset = mapper.offset(params.position);
    const hits = analysis.findings.filter((f) => f.start <= offset && offset <= f.end);
    if (hits.length === 0) return null;
    const sections = hits.map((f) => {
      const lines = [`**${f.ruleId}** — ${f.message}`];
      if (f.related.length > 0) lines.push('', `Path: ${f.related.map((r) => r.label).join(' → ')}`);
      const fixes = f.fixes.filter((x) => !x.isSuppression);
      if (fixes.length > 0) lines.push('', `Quick fix: ${fixes.map((x) => `${x.title}${x.safety === 'unsafe' ? ' (changes behaviour: review it)' : ''}`).join('; ')}`);
      lines.push('', `[Documentation](${getRuleDocsUri(f.ruleId)})`);
      return lines.join('\n');
    });
    const first = hits[0];
    return { contents: { kind: MarkupKind.Markdown, value: sections.join('\n\n---\n\n') }, range: mapper.range(first.start, first.end) };
  });
}
