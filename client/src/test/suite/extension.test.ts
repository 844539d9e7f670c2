/**
 * Runs inside a real VS Code extension host, against a copy of the sample service opened as the
 * workspace. Waits are bounded polls on VS Code's own state, never fixed sleeps.
 */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';

const REPORTS = 'src/routes/reports.ts';
/** A file no test opens: its findings can only come from Scan Workspace. */
const UNOPENED = 'src/clients/billing.ts';

function workspaceFile(rel: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'a workspace folder is open');
  return vscode.Uri.file(path.join(folder.uri.fsPath, rel));
}

async function waitFor<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function scalelintDiagnostics(uri: vscode.Uri, rule?: string): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'scalelint' && (rule === undefined || codeOf(d) === rule));
}

function codeOf(d: vscode.Diagnostic): string | undefined {
  return typeof d.code === 'object' ? String(d.code.value) : d.code === undefined ? undefined : String(d.code);
}

suite('Scalelint in VS Code', () => {
  suiteSetup(async () => {
    const ext = vscode.extensions.all.find((e) => e.packageJSON.name === 'scalelint');
    assert.ok(ext, 'the extension is installed');
    await ext.activate();
  });

  test('shows a sync-blocking-call finding with its route, code and docs link', async () => {
    const uri = workspaceFile(REPORTS);
    await vscode.window.showTextDocument(uri);
    const [d] = await waitFor('a sync-blocking-call diagnostic', () => {
      const found = scalelintDiagnostics(uri, 'sync-blocking-call');
      return found.length > 0 ? found : undefined;
    });
    assert.match(d.message, /readFileSync/);
    assert.match(d.message, /GET \/reports/);
    assert.equal(d.severity, vscode.DiagnosticSeverity.Warning);
    assert.ok(typeof d.code === 'object' && d.code.target.toString().endsWith('sync-blocking-call/README.md'), 'codeDescription links to the docs page');
  });

  test('the preferred quick fix awaits the async form and clears the finding', async () => {
    const uri = workspaceFile(REPORTS);
    const editor = await vscode.window.showTextDocument(uri);
    const [d] = await waitFor('the finding', () => {
      const found = scalelintDiagnostics(uri, 'sync-blocking-call');
      return found.length > 0 ? found : undefined;
    });
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, d.range, vscode.CodeActionKind.QuickFix.value);
    const preferred = actions.find((a) => a.isPreferred && /await/.test(a.title));
    assert.ok(preferred?.edit, `a preferred await fix among: ${actions.map((a) => a.title).join(' | ')}`);
    assert.ok(actions.some((a) => a.title.startsWith('Suppress sync-blocking-call')), 'the suppression fix is offered');
    assert.ok(await vscode.workspace.applyEdit(preferred.edit));
    assert.match(editor.document.getText(), /await readFile\(/);
    await waitFor('the finding to clear', () => (scalelintDiagnostics(uri, 'sync-blocking-call').some((x) => x.range.start.line === d.range.start.line) ? undefined : true));
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  test('Scan Workspace fills the Problems panel for files that are not open', async () => {
    const uri = workspaceFile(UNOPENED);
    assert.equal(scalelintDiagnostics(uri).length, 0, 'nothing is known about the unopened file before the scan');
    const result = await vscode.commands.executeCommand<{ findings: number; analyzed: number }>('scalelint.scanWorkspace');
    assert.ok(result && result.analyzed > 5, 'the scan analysed the service');
    assert.ok(result.findings > 0, 'the scan found the planted anti-patterns');
    await waitFor(`diagnostics for ${UNOPENED}`, () => (scalelintDiagnostics(uri).length > 0 ? true : undefined));
  });

  test('registers its commands', async () => {
    const commands = await vscode.commands.getCommands(true);
    for (const c of ['scalelint.scanWorkspace', 'scalelint.openScalingReport', 'scalelint.restart', 'scalelint.showOutputChannel']) assert.ok(commands.includes(c), c);
  });

  test('Open Scaling Report shows the per-route report', async () => {
    const result = await vscode.commands.executeCommand<{ html: string; findings: number }>('scalelint.openScalingReport');
    assert.ok(result && result.findings > 0);
    assert.match(result.html, /GET \/reports\/:id/);
    assert.ok(!/<script/i.test(result.html), 'the report runs no script');
  });
});
