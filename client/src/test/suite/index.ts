/**
 * The extension-host test suite, with the `run()` contract that @vscode/test-electron and the
 * code-server launcher (e2e/run.sh) both use. Test files are bundled in; mocha comes from node_modules.
 */
import Mocha from 'mocha';

export async function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'tdd', color: false, timeout: 60_000, reporter: 'spec' });
  // Define suite()/test() globals before the (bundled) test modules evaluate.
  mocha.suite.emit('pre-require', globalThis, 'extension.test.js', mocha);
  require('./extension.test');
  const failures = await new Promise<number>((resolve) => mocha.run(resolve));
  if (failures > 0) throw new Error(`${failures} extension test(s) failed`);
}
