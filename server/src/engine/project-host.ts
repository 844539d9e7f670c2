/**
 * Maps workspace files to TypeScript projects. Every `tsconfig.json` in the workspace is a project
 * (monorepos have many); files no tsconfig includes go to one inferred project per workspace root
 * (allowJs, modern resolution). Open-editor text overlays disk text. Each change bumps the owning
 * project's version; the program is rebuilt lazily (compiler-host.ts), reusing every unchanged source file.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ts } from './typescript';
import { ProgramBuilder, SharedDeclarations, type FileSource } from './compiler-host';
import type { Notice } from './finding';
import { countImported, findImporters } from './importers';
import { isInNodeModules, isSourceFile, listFolder } from './file-filter';

interface TsconfigEntry {
  path: string;
  dir: string;
  options: ts.CompilerOptions;
  fileNames: Set<string>;
}

/** A bound on configurations followed through `references`, against reference cycles and generated sprawl. */
const MAX_TSCONFIGS = 500;

const INFERRED_OPTIONS: ts.CompilerOptions = {
  allowJs: true,
  checkJs: false,
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  esModuleInterop: true,
  resolveJsonModule: true,
  jsx: ts.JsxEmit.Preserve,
  experimentalDecorators: true,
  skipLibCheck: true,
  noEmit: true,
};

/** Diagnostics that describe an empty or solution-style tsconfig rather than a broken one. */
const HARMLESS_CONFIG_CODES = new Set([18003 /* No inputs were found */]);

export class LoadedProject {
  /** Bumped on every change to a file of this project. */
  version = 0;
  private program: ts.Program | undefined;
  private programVersion = -1;
  /** The files the project lists itself (its tsconfig's, or the inferred ones), in the order they were added. */
  private readonly roots = new Set<string>();
  private ownFilesInOrder: string[] | undefined;

  constructor(
    readonly id: string,
    private readonly builder: ProgramBuilder,
    /** The folder whose files this project owns (the tsconfig's folder, or the workspace root). */
    readonly rootDir: string,
    readonly tsconfig: string | undefined,
  ) {}

  /** The current program; rebuilt only when the version moved. */
  getProgram(): ts.Program {
    if (!this.program || this.programVersion !== this.version) {
      this.program = this.builder.build([...this.roots], this.program);
      this.programVersion = this.version;
    }
    return this.program;
  }

  /** Whether a full program was ever built (a first answer may then come from a partial one). */
  get isCold(): boolean {
    return this.program === undefined;
  }

  /**
   * A program of `file`, everything it imports, and the project files that import it (directly or
   * through other importers, up to `limits.importers`), whose other imports of project files stay
   * unresolved: enough for the file's own handlers, the routes that register them and their mounts.
   * Returns it with the project's files it holds, in project order; undefined when the file imports
   * more than `limits.imported` project files (a full program then costs little more).
   */
  getPartialProgram(file: string, limits: { importers: number; imported: number }): { program: ts.Program; files: string[] } | undefined {
    const cache = this.builder.resolutionCache();
    const search = { read: (f: string) => this.builder.readText(f), resolve: this.builder.importResolver(cache) };
    if (countImported(file, search, limits.imported) === undefined) return undefined;
    const importers = findImporters(file, this.ownFiles(), search, limits.importers);
    const importerSet = new Set(importers);
    const roots = new Set([file, ...importers]);
    const program = this.builder.buildPartial([...roots], (from, to) => !importerSet.has(from) || roots.has(to), cache);
    return { program, files: this.ownFiles().filter((f) => program.getSourceFile(f) !== undefined) };
  }

  getSourceFile(file: string): ts.SourceFile | undefined {
    return this.getProgram().getSourceFile(file);
  }

  /** Whether the project lists the file, or its last program read it (a dependency, a file imported from outside). */
  hasFile(file: string): boolean {
    return this.roots.has(file) || this.builder.has(file);
  }

  /** The text its last program read for a file, unless it changed since. */
  heldText(file: string): string | undefined {
    return this.builder.heldText(file);
  }

