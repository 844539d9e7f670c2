/**
 * Drives the real bundled server (`server/out/server.js --stdio`) over JSON-RPC, as an editor would.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node';
import { REPO_ROOT, FIXTURES_ROOT } from '../harness/fixtures';

export const SERVER = path.join(REPO_ROOT, 'server', 'out', 'server.js');

/** A throwaway workspace whose imports resolve against the fixtures' real node_modules. */
export function makeWorkspace(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'scalelint-ws-'));
  fs.symlinkSync(path.join(FIXTURES_ROOT, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  const withConfig = { 'tsconfig.json': JSON.stringify({ compilerOptions: { strict: true, target: 'ES2022', module: 'commonjs', esModuleInterop: true, skipLibCheck: true } }), ...files };
  for (const [rel, text] of Object.entries(withConfig)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text);
  }
  return dir;
}

export class LspSession {
  readonly connection: ProtocolConnection;
  readonly logs: string[] = [];
  readonly published = new Map<string, PublishDiagnosticsParams>();
  /** The server's `scalelint/status` notifications, in order. */
  readonly statuses: { state: string; message?: string }[] = [];
  /** How many `workspace/diagnostic/refresh` requests the server sent. */
  refreshes = 0;
  private readonly versions = new Map<string, number>();
  private readonly process: ChildProcess;

  constructor(readonly root: string) {
    this.process = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    this.connection = createProtocolConnection(new StreamMessageReader(this.process.stdout!), new StreamMessageWriter(this.process.stdin!));
    this.connection.onNotification('window/logMessage', (p: { message: string }) => {
      this.logs.push(p.message);
    });
    this.connection.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
      this.published.set(p.uri, p);
    });
    this.connection.onNotification('scalelint/status', (p: { state: string; message?: string }) => {
      this.statuses.push(p);
    });
    this.connection.onRequest('workspace/diagnostic/refresh', () => {
      this.refreshes++;
      return null;
    });
    this.connection.onRequest('client/registerCapability', () => null);
    this.connection.onRequest('window/workDoneProgress/create', () => null);
    this.connection.listen();
  }

  /**
   * With `settings`, the session answers `workspace/configuration` like an editor with those `scalelint.*`
   * settings; with `refreshSupport`, it says it pulls again when the server asks (as VS Code does).
   */
  async initialize(opts: { pull: boolean; initializationOptions?: object; settings?: object; refreshSupport?: boolean }): Promise<{ capabilities: Record<string, unknown> }> {
    if (opts.settings) this.connection.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => opts.settings));
    const result = await this.connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: this.uri(''),
      workspaceFolders: [{ uri: this.uri(''), name: 'ws' }],
      capabilities: {
        textDocument: { ...(opts.pull ? { diagnostic: { dynamicRegistration: false } } : {}), codeAction: {}, publishDiagnostics: {} },
        workspace: { workspaceEdit: { documentChanges: true }, configuration: opts.settings !== undefined, diagnostics: { refreshSupport: opts.refreshSupport === true } },
      },
      initializationOptions: opts.initializationOptions,
    });
    await this.connection.sendNotification('initialized', {});
    return result as { capabilities: Record<string, unknown> };
  }

  uri(rel: string): string {
    return pathToFileURL(path.join(this.root, rel)).href.replace(/\/$/, '');
  }

  async open(rel: string, text = fs.readFileSync(path.join(this.root, rel), 'utf8')): Promise<void> {
    this.versions.set(rel, 1);
    await this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: this.uri(rel), languageId: 'typescript', version: 1, text } });
  }

  async change(rel: string, text: string): Promise<void> {
    const version = (this.versions.get(rel) ?? 1) + 1;
    this.versions.set(rel, version);
    await this.connection.sendNotification('textDocument/didChange', { textDocument: { uri: this.uri(rel), version }, contentChanges: [{ text }] });
  }

  async pull(rel: string): Promise<{ code: string; message: string; range: { start: { line: number; character: number } }; relatedInformation?: unknown[]; data?: unknown }[]> {
    const report = (await this.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri: this.uri(rel) } })) as { items: never[] };
    return report.items;
  }

  async shutdown(): Promise<void> {
    try {
      await Promise.race([this.connection.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 2000))]);
      await this.connection.sendNotification('exit');
    } finally {
      this.connection.dispose();
      this.process.kill();
    }
  }
}

/** Polls until `probe` returns a value; every wait is bounded. */
export async function waitFor<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export function applyTextEdits(text: string, edits: { range: { start: { line: number; character: number }; end: { line: number; character: number } }; newText: string }[]): string {
  const lines = text.split('\n');
  const offset = (p: { line: number; character: number }) => lines.slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
  // Positions refer to the original text: apply from the end, and at one position the later edit first,
  // so that edits at the same position end up in array order (the LSP rule).
  return edits
    .map((e, i) => ({ e, i }))
    .sort((a, b) => offset(b.e.range.start) - offset(a.e.range.start) || b.i - a.i)
    .reduce((t, { e }) => t.slice(0, offset(e.range.start)) + e.newText + t.slice(offset(e.range.end)), text);
}
