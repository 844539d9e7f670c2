/** The LanguageClient: how the server is started, restarted after a crash, and what it is told. */
import * as vscode from 'vscode';
import {
  CloseAction,
  ErrorAction,
  LanguageClient,
  RevealOutputChannelOn,
  TransportKind,
  type ErrorHandler,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';
import { StatusNotification, type StatusParams } from '../../server/src/protocol';
import { StatusItem } from './status';

const DOCUMENT_SELECTOR = ['typescript', 'typescriptreact', 'javascript', 'javascriptreact'].map((language) => ({ scheme: 'file', language }));
/** At most this many crash restarts within the window; then the user is told, once. */
const MAX_RESTARTS = 4;
const RESTART_WINDOW_MS = 3 * 60 * 1000;

export class ScalelintClient {
  client: LanguageClient | undefined;
  readonly status: StatusItem;
  private crashes: number[] = [];

  constructor(
    private readonly context: vscode.ExtensionContext,
    readonly output: vscode.LogOutputChannel,
  ) {
    this.status = new StatusItem(DOCUMENT_SELECTOR);
    context.subscriptions.push(this.status);
  }

  async start(): Promise<void> {
    const module = this.context.asAbsolutePath('server/out/server.js');
    const serverOptions: ServerOptions = {
      run: { module, transport: TransportKind.ipc },
      debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
    };
    const clientOptions: LanguageClientOptions = {
      documentSelector: DOCUMENT_SELECTOR,
      outputChannel: this.output,
      revealOutputChannelOn: RevealOutputChannelOn.Never,
      initializationOptions: { workspaceTrusted: vscode.workspace.isTrusted },
      synchronize: { configurationSection: 'scalelint' },
      diagnosticPullOptions: { onChange: true, onSave: true },
      errorHandler: this.errorHandler(),
    };
    this.client = new LanguageClient('scalelint', 'Scalelint', serverOptions, clientOptions);
    this.status.update({ state: 'starting', findings: 0 });
    try {
      await this.client.start();
    } catch (err) {
      this.status.update({ state: 'error', findings: 0, message: String(err) });
      this.showErrorOnce(`Scalelint could not start: ${(err as Error).message}`);
      return;
    }
    this.client.onNotification(StatusNotification.method, (params: StatusParams) => this.status.update(params));
  }

  async stop(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    if (client?.isRunning()) await client.stop();
  }

  /** Recreates the client, which also recovers from a start that failed. */
  async restart(): Promise<void> {
    this.crashes = [];
    await this.stop();
    await this.start();
  }

  private errorHandler(): ErrorHandler {
    return {
      error: () => ({ action: ErrorAction.Continue }),
      closed: () => {
        const now = Date.now();
        this.crashes = [...this.crashes.filter((t) => now - t < RESTART_WINDOW_MS), now];
        if (this.crashes.length <= MAX_RESTARTS) {
          this.output.appendLine(`The Scalelint server stopped unexpectedly; restarting (${this.crashes.length}/${MAX_RESTARTS}).`);
          return { action: CloseAction.Restart, handled: true };
        }
        this.status.update({ state: 'error', findings: 0, message: 'The server crashed repeatedly' });
        this.showErrorOnce('The Scalelint server crashed repeatedly and was not restarted. Run "Scalelint: Restart Server" to try again.');
        return { action: CloseAction.DoNotRestart, handled: true };
      },
    };
  }

  private errorShown = false;
  /** One pop-up per session at most; the details are in the output channel. */
  showErrorOnce(message: string): void {
    this.output.appendLine(message);
    if (this.errorShown) return;
    this.errorShown = true;
    void vscode.window.showErrorMessage(message, 'Show Output').then((choice) => {
      if (choice) this.output.show(true);
    });
  }
}
