/**
 * Scalelint: Scan Workspace. Analyses every project file with work-done progress (files done / total),
 * publishes findings for files that are not open (open ones are pulled by the editor), and answers
 * with a summary. Analyses are cached per project version, so a re-run after edits reuses what is valid.
 */
import type { CancellationToken } from 'vscode-languageserver/node';
import { CancelledError } from '../engine/finding';
import { ScanProgressNotification, type ScalingReportRequest, type ScanWorkspaceResult } from '../protocol';
import type { FileAnalysis } from '../engine/analyzer';
import { formatHtmlReport } from '../cli/format-html';
import { buildReport } from '../cli/report';
import type { ServerContext } from './context';
import { PositionMapper, toDiagnostic, toUri } from './convert';
import { yieldToEventLoop } from './diagnostics';

export async function scanWorkspace(ctx: ServerContext, token: CancellationToken, workDoneToken?: string | number): Promise<ScanWorkspaceResult> {
  const started = performance.now();
  const progress = workDoneToken !== undefined ? ctx.connection.window.attachWorkDoneProgress(workDoneToken) : undefined;
  const files = ctx.service.listFiles();
  progress?.begin('Scalelint: scanning workspace', 0, `0/${files.length} files`, true);
  const byRule: Record<string, number> = {};
  let analyzed = 0;
  let skipped = 0;
  let findings = 0;
  let cancelled = false;
  let lastReport = 0;
  try {
    for (let i = 0; i < files.length; i++) {
      if (token.isCancellationRequested) throw new CancelledError();
      const file = files[i];
      const uri = toUri(file);
      const settings = await ctx.settingsFor(uri);
      if (settings.enable) {
        const analysis = ctx.service.analyze(file, token, { partOfScan: true });
        if (analysis.skipped) skipped++;
        else analyzed++;
        findings += analysis.findings.length;
        for (const f of analysis.findings) byRule[f.ruleId] = (byRule[f.ruleId] ?? 0) + 1;
        ctx.status.analyzed(uri, analysis.findings.length, 0);
        if (!ctx.service.isOpen(file)) {
          const mapper = new PositionMapper(analysis.text);
          const diagnostics = analysis.findings.map((f) => toDiagnostic(f, mapper, (other) => ctx.service.mapperFor(other)));
          await ctx.connection.sendDiagnostics({ uri, diagnostics });
        }
      }
      const now = performance.now();
      if (now - lastReport > 100 || i + 1 === files.length) {
        lastReport = now;
        progress?.report(Math.round(((i + 1) / files.length) * 100), `${i + 1}/${files.length} files`);
        const update: ScanProgressNotification.Params = { done: i + 1, total: files.length };
        void ctx.connection.sendNotification(ScanProgressNotification.method, update);
      }
      await yieldToEventLoop();
    }
  } catch (err) {
    if (!(err instanceof CancelledError)) throw err;
    cancelled = true;
  } finally {
    progress?.done();
  }
  const result: ScanWorkspaceResult = { files: files.length, analyzed, skipped, findings, byRule, durationMs: Math.round(performance.now() - started), cancelled };
  ctx.log(`scan ${cancelled ? 'cancelled' : 'done'}: ${analyzed} files analysed, ${skipped} skipped, ${findings} findings in ${result.durationMs} ms`);
  return result;
}

/** The scaling report (the HTML of `scalelint report`) over every project file, reusing cached analyses. */
export async function scalingReport(ctx: ServerContext, token: CancellationToken): Promise<ScalingReportRequest.Result> {
  const started = performance.now();
  const files: FileAnalysis[] = [];
  for (const file of ctx.service.listFiles()) {
    if (token.isCancellationRequested) throw new CancelledError();
    if (!(await ctx.settingsFor(toUri(file))).enable) continue;
    files.push(ctx.service.analyze(file, token));
    await yieldToEventLoop();
  }
  const skipped = files.filter((f) => f.skipped).length;
  const base = ctx.service.folders[0] ?? process.cwd();
  const report = buildReport({ files, notices: [], analyzed: files.length - skipped, skipped }, base, performance.now() - started, (f) => ctx.service.mapperFor(f)?.text, false);
  return { html: formatHtmlReport(report, ctx.service.rules), findings: report.findings.length };
}
