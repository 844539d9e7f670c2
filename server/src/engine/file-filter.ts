/**
 * Decides which files are analysed: the projects' own JS/TS sources, never `node_modules` or declaration
 * files, and by default not gitignored, generated, minified or oversized files. A skipped file gets a
 * reason so the user can see why a file has no findings.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import ignore, { type Ignore } from 'ignore';
import picomatch from 'picomatch';

export const SOURCE_EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'];
const SKIPPED_DIRECTORIES = new Set(['node_modules', '.git', '.hg', '.svn']);

export function isSourceFile(file: string): boolean {
  if (/\.d\.[cm]?ts$/.test(file)) return false;
  return SOURCE_EXTENSIONS.includes(path.extname(file));
}

export function isInNodeModules(file: string): boolean {
  return file.split(/[\\/]/).includes('node_modules');
}

export interface FilterSettings {
  maxFileSizeKb: number;
  analyzeGitignored: boolean;
  analyzeGenerated: boolean;
  /** Globs, and the folder they are relative to. */
  ignore: { globs: string[]; base: string };
}

/** Why a file is not analysed, or undefined when it is. */
export type SkipReason = string | undefined;

const GENERATED_HEADER = /@generated\b|\bcode generated\b[^\n]*\bdo not edit\b|\bauto-?generated\b[^\n]*\bdo not (edit|modify)\b/i;
const HEADER_BYTES = 2048;
/** A line this long in the head of a file means minified or bundled output. */
const MINIFIED_LINE_LENGTH = 2000;

export class FileFilter {
  private readonly gitignores = new Map<string, Ignore | null>();
  private readonly matchers = new Map<string, (p: string) => boolean>();

  constructor(private readonly root: string) {}

  /** `text` is passed when it is already in memory (an open editor); otherwise the head is read from disk. */
  skipReason(file: string, settings: FilterSettings, text?: string): SkipReason {
    if (!isSourceFile(file)) return 'not a JavaScript or TypeScript source file';
    if (isInNodeModules(file)) return 'inside node_modules';
    if (settings.ignore.globs.length > 0 && this.isIgnoredByConfig(file, settings.ignore)) return 'matches an ignore glob in the configuration';
    if (!settings.analyzeGitignored && this.isGitignored(file)) return 'ignored by .gitignore';
    let size: number;
    let head: string;
    if (text !== undefined) {
      size = Buffer.byteLength(text);
      head = text.slice(0, HEADER_BYTES);
    } else {
      try {
        size = fs.statSync(file).size;
        head = readHead(file);
      } catch (err) {
        return `cannot be read (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`;
      }
    }
    if (size > settings.maxFileSizeKb * 1024) {
      return `larger than maxFileSizeKb (${Math.round(size / 1024)} KB > ${settings.maxFileSizeKb} KB)`;
    }
    if (head.includes('\0')) return 'binary content';
    if (!settings.analyzeGenerated) {
      if (GENERATED_HEADER.test(head)) return 'generated (its header says so)';
      if (head.split('\n').some((l) => l.length >= MINIFIED_LINE_LENGTH)) return 'minified or bundled (very long lines)';
    }
    return undefined;
  }

  private isIgnoredByConfig(file: string, { globs, base }: FilterSettings['ignore']): boolean {
    const key = `${base}\0${globs.join('\0')}`;
    let match = this.matchers.get(key);
    if (!match) {
      match = picomatch(globs, { dot: true });
      this.matchers.set(key, match);
    }
    return match(toPosix(path.relative(base, file)));
  }

  /** Honours every `.gitignore` from the root down to the file's folder. */
  isGitignored(file: string): boolean {
    const rel = path.relative(this.root, file);
    if (rel.startsWith('..') || path.isAbsolute(rel)) return false;
    const segments = rel.split(path.sep);
    let dir = this.root;
    for (let i = 0; i < segments.length; i++) {
      const ig = this.loadGitignore(dir);
      const relToDir = toPosix(path.join(...segments.slice(i)));
      if (ig?.ignores(relToDir)) return true;
      dir = path.join(dir, segments[i]);
    }
    return false;
  }

  private loadGitignore(dir: string): Ignore | null {
    let ig = this.gitignores.get(dir);
    if (ig === undefined) {
      try {
        ig = ignore().add(fs.readFileSync(path.join(dir, '.gitignore'), 'utf8'));
      } catch {
        ig = null;
      }
      this.gitignores.set(dir, ig);
    }
    return ig;
  }

  /** Forget cached `.gitignore` contents (one changed on disk). */
  invalidate(): void {
    this.gitignores.clear();
  }
}

function readHead(file: string): string {
  const fd = fs.openSync(file, 'r');
  try {
    const buf = Buffer.alloc(HEADER_BYTES);
    const n = fs.readSync(fd, buf, 0, HEADER_BYTES, 0);
    return buf.subarray(0, n).toString('utf8');
  } finally {
    fs.closeSync(fd);
  }
}

export function toPosix(p: string): string {
  return p.split(path.sep).join('/');
}

export interface FolderContents {
  sources: string[];
  tsconfigs: string[];
}

/**
 * Every source file and every `tsconfig.json` (monorepos have many) below `dir`, in one walk, skipping
 * dependency and VCS folders and symlinked directories (which can loop). Unreadable folders are skipped.
 */
export function listFolder(dir: string, out: FolderContents = { sources: [], tsconfigs: [] }): FolderContents {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return out;
  }
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRECTORIES.has(entry.name)) listFolder(full, out);
    } else if (entry.isFile()) {
      if (entry.name === 'tsconfig.json') out.tsconfigs.push(full);
      else if (isSourceFile(entry.name)) out.sources.push(full);
    }
  }
  return out;
}
