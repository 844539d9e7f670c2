/**
 * Facts about a program's files that outlive the program. In the language server every edit builds a
 * new program, but TypeScript hands it the unchanged files' `SourceFile` objects again, so results
 * computed file by file are reused while the file, and the project files it imports, are the same
 * objects: an edit re-reads one file instead of the project.
 */
import { ts } from './typescript';
import { projectSourceFiles } from './api-resolve';
import { declarationDigest, declaredFunctions } from './declaration-digest';

/**
 * The program's file by the name TypeScript gave it (`sf.fileName`), looked up in the program's own
 * table: `program.getSourceFile` normalises the path on every call. Our compiler host keeps file names
 * as they are (case-sensitive, no canonical form), so a file's name is its key there.
 */
export function programFile(program: ts.Program, fileName: string): ts.SourceFile | undefined {
  return program.getSourceFileByPath(fileName as ts.Path);
}

/** Whether a node computed on an earlier program still belongs to `program` (its file was not edited since). */
export function isLiveIn(program: ts.Program, node: ts.Node | undefined): boolean {
  if (!node) return true;
  const sf = node.getSourceFile();
  return programFile(program, sf.fileName) === sf;
}

/**
 * Whether what was worked out through `deps` (the project files a file imports, as they were then)
 * still holds in `program`: each is the same file, or a version of it that declares the same
 * (declarationDigest), so the file's calls and types resolve as before. The list moves on to the
 * program's versions, so it holds no replaced file.
 */
export function importsDeclareSameIn(program: ts.Program, deps: ts.SourceFile[]): boolean {
  for (let i = 0; i < deps.length; i++) {
    const current = programFile(program, deps[i].fileName);
    if (current === deps[i]) continue;
    if (!declaresSame(deps[i], current)) return false;
    deps[i] = current;
  }
  return true;
}

/** Whether `current`, a later version of `earlier`, declares the same (see declarationDigest). */
function declaresSame(earlier: ts.SourceFile, current: ts.SourceFile | undefined): current is ts.SourceFile {
  const digest = current && declarationDigest(current);
  return digest !== undefined && digest === declarationDigest(earlier);
}

/**
 * `fn`, found on an earlier program, in `program`: itself while its file is unchanged, or the function
 * at its place in the file's new version when that declares the same (declarationDigest); undefined
 * when neither.
 */
export function functionIn(program: ts.Program, fn: ts.FunctionLikeDeclaration): ts.FunctionLikeDeclaration | undefined {
  const sf = fn.getSourceFile();
  const current = programFile(program, sf.fileName);
  if (current === sf) return fn;
  if (!declaresSame(sf, current)) return undefined;
  const moved = declaredFunctions(current)[declaredFunctions(sf).indexOf(fn)];
  return moved?.kind === fn.kind && ts.getNameOfDeclaration(moved)?.getText() === ts.getNameOfDeclaration(fn)?.getText() ? moved : undefined;
}

/**
 * The project files a file imports or re-exports, as this program resolves them. A result about the
 * file is stale when one of them changed: a name that did not resolve before may resolve now.
 */
export function projectImportsOf(sf: ts.SourceFile, checker: ts.TypeChecker): ts.SourceFile[] {
  const deps: ts.SourceFile[] = [];
  for (const statement of sf.statements) {
    const specifier = ts.isImportDeclaration(statement) || ts.isExportDeclaration(statement) ? statement.moduleSpecifier : undefined;
    if (!specifier) continue;
    const target = checker.getSymbolAtLocation(specifier)?.valueDeclaration;
    if (target && ts.isSourceFile(target) && !target.isDeclarationFile) deps.push(target);
  }
  return deps;
}

/**
 * A result per file, recomputed when the file is new or edited, or a project file it imports is.
 * Values must be syntax or plain data: symbols and types belong to one program's checker.
 */
export class PerFileCache<T> {
  private readonly entries = new WeakMap<ts.SourceFile, { deps: readonly ts.SourceFile[]; value: T }>();

  get(sf: ts.SourceFile, program: ts.Program, compute: () => T): T {
    const hit = this.entries.get(sf);
    if (hit && hit.deps.every((d) => isLiveIn(program, d))) return hit.value;
    const value = compute();
    this.entries.set(sf, { deps: projectImportsOf(sf, program.getTypeChecker()), value });
    return value;
  }
}

const mentionCache = new WeakMap<ts.SourceFile, Map<string, boolean>>();

/** Whether a file's text contains `text`, remembered per file: whole-program scans test it on every program. */
export function fileMentions(sf: ts.SourceFile, text: string): boolean {
  let perFile = mentionCache.get(sf);
  if (!perFile) mentionCache.set(sf, (perFile = new Map()));
  let found = perFile.get(text);
  if (found === undefined) perFile.set(text, (found = sf.text.includes(text)));
  return found;
}

/**
 * The last few name lists asked about, each with the positions found per file (held weakly: a file
 * replaced by an edit, or a dropped project, takes its entry with it). An edit asks the same questions
 * on each new program, whose files are the same objects but one.
 */
const mentionsByNames = new Map<string, WeakMap<ts.SourceFile, readonly number[]>>();
const MENTION_LISTS_REMEMBERED = 32;
const NONE: readonly number[] = [];

/**
 * The project files that have one of `names` as a whole word, with the positions, ascending. A file
 * already searched for the same names is not read again.
 */
export function mentionsOf(names: readonly string[], program: ts.Program): ReadonlyMap<ts.SourceFile, readonly number[]> {
  const key = JSON.stringify(names);
  const byFile = mentionsByNames.get(key) ?? new WeakMap<ts.SourceFile, readonly number[]>();
  mentionsByNames.delete(key);
  if (mentionsByNames.size >= MENTION_LISTS_REMEMBERED) mentionsByNames.delete(mentionsByNames.keys().next().value!);
  mentionsByNames.set(key, byFile);
  const found = new Map<ts.SourceFile, readonly number[]>();
  for (const sf of projectSourceFiles(program)) {
    let positions = byFile.get(sf);
    if (!positions) {
      const all = positionsOf(sf.text, names);
      byFile.set(sf, (positions = all.length > 0 ? all : NONE));
    }
    if (positions.length > 0) found.set(sf, positions);
  }
  return found;
}

/** Where any of `names` occurs in `text` as a whole word, in ascending order. */
export function positionsOf(text: string, names: readonly string[]): number[] {
  return names.flatMap((name) => wordPositions(text, name)).sort((a, b) => a - b);
}

/** Where `name` occurs in `text` as a whole word (not part of a longer name), the first `limit` of them. */
export function wordPositions(text: string, name: string, limit = Infinity): number[] {
  const found: number[] = [];
  for (let i = text.indexOf(name); i >= 0 && found.length < limit; i = text.indexOf(name, i + 1)) if (isWholeWordAt(text, i, name.length)) found.push(i);
  return found;
}

const isIdentifierChar = (code: number) =>
  (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 36 || code === 95 || (code > 127 && ts.isIdentifierPart(code, ts.ScriptTarget.Latest));

/** Whether the `length` characters at `i` are a whole identifier, not part of a longer one. */
function isWholeWordAt(text: string, i: number, length: number): boolean {
  return !isIdentifierChar(text.charCodeAt(i - 1)) && !isIdentifierChar(text.charCodeAt(i + length));
}
