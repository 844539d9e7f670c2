// The typed-ESLint reference of `npm run bench`: typescript-eslint's typed parser with two rules close
// to what Scalelint checks. bench.mjs runs ESLint's own command line with this file (`-c`), in the
// scanned project's folder, with SCALELINT_BENCH_TSCONFIG naming the project's tsconfig.json.
//
// `n/no-sync` consults types only when its `ignores` option has an object entry, and then needs the
// typed parser: `{ from: 'file' }` ignores *Sync functions the project declares itself (Scalelint's
// "your own readSync is not flagged"), so every *Sync call is resolved through the checker.
import * as path from 'node:path';
import tsParser from '@typescript-eslint/parser';
import n from 'eslint-plugin-n';

const tsconfig = process.env.SCALELINT_BENCH_TSCONFIG ? path.resolve(process.env.SCALELINT_BENCH_TSCONFIG) : path.resolve('tsconfig.json');

export default [
  {
    files: ['**/*.ts', '**/*.tsx', '**/*.mts', '**/*.cts'],
    languageOptions: {
      parser: tsParser,
      parserOptions: { project: tsconfig, tsconfigRootDir: path.dirname(tsconfig) },
    },
    plugins: { n },
    linterOptions: { reportUnusedDisableDirectives: 'off' },
    rules: {
      'n/no-sync': ['error', { ignores: [{ from: 'file' }] }],
      'no-await-in-loop': 'error',
    },
  },
];
