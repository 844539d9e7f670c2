/** The language-status item: server state, last analysis time, findings known in the workspace. */
import * as vscode from 'vscode';
import type { StatusParams } from '../../server/src/protocol';

export class StatusItem implements vscode.Disposable {
  private readonly item: vscode.LanguageStatusItem;

  constructor(selector: vscode.DocumentSelector) {
    this.item = vscode.languages.createLanguageStatusItem('scalelint.status', selector);
    this.item.name = 'Scalelint';
    this.item.command = { title: 'Show Output', command: 'scalelint.showOutputChannel' };
  }

  update(status: StatusParams): void {
    const label = { starting: 'starting…', analyzing: 'analysing…', idle: 'ready', error: 'error' }[status.state];
    this.item.text = `$(pulse) Scalelint: ${label}`;
    this.item.busy = status.state === 'analyzing' || status.state === 'starting';
    this.item.severity = status.state === 'error' ? vscode.LanguageStatusSeverity.Error : vscode.LanguageStatusSeverity.Information;
    const parts = [`${status.findings} finding${status.findings === 1 ? '' : 's'} known`];
    if (status.lastAnalysisMs !== undefined) parts.push(`last analysis ${status.lastAnalysisMs} ms`);
    if (status.message) parts.push(status.message);
    this.item.detail = parts.join(' · ');
  }

  dispose(): void {
    this.item.dispose();
  }
}
