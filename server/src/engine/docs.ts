/**
 * Where the rules' docs pages live at run time. The same code runs from the bundle (`server/out`),
 * from the test build (`out/server/src/...`) and from an installed extension, so the package root is
 * found by walking up to Scalelint's own package.json.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';

let packageRoot: string | undefined;

export function getPackageRoot(): string {
  if (packageRoot) return packageRoot;
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    try {
      const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as { name?: string };
      if (pkg.name === 'scalelint') return (packageRoot = dir);
    } catch {
      // not here; keep walking up
    }
    if (path.dirname(dir) === dir) return (packageRoot = path.resolve(__dirname, '..', '..'));
  }
}

/** The rule's page; findings about suppression comments point at the README's section on them. */
export function getRuleDocsPath(ruleId: string): string {
  const page = path.join(getPackageRoot(), 'rules', ruleId, 'README.md');
  return fs.existsSync(page) ? page : path.join(getPackageRoot(), 'README.md');
}

/** A link the editor can open offline: the docs page shipped with the extension. */
export function getRuleDocsUri(ruleId: string): string {
  return pathToFileURL(getRuleDocsPath(ruleId)).href;
}

export function readRuleDocs(ruleId: string): string | undefined {
  try {
    return fs.readFileSync(getRuleDocsPath(ruleId), 'utf8');
  } catch {
    return undefined;
  }
}

export function getVersion(): string {
  try {
    return (JSON.parse(fs.readFileSync(path.join(getPackageRoot(), 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return '0.0.0';
  }
}
