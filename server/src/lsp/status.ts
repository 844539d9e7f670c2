/** Keeps the client's language-status item current: state, last analysis time, findings known. */
import type { Connection } from 'vscode-languageserver/node';
import { StatusNotification, type StatusParams } from '../protocol';

export class StatusReporter {
  private readonly findingsByUri = new Map<string, number>();
  private lastAnalysisMs: number | undefined;

  constructor(private readonly connection: Connection) {}

  analyzing(): void {
    this.send({ state: 'analyzing' });
  }

  /** A file's analysis is done; a partial one (a first answer) leaves the state at analysing until the full one. */
  analyzed(uri: string, findings: number, ms: number, partial?: { files: number; of: number }): void {
    this.findingsByUri.set(uri, findings);
    this.lastAnalysisMs = Math.round(ms);
    if (partial) this.send({ state: 'analyzing', message: `First results from ${partial.files.toLocaleString('en-US')} of ${partial.of.toLocaleString('en-US')} project files; analysing the rest` });
    else this.send({ state: 'idle' });
  }

  error(message: string): void {
    this.send({ state: 'error', message });
  }

  private send(partial: Pick<StatusParams, 'state' | 'message'>): void {
    let findings = 0;
    for (const n of this.findingsByUri.values()) findings += n;
    const params: StatusParams = { ...partial, findings, lastAnalysisMs: this.lastAnalysisMs };
    void this.connection.sendNotification(StatusNotification.method, params);
  }
}
