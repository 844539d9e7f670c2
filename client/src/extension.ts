/** Scalelint for VS Code: starts the bundled language server and registers the commands. */
import * as vscode from 'vscode';
import { ScalelintClient } from './client';
import { registerCommands } from './commands';

let controller: ScalelintClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<ScalelintClient> {
  const output = vscode.window.createOutputChannel('Scalelint', { log: true });
  context.subscriptions.push(output);
  controller = new ScalelintClient(context, output);
  registerCommands(context, controller, output);
  // Trust changes what the server may read (.scalelintrc.json), so it restarts with the new answer.
  context.subscriptions.push(vscode.workspace.onDidGrantWorkspaceTrust(() => void controller?.restart()));
  await controller.start();
  return controller;
}

export async function deactivate(): Promise<void> {
  await controller?.stop();
}
