/**
 * Diagnostics: pulled by clients that support it (VS Code), pushed to those that do not (Neovim 0.7).
 * The requested file comes first; bursts of edits are coalesced; a stale request is cancelled between
 * phases, and the engine checks the token between statements.
 */
import {
  LSPErrorCodes,
  ResponseError,
  type CancellationToken,
  type Diagnostic,
  type DocumentDiagnosticReport,
} from 'vscode-languageserver/node';
import { CancelledError } from '../engine/finding';
import { toDiagnostic, toPath, PositionMapper } from './convert';
import { applyBaselineView } from './baseline-view';
import type { ServerContext } from './context';

/** Lets a cancellation or a newer edit arrive before the expensive work starts. */
export const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * A file's diagnostics. `partial` marks a first answer from part of a large project (see
 * AnalysisService.analyze): the caller has the client ask again, and the full program answers then.
 */
export async function computeDiagnostics(ctx: ServerContext, uri: string, token?: CancellationToken): Promise<{ diagnostics: Diagnostic[]; partial: boolean }> {
  const file = toPath(uri);
  if (!file) return { diagnostics: [], partial: false };
  const settings = await ctx.settingsFor(uri);
  if (!settings.enable) return { diagnostics: [], partial: false };
  await yieldToEventLoop();
  if (token?.isCancellationRequested) throw new CancelledError();
  const started = performance.now();
  ctx.status.analyzing();
  const analysis = ctx.service.analyze(file, token, { firstAnswer: true });
  ctx.status.analyzed(uri, analysis.findings.length, performance.now() - started, analysis.partial);
  const mapper = new PositionMapper(analysis.text);
  const diagnostics = analysis.findings.map((f) => toDiagnostic(f, mapper, (other) => ctx.service.mapperFor(other)));
  return { diagnostics: applyBaselineView(analysis.findings, diagnostics, analysis.text, ctx.folderOf(file), settings, ctx.log), partial: analysis.partial !== undefined };
}

export function registerDiagnostics(ctx: ServerContext): { refresh(): void } {
  const { connection, documents } = ctx;
  if (ctx.pullDiagnostics) {
    connection.languages.diagnostics.on(async (params, token): Promise<DocumentDiagnosticReport> => {
      try {
        const { diagnostics, partial } = await computeDiagnostics(ctx, params.textDocument.uri, token);
        // The full answer follows as soon as the client asks again; the refresh goes out after this
        // response, so that the client does not pull again while this pull is still open.
        if (partial) setImmediate(() => void connection.languages.diagnostics.refresh());
        return { kind: 'full', items: diagnostics };
      } catch (err) {
        if (err instanceof CancelledError || token.isCancellationRequested) {
          throw new ResponseError(LSPErrorCodes.ServerCancelled, 'superseded by a newer request', { retriggerRequest: true });
        }
        throw err;
      }
    });
    let timer: NodeJS.Timeout | undefined;
    return {
      // Debounced: a burst of file-system events becomes one refresh.
      refresh: () => {
        clearTimeout(timer);
        timer = setTimeout(() => void connection.languages.diagnostics.refresh(), 300);
      },
    };
  }

  // Push mode: the changed document first, then every other open document (a helper's change can
  // alter a handler file's findings).
  const pending = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  let running = false;
  const schedule = (first?: string) => {
    if (first) pending.add(first);
    for (const d of documents.all()) pending.add(d.uri);
    clearTimeout(timer);
    timer = setTimeout(run, 150);
  };
  const run = async () => {
    if (running) return schedule();
    running = true;
    try {
      while (pending.size > 0) {
        const uri = pending.values().next().value!;
        pending.delete(uri);
        const doc = documents.get(uri);
        if (!doc) continue;
        try {
          const { diagnostics, partial } = await computeDiagnostics(ctx, uri);
          // Only publish for the text we analysed; a newer edit has queued another run.
          if (documents.get(uri)?.version === doc.version) await connection.sendDiagnostics({ uri, version: doc.version, diagnostics });
          if (partial) pending.add(uri);
        } catch (err) {
          ctx.log(`diagnostics failed for ${uri}: ${(err as Error).stack ?? err}`);
        }
        await yieldToEventLoop();
      }
    } finally {
      running = false;
    }
  };
  documents.onDidChangeContent((e) => schedule(e.document.uri));
  documents.onDidClose((e) => void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] }));
  return { refresh: () => schedule() };
}
