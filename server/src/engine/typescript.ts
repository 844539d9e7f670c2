/**
 * The TypeScript API that ts-morph bundles, bound once. Imported as `import { ts } from 'ts-morph'`,
 * every `ts.isIdentifier` in a bundle goes through two property getters (esbuild's CommonJS interop
 * and ts-morph's re-export) — several percent of a scan on hot paths.
 */
import * as tsMorph from 'ts-morph';

export import ts = tsMorph.ts;