  /** The project's own analysable files (not declaration files, not dependencies). */
  ownFiles(): string[] {
    this.ownFilesInOrder ??= [...this.roots].filter((f) => isSourceFile(f) && !isInNodeModules(f)).sort(byFolderDepth);
    return this.ownFilesInOrder;
  }

  addFile(file: string): void {
    this.builder.forgetDirectories(); // an import that did not resolve may resolve to it now
    this.roots.add(file);
    this.ownFilesInOrder = undefined;
    this.version++;
  }

  removeFile(file: string): void {
    this.builder.forgetDirectories();
    this.roots.delete(file);
    this.ownFilesInOrder = undefined;
    this.builder.invalidate(file, undefined);
    this.version++;
  }

  /** Something changed on disk: folders may have appeared or gone. */
  forgetDirectories(): void {
    this.builder.forgetDirectories();
  }

  /** A file's text changed (undefined: it cannot be read); the version moves unless the program holds this text. */
  fileChanged(file: string, text: string | undefined): void {
    if (this.hasFile(file) && this.builder.invalidate(file, text)) this.version++;
  }
}

const folderNameOrder = new Intl.Collator('en-US-u-kf-upper');

/**
 * Shallower folders first, then by folder and file name: the order ts-morph listed a project's files in.
 * Entry points are collected in this order, and the first to reach a helper names its route.
 */
function byFolderDepth(a: string, b: string): number {
  const pa = a.split(path.sep);
  const pb = b.split(path.sep);
  if (pa.length !== pb.length) return pa.length - pb.length;
  for (let i = 0; i < pa.length; i++) {
    const order = folderNameOrder.compare(pa[i], pb[i]);
    if (order !== 0) return order;
  }
  return 0;
}

export interface ProjectHostOptions {
  /** Folders the user opened or asked to scan. */
  roots: string[];
  /** Whether a file with no tsconfig belongs in the inferred project (e.g. not gitignored build output). */
  includeInInferred?: (file: string) => boolean;
}

export class ProjectHost {
  private configs: TsconfigEntry[] | undefined;
  private unownedByRoot: Map<string, string[]> | undefined;
  private readonly projects = new Map<string, LoadedProject>();
  private readonly overlays = new Map<string, string>();
  private readonly sharedDeclarations = new SharedDeclarations();
  private readonly fileSource: FileSource = {
    read: (file) => this.programText(file),
    hasOverlay: (file) => this.overlays.has(file),
    unreadable: (file, message) => this.notices.push({ kind: 'project-error', file, message: `cannot load: ${message}` }),
  };
  private readonly roots: string[];
  readonly notices: Notice[] = [];

  constructor(private readonly options: ProjectHostOptions) {
    this.roots = options.roots.map((r) => path.resolve(r));
  }

  /** Which project owns `file` (its tsconfig, or the inferred project of its root), without loading it. */
  projectIdOf(file: string): string {
    const abs = path.resolve(file);
    return this.configFor(abs)?.path ?? `inferred:${this.rootFor(abs)}`;
  }

  /** The project that owns `file`, loading it on first use. */
  projectFor(file: string): LoadedProject {
    const abs = path.resolve(file);
    const config = this.configFor(abs);
    const id = config ? config.path : `inferred:${this.rootFor(abs)}`;
    let loaded = this.projects.get(id);
    if (!loaded) {
      loaded = config ? this.loadConfigured(config) : this.loadInferred(this.rootFor(abs));
      this.projects.set(id, loaded);
    }
    if (!loaded.hasFile(abs)) loaded.addFile(abs);
    return loaded;
  }

  /** Every file a full scan analyses: tsconfig files under the roots and the rest of the roots' sources. */
  listFiles(): string[] {
    this.discover();
    const files = new Set<string>();
    for (const c of this.configs!) for (const f of c.fileNames) if (this.isUnderRoots(f) && isSourceFile(f) && !isInNodeModules(f)) files.add(f);
    for (const list of this.unownedByRoot!.values()) for (const f of list) files.add(f);
    return [...files].sort();
  }

  /** Loaded projects, for callers that cache per project version. */
  loadedProjects(): LoadedProject[] {
    return [...this.projects.values()];
  }

