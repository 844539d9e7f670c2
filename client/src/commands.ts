/** Scan Workspace, Restart Server, Show Output, and the docs link used by code actions. */
import * as vscode from 'vscode';
import { ScalingReportRequest, ScanProgressNotification, ScanWorkspaceRequest, SHOW_DOCUMENTATION_COMMAND, type ScanWorkspaceResult } from '../../server/src/protocol';
import type { ScalelintClient } from './client';

export function registerCommands(context: vscode.ExtensionContext, controller: ScalelintClient, output: vscode.LogOutputChannel): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('scalelint.scanWorkspace', () => scanWorkspace(controller)),
    vscode.commands.registerCommand('scalelint.restart', () => controller.restart()),
    vscode.commands.registerCommand('scalelint.openScalingReport', () => openScalingReport(controller)),
    vscode.commands.registerCommand('scalelint.showOutputChannel', () => output.show()),
    vscode.commands.registerCommand(SHOW_DOCUMENTATION_COMMAND, async (uri: string) => {
      const target = vscode.Uri.parse(uri);
      await vscode.commands.executeCommand('markdown.showPreview', target).then(undefined, () => vscode.window.showTextDocument(target));
    }),
  );
}

async function scanWorkspace(controller: ScalelintClient): Promise<ScanWorkspaceResult | undefined> {
  const client = controller.client;
  if (!client?.isRunning()) {
    void vscode.window.showWarningMessage('Scalelint is not running. Run "Scalelint: Restart Server" first.');
    return undefined;
  }
  return vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: 'Scalelint: scanning workspace', cancellable: true },
    async (progress, token) => {
      let reported = 0;
      const listener = client.onNotification(ScanProgressNotification.method, ({ done, total }: ScanProgressNotification.Params) => {
        const percent = total === 0 ? 100 : (done / total) * 100;
        progress.report({ message: `${done}/${total} files`, increment: percent - reported });
        reported = percent;
      });
      try {
        const params: ScanWorkspaceRequest.Params = {};
        const result: ScanWorkspaceResult = await client.sendRequest(ScanWorkspaceRequest.method, params, token);
        const perRule = Object.entries(result.byRule).map(([rule, n]) => `${rule} ${n}`).join(', ');
        const verb = result.cancelled ? 'Scan cancelled after' : 'Scanned';
        void vscode.window.showInformationMessage(
          `Scalelint: ${verb} ${result.analyzed} files in ${(result.durationMs / 1000).toFixed(1)} s — ${result.findings} finding${result.findings === 1 ? '' : 's'}${perRule ? ` (${perRule})` : ''}.`,
        );
        return result;
      } catch (err) {
        if (token.isCancellationRequested) return undefined;
        controller.showErrorOnce(`Scalelint: the workspace scan failed: ${(err as Error).message}`);
        return undefined;
      } finally {
        listener.dispose();
      }
    },
  );
}

/** The per-route scaling report in a webview: static HTML, scripts disabled. */
async function openScalingReport(controller: ScalelintClient): Promise<ScalingReportRequest.Result | undefined> {
  const client = controller.client;
  if (!client?.isRunning()) {
    void vscode.window.showWarningMessage('Scalelint is not running. Run "Scalelint: Restart Server" first.');
    return undefined;
  }
  return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: 'Scalelint: building the scaling report', cancellable: true }, async (_progress, token) => {
    const result: ScalingReportRequest.Result = await client.sendRequest(ScalingReportRequest.method, {}, token);
    const panel = vscode.window.createWebviewPanel('scalelint.scalingReport', 'Scalelint: Scaling Report', vscode.ViewColumn.Active, { enableScripts: false });
    panel.webview.html = result.html;
    return result;
  });
}
