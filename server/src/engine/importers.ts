/**
 * A file's neighbourhood in its project, found from the files' text without building a program: the
 * project files it imports, and those that import it. The language server's first answer in a large
 * project comes from a program of the open file, what it imports and its importers (the files that
 * register its handlers and mount their routers are among them), when that is a small part of the project.
 */
import * as path from 'node:path';
import { ts } from './typescript';

export interface ImporterSearch {
  /** A project file's text, or undefined when it cannot be read. */
  read(file: string): string | undefined;
  /** The project file an import specifier in `from` resolves to, if any. */
  resolve(specifier: string, from: string): string | undefined;
}

/**
 * What a file is called by the specifiers that import it: `users.service` for `./users.service.ts`,
 * `users` (and `index`) for `../users/index.ts`.
 */
function stemsOf(file: string): string[] {
  const base = path.basename(file).replace(/(\.d)?\.[cm]?[jt]sx?$/, '');
  return base === 'index' ? [path.basename(path.dirname(file)), base] : [base];
}

/** A specifier's last path segment without extension: `../users/users.service.js` → users.service. */
function lastSegment(specifier: string): string {
  return specifier.slice(specifier.lastIndexOf('/') + 1).replace(/\.[cm]?[jt]sx?$/, '');
}

/**
 * The files of `candidates` that import `target`, then those that import them, level by level, up to
 * `limit` files. A file's imports are read only when its text mentions a name of the level, and a
 * specifier is resolved only when its last segment is such a name (or `.`/`..`), so a level costs one
 * text search per file plus a handful of module resolutions.
 */
export function findImporters(target: string, candidates: readonly string[], search: ImporterSearch, limit: number): string[] {
  const found: string[] = [];
  const seen = new Set([target]);
  const texts = new Map<string, string | undefined>();
  const specifiers = new Map<string, readonly string[]>();
  let level = [target];
  while (level.length > 0 && found.length < limit) {
    const wanted = new Set(level);
    const stems = new Set(level.flatMap(stemsOf));
    // A folder's index is imported by the folder's name, which its importers' text then mentions.
    const mentioned = [...new Set(level.map((f) => stemsOf(f)[0]))];
    const next: string[] = [];
    for (const file of candidates) {
      if (seen.has(file) || found.length >= limit) continue;
      if (!texts.has(file)) texts.set(file, search.read(file));
      const text = texts.get(file);
      if (text === undefined || !mentioned.some((s) => text.includes(s))) continue;
      let imports = specifiers.get(file);
      if (!imports) specifiers.set(file, (imports = ts.preProcessFile(text, true, true).importedFiles.map((i) => i.fileName)));
      const importsLevel = imports.some((spec) => {
        const last = lastSegment(spec);
        if (!stems.has(last) && last !== '.' && last !== '..') return false;
        const resolved = search.resolve(spec, file);
        return resolved !== undefined && wanted.has(resolved);
      });
      if (!importsLevel) continue;
      seen.add(file);
      found.push(file);
      next.push(file);
    }
    level = next;
  }
  return found;
}

/** How many project files `file` imports, directly or not, counting itself; undefined beyond `budget`. */
export function countImported(file: string, search: ImporterSearch, budget: number): number | undefined {
  const seen = new Set([file]);
  const queue = [file];
  for (let i = 0; i < queue.length; i++) {
    const text = search.read(queue[i]);
    if (text === undefined) continue;
    for (const { fileName } of ts.preProcessFile(text, true, true).importedFiles) {
      const resolved = search.resolve(fileName, queue[i]);
      if (resolved === undefined || seen.has(resolved)) continue;
      if (seen.size >= budget) return undefined;
      seen.add(resolved);
      queue.push(resolved);
    }
  }
  return seen.size;
}