  setOverlay(file: string, text: string): void {
    const abs = path.resolve(file);
    if (this.overlays.get(abs) === text) return;
    // A file only the editor has (new, unsaved) exists for imports from now on, in every project.
    if (!this.overlays.has(abs) && !fs.existsSync(abs)) this.forgetDirectories();
    this.overlays.set(abs, text);
    for (const p of this.projects.values()) p.fileChanged(abs, text);
  }

  getOverlay(file: string): string | undefined {
    return this.overlays.get(path.resolve(file));
  }

  /** The editor closed the file: disk text applies again. */
  clearOverlay(file: string): void {
    const abs = path.resolve(file);
    if (!this.overlays.delete(abs)) return;
    if (!fs.existsSync(abs)) this.forgetDirectories();
    this.refreshFromDisk(abs);
  }

  private forgetDirectories(): void {
    for (const p of this.projects.values()) p.forgetDirectories();
  }

  /** A file changed, appeared or disappeared on disk. */
  fileChangedOnDisk(file: string): void {
    const abs = path.resolve(file);
    if (path.basename(abs) === 'tsconfig.json' || abs.endsWith('.json') && path.basename(abs).startsWith('tsconfig')) {
      this.reset();
      return;
    }
    this.forgetDirectories();
    if (this.overlays.has(abs)) return; // the editor's text wins until it is closed
    this.refreshFromDisk(abs);
  }

  /**
   * The text the analysis sees for a file, as a program parses it (programText): the one a program
   * already read when nothing changed it since, so a scan reads each file once.
   */
  readText(file: string): string | undefined {
    const abs = path.resolve(file);
    for (const p of this.projects.values()) {
      const held = p.heldText(abs);
      if (held !== undefined) return held;
    }
    try {
      return this.programText(abs);
    } catch {
      return undefined;
    }
  }

  /** Forget all projects (a tsconfig changed); they reload lazily. Overlays stay. */
  reset(): void {
    this.configs = undefined;
    this.unownedByRoot = undefined;
    this.projects.clear();
    this.sharedDeclarations.clear();
  }

  /**
   * The text a program parses: the editor's, or the disk's without its byte-order mark (the editor's text
   * has none, and finding offsets must not move when the file is opened). Throws when it cannot be read.
   */
  private programText(abs: string): string {
    const overlay = this.overlays.get(abs);
    if (overlay !== undefined) return overlay;
    const text = fs.readFileSync(abs, 'utf8');
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  }

  private refreshFromDisk(abs: string): void {
    let text: string | undefined;
    try {
      text = this.programText(abs);
    } catch {
      text = undefined;
    }
    const exists = text !== undefined || fs.existsSync(abs);
    for (const p of this.projects.values()) {
      if (p.hasFile(abs)) {
        if (exists) p.fileChanged(abs, text);
        else p.removeFile(abs);
      } else if (exists && p.tsconfig === undefined && this.rootFor(abs) === p.rootDir && this.configFor(abs) === undefined) {
        p.addFile(abs);
      }
    }
    if (!exists) this.unownedByRoot?.forEach((list, root) => this.unownedByRoot!.set(root, list.filter((f) => f !== abs)));
  }

  private loadConfigured(config: TsconfigEntry): LoadedProject {
    const loaded = this.createProject(config.path, withAutomaticTypes({ ...config.options, noEmit: true }), config.dir, config.path);
    for (const f of config.fileNames) if (!isInNodeModules(f)) loaded.addFile(f);
    return loaded;
  }

  private loadInferred(root: string): LoadedProject {
    this.discover();
    const loaded = this.createProject(`inferred:${root}`, withAutomaticTypes({ ...INFERRED_OPTIONS, configFilePath: path.join(root, 'tsconfig.json') }), root, undefined);
    for (const f of this.unownedByRoot!.get(root) ?? []) loaded.addFile(f);
    return loaded;
  }

  private createProject(id: string, options: ts.CompilerOptions, rootDir: string, tsconfig: string | undefined): LoadedProject {
    return new LoadedProject(id, new ProgramBuilder(options, this.fileSource, this.sharedDeclarations), rootDir, tsconfig);
  }

