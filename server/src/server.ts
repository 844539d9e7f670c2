/**
 * The Scalelint language server: LSP glue over the engine. Runs inside VS Code (IPC) or on its own
 * for any LSP client: `node server/out/server.js --stdio`.
 */
import {
  CodeActionKind,
  createConnection,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  ProposedFeatures,
  TextDocuments,
  TextDocumentSyncKind,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver/node';
import * as path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { getVersion } from './engine/docs';
import { AnalysisService } from './lsp/analysis-service';
import { registerCodeActions } from './lsp/code-actions';
import type { ServerContext } from './lsp/context';
import { toPath } from './lsp/convert';
import { registerDiagnostics } from './lsp/diagnostics';
import { registerHover } from './lsp/hover';
import { scalingReport, scanWorkspace } from './lsp/scan';
import { SettingsStore, type Settings } from './lsp/settings';
import { StatusReporter } from './lsp/status';
import { FIX_ALL_KIND, ScalingReportRequest, ScanWorkspaceRequest } from './protocol';

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
const log = (message: string) => connection.console.log(message);

let supportsConfiguration = false;
const settingsStore = new SettingsStore(connection, () => supportsConfiguration);
/** Resolved settings by folder, so the engine (synchronous) can read severities. */
const resolvedSettings = new Map<string, Settings>();
let folders: string[] = [];

function folderOf(file: string): string {
  return folders.filter((f) => file === f || file.startsWith(f + '/')).sort((a, b) => b.length - a.length)[0] ?? file;
}

async function settingsFor(uri: string): Promise<Settings> {
  const file = toPath(uri) ?? uri;
  const folder = folderOf(file);
  const settings = await settingsStore.get(folder === file ? uri : `file://${folder}`);
  resolvedSettings.set(folder, settings);
  return settings;
}

let ctx: ServerContext;

connection.onInitialize((params: InitializeParams): InitializeResult => {
  const caps = params.capabilities;
  supportsConfiguration = caps.workspace?.configuration === true;
  folders = (params.workspaceFolders ?? []).map((f) => toPath(f.uri)).filter((p): p is string => p !== undefined);
  if (folders.length === 0 && params.rootUri) folders = [toPath(params.rootUri)].filter((p): p is string => p !== undefined);
  // firstAnswerMinFiles: how large a cold project must be for a partial first answer (tests lower it).
  const init = (params.initializationOptions ?? {}) as { workspaceTrusted?: boolean; firstAnswerMinFiles?: number };
  const pullDiagnostics = caps.textDocument?.diagnostic !== undefined;
  const service = new AnalysisService({
    folders,
    // VS Code's rule for untrusted folders: analyse, but read no workspace configuration.
    readConfigFiles: init.workspaceTrusted !== false,
    settingsFor: (file) => {
      const settings = resolvedSettings.get(folderOf(file));
      return { rules: settings?.rules, ruleOptions: settings?.ruleOptions, timeoutsDefaultMs: settings?.timeouts.defaultMs };
    },
    log,
    // A partial first answer needs a way to replace it: pushing again, or asking a pulling client to pull again.
    firstAnswers: !pullDiagnostics || caps.workspace?.diagnostics?.refreshSupport === true,
    firstAnswerMinFiles: init.firstAnswerMinFiles,
  });
  ctx = { connection, documents, service, settingsFor, folderOf: (file) => (folderOf(file) === file ? path.dirname(file) : folderOf(file)), pullDiagnostics, status: new StatusReporter(connection), log };
  const diagnostics = registerDiagnostics(ctx);
  registerCodeActions(ctx, caps.workspace?.workspaceEdit?.documentChanges === true);
  registerHover(ctx);
  connection.onRequest(ScanWorkspaceRequest.method, (p: ScanWorkspaceRequest.Params | undefined, token) => scanWorkspace(ctx, token, p?.workDoneToken));
  connection.onRequest(ScalingReportRequest.method, (_p: unknown, token) => scalingReport(ctx, token));

  connection.onInitialized(() => {
    if (supportsConfiguration) void connection.client.register(DidChangeConfigurationNotification.type, undefined);
    if (caps.workspace?.didChangeWatchedFiles?.dynamicRegistration) {
      void connection.client.register(DidChangeWatchedFilesNotification.type, {
        watchers: [{ globPattern: '**/*.{ts,tsx,mts,cts,js,jsx,mjs,cjs}' }, { globPattern: '**/{tsconfig*.json,.scalelintrc.json,.gitignore}' }],
      });
    }
    if (params.capabilities.workspace?.workspaceFolders) {
      connection.workspace.onDidChangeWorkspaceFolders((e) => {
        const removed = new Set(e.removed.map((f) => toPath(f.uri)));
        folders = [...folders.filter((f) => !removed.has(f)), ...e.added.map((f) => toPath(f.uri)).filter((p): p is string => p !== undefined)];
        service.setFolders(folders);
        diagnostics.refresh();
      });
    }
    log(`Scalelint ${getVersion()} started: ${folders.length} folder(s), ${pullDiagnostics ? 'pull' : 'push'} diagnostics, configuration files ${init.workspaceTrusted === false ? 'ignored (untrusted workspace)' : 'read'}`);
  });

  connection.onDidChangeConfiguration(() => {
    settingsStore.clear();
    resolvedSettings.clear();
    service.reset();
    diagnostics.refresh();
  });
  connection.onDidChangeWatchedFiles((e) => {
    for (const change of e.changes) service.didChangeOnDisk(change.uri);
    diagnostics.refresh();
  });
  documents.onDidOpen((e) => {
    service.didOpenOrChange(e.document);
    // Findings a workspace scan pushed for this file give way to the pulled ones.
    if (pullDiagnostics) void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
  });
  documents.onDidChangeContent((e) => service.didOpenOrChange(e.document));
  documents.onDidClose((e) => service.didClose(e.document.uri));

  return {
    capabilities: {
      textDocumentSync: TextDocumentSyncKind.Incremental,
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND], resolveProvider: false },
      hoverProvider: true,
      ...(pullDiagnostics ? { diagnosticProvider: { identifier: 'scalelint', interFileDependencies: true, workspaceDiagnostics: false } } : {}),
      workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
    },
    serverInfo: { name: 'scalelint', version: getVersion() },
  };
});

// A bug must cost one request, not the server: log it and keep serving.
process.on('uncaughtException', (err) => log(`uncaught exception: ${err.stack ?? err}`));
process.on('unhandledRejection', (err) => log(`unhandled rejection: ${(err as Error)?.stack ?? err}`));

documents.listen(connection);
connection.listen();
