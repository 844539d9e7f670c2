/**
 * Builds a project's programs with `ts.createProgram` over a compiler host of our own. (ts-morph's
 * `Project` did this before; standardising every path on every rebuild cost it about half of an edit's
 * program rebuild.) Between builds it keeps:
 * - the `ts.SourceFile` of every file the last program read, handed back as the same object while its
 *   text is unchanged: TypeScript then reuses the program's structure, and the engine's
 *   `WeakMap<ts.SourceFile, …>` caches survive edits to other files. Files that leave the program leave it;
 * - dependencies' declaration files and the default lib files, parsed once per ProjectHost and shared by
 *   its projects while some program holds them, so a monorepo's tsconfigs do not each parse @types/node.
 * The default lib files are the in-memory copies ts-morph ships, so the bundles need no TypeScript on disk.
 * Module resolution is TypeScript's own (a fresh cache per build, resolved imports of unchanged files taken
 * from the previous program), so imports that failed are tried again after files appear on disk.
 */
import * as path from 'node:path';
import { getLibFiles, getLibFolderPath } from '@ts-morph/common';
import { ts } from './typescript';

/** How long answers about which folders exist are kept between builds. */
const DIRECTORY_ANSWERS_MS = 5_000;

/** Where programs look for the default lib files: a folder that exists only in memory. */
const LIB_FOLDER = getLibFolderPath({});
let libTexts: Map<string, string> | undefined;

function libText(fileName: string): string | undefined {
  if (!fileName.startsWith(LIB_FOLDER)) return undefined;
  libTexts ??= new Map(getLibFiles().map((f) => [`${LIB_FOLDER}/${f.fileName}`, f.text]));
  return libTexts.get(fileName);
}

/** TypeScript names files with forward slashes; the caches use the platform's paths, as ProjectHost does. */
const toPlatformPath = path.sep === '/' ? (fileName: string) => fileName : (fileName: string) => path.resolve(fileName);

/**
 * A dependency's declaration file parses the same for any project with the same languageVersion and
 * impliedNodeFormat: TypeScript ignores moduleDetection, jsx and alwaysStrict for declaration files.
 */
function isDependencyDeclaration(fileName: string): boolean {
  return fileName.includes('/node_modules/') && (fileName.endsWith('.d.ts') || fileName.endsWith('.d.mts') || fileName.endsWith('.d.cts'));
}

function parse(fileName: string, text: string, options: ts.CreateSourceFileOptions): ts.SourceFile {
  // Parent pointers everywhere (JSDoc included), as ts-morph set them: rules walk up from nodes the binder may not have visited.
  return ts.createSourceFile(fileName, text, options, true);
}

function isParsedFor(sourceFile: ts.SourceFile, options: ts.CreateSourceFileOptions): boolean {
  return sourceFile.languageVersion === options.languageVersion && sourceFile.impliedNodeFormat === options.impliedNodeFormat;
}

/** Declaration files parsed once and shared by every project of a host, while some project's program holds them. */
export class SharedDeclarations {
  /** By path, then by parse variant (languageVersion and impliedNodeFormat). */
  private readonly files = new Map<string, Map<string, ts.SourceFile>>();
  private readonly heldBy = new Map<object, ReadonlySet<string>>();

  get(file: string, options: ts.CreateSourceFileOptions, fresh: boolean, load: () => ts.SourceFile): ts.SourceFile {
    const variant = `${options.languageVersion}/${options.impliedNodeFormat}`;
    const variants = this.files.get(file);
    let sourceFile = fresh ? undefined : variants?.get(variant);
    if (!sourceFile) {
      sourceFile = load();
      if (variants) variants.set(variant, sourceFile);
      else this.files.set(file, new Map([[variant, sourceFile]]));
    }
    return sourceFile;
  }

  textOf(file: string): string | undefined {
    return this.files.get(file)?.values().next().value?.text;
  }

  /** Its text changed: the next build parses it again. */
  forget(file: string): void {
    this.files.delete(file);
  }

  /** Records the files a holder's current program uses, and drops the files no program uses any more. */
  hold(holder: object, files: ReadonlySet<string>): void {
    this.heldBy.set(holder, files);
    for (const file of this.files.keys()) if (!this.isHeld(file)) this.files.delete(file);
  }

  private isHeld(file: string): boolean {
    for (const files of this.heldBy.values()) if (files.has(file)) return true;
    return false;
  }

  /** A holder is gone; what only it used is dropped at the next `hold`. */
  release(holder: object): void {
    this.heldBy.delete(holder);
  }

  clear(): void {
    this.files.clear();
    this.heldBy.clear();
  }
}

export interface FileSource {
  /** A file's text as the analysis sees it (the editor's, or the disk's); throws when it cannot be read. */
  read(file: string): string;
  /** Whether the editor holds text for a file, which then exists even if the disk does not have it yet. */
  hasOverlay(file: string): boolean;
  /** A project file could not be read; said once, until the file changes. */
  unreadable(file: string, message: string): void;
}