  /** The nearest tsconfig (deepest folder) that includes the file. */
  private configFor(abs: string): TsconfigEntry | undefined {
    this.discover();
    return this.configs!.find((c) => c.fileNames.has(abs));
  }

  private rootFor(abs: string): string {
    const containing = this.roots.filter((r) => isUnder(abs, r)).sort((a, b) => b.length - a.length);
    return containing[0] ?? path.dirname(abs);
  }

  private isUnderRoots(abs: string): boolean {
    return this.roots.some((r) => isUnder(abs, r));
  }

  private discover(): void {
    if (this.configs) return;
    const configPaths = new Set<string>();
    const sources: string[] = [];
    for (const root of this.roots) {
      const contents = listFolder(root);
      contents.tsconfigs.forEach((c) => configPaths.add(c));
      sources.push(...contents.sources);
      const above = findTsconfigAbove(root);
      if (above) configPaths.add(above);
    }
    // Solution-style configs (`"files": []` with `references`, as Nx and `tsc -b` setups write them)
    // own no files themselves: the referenced configs (`tsconfig.app.json`) carry the files and `paths`.
    const configs: TsconfigEntry[] = [];
    const queue = [...configPaths];
    for (let i = 0; i < queue.length && i < MAX_TSCONFIGS; i++) {
      const parsed = this.parseTsconfig(queue[i]);
      if (!parsed) continue;
      configs.push(parsed.entry);
      for (const ref of parsed.references) if (!queue.includes(ref)) queue.push(ref);
    }
    this.configs = configs.sort((a, b) => b.dir.length - a.dir.length);
    this.unownedByRoot = new Map();
    const include = this.options.includeInInferred ?? (() => true);
    for (const f of sources) {
      if (this.configs.some((c) => c.fileNames.has(f)) || !include(f)) continue;
      const root = this.rootFor(f);
      const list = this.unownedByRoot.get(root) ?? [];
      list.push(f);
      this.unownedByRoot.set(root, list);
    }
  }

  private parseTsconfig(configPath: string): { entry: TsconfigEntry; references: string[] } | undefined {
    const errors: string[] = [];
    const host: ts.ParseConfigFileHost = {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (d) => errors.push(ts.flattenDiagnosticMessageText(d.messageText, '\n')),
    };
    let parsed: ts.ParsedCommandLine | undefined;
    try {
      parsed = ts.getParsedCommandLineOfConfigFile(configPath, undefined, host);
    } catch (err) {
      errors.push((err as Error).message);
    }
    for (const d of parsed?.errors ?? []) {
      if (!HARMLESS_CONFIG_CODES.has(d.code)) errors.push(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
    }
    if (errors.length > 0) {
      const usable = parsed !== undefined && parsed.fileNames.length > 0;
      this.notices.push({
        kind: 'project-error',
        file: configPath,
        message: `${errors.join('; ')}${usable ? '' : ' — its files are analysed with default settings'}`,
      });
      if (!usable) return undefined;
    }
    return {
      entry: { path: configPath, dir: path.dirname(configPath), options: parsed!.options, fileNames: new Set(parsed!.fileNames.map((f) => path.resolve(f))) },
      references: (parsed!.projectReferences ?? []).map((r) => path.resolve(ts.resolveProjectReferencePath(r))).filter((f) => fs.existsSync(f)),
    };
  }
}

/**
 * TypeScript 6 no longer includes every `@types` package by default; projects written for 5.x (most of
 * them) rely on it for `node`'s ambient modules. Where a tsconfig does not choose, keep the 5.x behaviour.
 */
function withAutomaticTypes(options: ts.CompilerOptions): ts.CompilerOptions {
  return options.types === undefined ? { ...options, types: ['*'] } : options;
}

function isUnder(file: string, dir: string): boolean {
  const rel = path.relative(dir, file);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

function findTsconfigAbove(root: string): string | undefined {
  for (let d = path.dirname(root); ; d = path.dirname(d)) {
    const candidate = path.join(d, 'tsconfig.json');
    if (fs.existsSync(candidate)) return candidate;
    if (path.dirname(d) === d) return undefined;
  }
}
