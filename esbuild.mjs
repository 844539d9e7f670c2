// Bundles the three shipped entry points (extension client, language server, CLI) and the
// extension-host test suite. Type checking is `tsc -p .`, a separate step.
import * as esbuild from 'esbuild';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  // Prefer ES module builds: jsonc-parser's UMD main loads its parts with dynamic requires esbuild cannot follow.
  mainFields: ['module', 'main'],
  // `vscode` is provided by the editor at run time.
  external: ['vscode'],
};

const builds = [
  { entryPoints: { 'client/out/extension': 'client/src/extension.ts' } },
  { entryPoints: { 'server/out/server': 'server/src/server.ts', 'server/out/cli': 'server/src/cli.ts' } },
  // Runs inside VS Code's extension host; mocha is loaded from node_modules there.
  { entryPoints: { 'client/out/test/suite/index': 'client/src/test/suite/index.ts' }, external: ['vscode', 'mocha'] },
];

const contexts = await Promise.all(builds.map((b) => esbuild.context({ ...common, ...b, outdir: '.', external: b.external ?? common.external })));
if (watch) {
  await Promise.all(contexts.map((c) => c.watch()));
} else {
  await Promise.all(contexts.map((c) => c.rebuild()));
  await Promise.all(contexts.map((c) => c.dispose()));
}