/** A project file as a program read it. */
type LoadedFile = { sourceFile: ts.SourceFile } | { error: string };
/** A file of the last program, or 'changed' since: read it again. */
type FileState = LoadedFile | 'changed';

/** Builds one project's programs, reusing every unchanged file of the previous one. */
export class ProgramBuilder {
  private files = new Map<string, FileState>();
  private sharedFiles: ReadonlySet<string> = new Set();
  /** What the build under way has read; it replaces the above once the program is built. */
  private next: { files: Map<string, FileState>; shared: Set<string> } | undefined;
  private readonly host: ts.CompilerHost;
  /**
   * Which folders exist, remembered for a few seconds: TypeScript asks about each folder again on every
   * build (automatic @types, module resolution), 6 ms an edit at 10,000 files. A folder created since is
   * seen when the answers expire, or at once when the file watcher reports a change (forgetDirectories).
   */
  private directories = { since: 0, exists: new Map<string, boolean>() };
  /**
   * Module resolutions and package.json scopes, kept as long as the folders' answers are. TypeScript
   * would start each build with an empty cache, and its structure reuse then looks up the package.json
   * scope of every dependency file again: about 40 ms an edit with TypeORM's and Express's types.
   */
  private resolutions: ts.ModuleResolutionCache | undefined;

  constructor(
    private readonly options: ts.CompilerOptions,
    private readonly source: FileSource,
    private readonly shared: SharedDeclarations,
  ) {
    this.host = this.createHost();
  }

  build(rootNames: readonly string[], oldProgram: ts.Program | undefined, host = this.host): ts.Program {
    this.next = { files: new Map(), shared: new Set() };
    if (performance.now() - this.directories.since > DIRECTORY_ANSWERS_MS) this.forgetDirectories();
    try {
      const program = ts.createProgram({ rootNames, options: this.options, host, oldProgram });
      this.files = this.next.files;
      this.sharedFiles = this.next.shared;
      return program;
    } finally {
      this.next = undefined;
      this.shared.hold(this, this.sharedFiles);
    }
  }

  /**
   * A program of some files only, for a first answer: an import of a project file resolves only when
   * `keepImport` allows it (dependencies' imports always do). Its project files are parsed apart from
   * this builder's, so no per-file cache (keyed by SourceFile) carries an answer computed with imports
   * missing into a full program; the dependencies' declaration files, most of its cost, are shared.
   */
  buildPartial(rootNames: readonly string[], keepImport: (from: string, to: string) => boolean, cache = this.resolutionCache()): ts.Program {
    const scratch = new ProgramBuilder(this.options, this.source, this.shared);
    const host: ts.CompilerHost = {
      ...scratch.host,
      resolveModuleNameLiterals: (literals, containingFile, redirectedReference, options, containingSourceFile) =>
        resolveLiterals(literals, containingFile, redirectedReference, options, containingSourceFile, scratch.host, cache).map((resolution) => {
          const to = resolution.resolvedModule?.resolvedFileName;
          const kept = to === undefined || to.includes('/node_modules/') || keepImport(toPlatformPath(containingFile), toPlatformPath(to));
          return kept ? resolution : { resolvedModule: undefined };
        }),
      getModuleResolutionCache: () => cache,
    };
    try {
      return scratch.build(rootNames, undefined, host);
    } finally {
      // Its declaration files stay cached until the next full build holds or drops them.
      this.shared.release(scratch);
    }
  }

  /**
   * A module resolution cache for this project's options, for one task: files may have appeared since the
   * last build. A partial build given the cache its importer search filled resolves those imports once.
   */
  resolutionCache(): ts.ModuleResolutionCache {
    return ts.createModuleResolutionCache(this.host.getCurrentDirectory(), (f) => f, this.options);
  }

  /** Resolves imports to project files as this project's options do. */
  importResolver(cache = this.resolutionCache()): (specifier: string, from: string) => string | undefined {
    return (specifier, from) => {
      const resolved = ts.resolveModuleName(specifier, from, this.options, this.host, cache).resolvedModule?.resolvedFileName;
      return resolved === undefined || resolved.includes('/node_modules/') ? undefined : toPlatformPath(resolved);
    };
  }

  private moduleResolutions(): ts.ModuleResolutionCache {
    return (this.resolutions ??= this.resolutionCache());
  }

  /** Files or folders may have appeared or gone: ask the file system again. */
  forgetDirectories(): void {
    this.directories = { since: performance.now(), exists: new Map() };
    this.resolutions = undefined; // made again by the next build: a project's load adds thousands of files
  }

  /** A file's text as programs see it, or undefined when it cannot be read. */
  readText(file: string): string | undefined {
    return this.heldText(file) ?? this.readIfExists(file);
  }

  /** Whether the last program read the file. */
  has(file: string): boolean {
    return this.files.has(file) || this.sharedFiles.has(file);
  }

  /** The text the last program read for a project file, unless it changed since. */
  heldText(file: string): string | undefined {
    const state = this.files.get(file);
    return state !== undefined && state !== 'changed' && 'sourceFile' in state ? state.sourceFile.text : undefined;
  }

  /**
   * A file's text changed (undefined: it cannot be read any more). False only when the last program holds
   * this very text: otherwise the project's version, which callers key their analyses by, must move.
   */
  invalidate(file: string, text: string | undefined): boolean {
    const state = this.files.get(file);
    if (state !== undefined) {
      if (state !== 'changed' && ('sourceFile' in state ? state.sourceFile.text === text : text === undefined)) return false;
      this.files.set(file, 'changed');
    } else if (this.sharedFiles.has(file)) {
      const current = libText(file) ?? this.shared.textOf(file);
      if (current !== undefined && current === text) return false;
      this.shared.forget(file);
    }
    return true;
  }

  private sourceFileFor(fileName: string, options: ts.CreateSourceFileOptions, fresh: boolean, onError?: (message: string) => void): ts.SourceFile | undefined {
    const next = this.next!;
    const file = toPlatformPath(fileName);
    const lib = libText(fileName);
    if (lib !== undefined || isDependencyDeclaration(fileName)) {
      try {
        const sourceFile = this.shared.get(file, options, fresh, () => parse(fileName, lib ?? this.source.read(file), options));
        next.shared.add(file);
        return sourceFile;
      } catch (err) {
        onError?.((err as Error).message); // a dependency's types are missing, as with tsc
        return undefined;
      }
    }
    const cached = this.files.get(file);
    const state = cached === undefined || cached === 'changed' || fresh || ('sourceFile' in cached && !isParsedFor(cached.sourceFile, options)) ? this.load(file, fileName, options) : cached;
    next.files.set(file, state);
    if ('error' in state) {
      onError?.(state.error);
      return undefined;
    }
    return state.sourceFile;
  }

  private load(file: string, fileName: string, options: ts.CreateSourceFileOptions): LoadedFile {
    try {
      return { sourceFile: parse(fileName, this.source.read(file), options) };
    } catch (err) {
      const error = (err as Error).message;
      this.source.unreadable(file, error);
      return { error };
    }
  }

  private readIfExists(fileName: string): string | undefined {
    try {
      return this.source.read(toPlatformPath(fileName));
    } catch {
      return undefined;
    }
  }

  private createHost(): ts.CompilerHost {
    const sys = ts.sys;
    const host: ts.CompilerHost = {
      getSourceFile: (fileName, languageVersionOrOptions, onError, shouldCreateNewSourceFile) => {
        const options = typeof languageVersionOrOptions === 'object' ? languageVersionOrOptions : { languageVersion: languageVersionOrOptions };
        return this.sourceFileFor(fileName, options, shouldCreateNewSourceFile === true, onError);
      },
      getDefaultLibFileName: (options) => `${LIB_FOLDER}/${ts.getDefaultLibFileName(options)}`,
      getDefaultLibLocation: () => LIB_FOLDER,
      writeFile: () => undefined, // programs are never emitted
      getCurrentDirectory: () => sys.getCurrentDirectory(),
      // As ts-morph did: imports resolve to the names the files have, whatever the file system's case rules.
      useCaseSensitiveFileNames: () => true,
      getCanonicalFileName: (fileName) => fileName,
      getNewLine: () => '\n',
      fileExists: (fileName) => libText(fileName) !== undefined || this.source.hasOverlay(toPlatformPath(fileName)) || sys.fileExists(fileName),
      readFile: (fileName) => libText(fileName) ?? this.readIfExists(fileName),
      directoryExists: (dir) => {
        let exists = this.directories.exists.get(dir);
        if (exists === undefined) this.directories.exists.set(dir, (exists = dir === LIB_FOLDER || sys.directoryExists(dir)));
        return exists;
      },
      getDirectories: (dir) => sys.getDirectories(dir),
      realpath: (fileName) => sys.realpath?.(fileName) ?? fileName,
      resolveModuleNameLiterals: (literals, containingFile, redirectedReference, options, containingSourceFile) =>
        resolveLiterals(literals, containingFile, redirectedReference, options, containingSourceFile, host, this.moduleResolutions()),
      getModuleResolutionCache: () => this.moduleResolutions(),
    };
    return host;
  }
}

/** Resolves a file's imports as TypeScript's own resolver does, through the given cache. */
function resolveLiterals(
  literals: readonly ts.StringLiteralLike[],
  containingFile: string,
  redirectedReference: ts.ResolvedProjectReference | undefined,
  options: ts.CompilerOptions,
  containingSourceFile: ts.SourceFile,
  host: ts.ModuleResolutionHost,
  cache: ts.ModuleResolutionCache,
): ts.ResolvedModuleWithFailedLookupLocations[] {
  return literals.map((literal) => {
    const mode = ts.getModeForUsageLocation(containingSourceFile, literal, redirectedReference?.commandLine.options ?? options);
    return ts.resolveModuleName(literal.text, containingFile, options, host, cache, redirectedReference, mode);
  });
}
