/**
 * Maps workspace files to TypeScript projects. Every `tsconfig.json` in the workspace is a project
 * (monorepos have many); files no tsconfig includes go to one inferred project per workspace root
 * (allowJs, modern resolution). Open-editor text overlays disk text. Each change bumps the owning
 * project's version; ts-morph rebuilds the program lazily and reuses every unchanged source file.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Project } from 'ts-morph';
import { ts } from './typescript';
import type { Notice } from './finding';
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

  constructor(
    readonly id: string,
    readonly project: Project,
    /** The folder whose files this project owns (the tsconfig's folder, or the workspace root). */
    readonly rootDir: string,
    readonly tsconfig: string | undefined,
  ) {}

  /** The current program; rebuilt only when the version moved. */
  getProgram(): ts.Program {
    if (!this.program || this.programVersion !== this.version) {
      this.program = this.project.getProgram().compilerObject;
      this.programVersion = this.version;
    }
    return this.program;
  }

  getSourceFile(file: string): ts.SourceFile | undefined {
    return this.getProgram().getSourceFile(file);
  }

  hasFile(file: string): boolean {
    return this.project.getSourceFile(file) !== undefined;
  }

  /** The project's own analysable files (not declaration files, not dependencies). */
  ownFiles(): string[] {
    return this.project
      .getSourceFiles()
      .map((sf) => sf.getFilePath() as string)
      .filter((f) => isSourceFile(f) && !isInNodeModules(f));
  }
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
    if (!loaded.hasFile(abs)) this.addFile(loaded, abs);
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
    this.overlays.set(abs, text);
    for (const p of this.projects.values()) {
      if (p.hasFile(abs)) {
        p.project.createSourceFile(abs, text, { overwrite: true });
        p.version++;
      }
    }
  }

  getOverlay(file: string): string | undefined {
    return this.overlays.get(path.resolve(file));
  }

  /** The editor closed the file: disk text applies again. */
  clearOverlay(file: string): void {
    const abs = path.resolve(file);
    if (!this.overlays.delete(abs)) return;
    this.refreshFromDisk(abs);
  }

  /** A file changed, appeared or disappeared on disk. */
  fileChangedOnDisk(file: string): void {
    const abs = path.resolve(file);
    if (path.basename(abs) === 'tsconfig.json' || abs.endsWith('.json') && path.basename(abs).startsWith('tsconfig')) {
      this.reset();
      return;
    }
    if (this.overlays.has(abs)) return; // the editor's text wins until it is closed
    this.refreshFromDisk(abs);
  }

  /** The text the analysis sees for a file: the editor's, or the disk's. */
  readText(file: string): string | undefined {
    const abs = path.resolve(file);
    const overlay = this.overlays.get(abs);
    if (overlay !== undefined) return overlay;
    try {
      return fs.readFileSync(abs, 'utf8');
    } catch {
      return undefined;
    }
  }

  /** Forget all projects (a tsconfig changed); they reload lazily. Overlays stay. */
  reset(): void {
    this.configs = undefined;
    this.unownedByRoot = undefined;
    this.projects.clear();
  }

  private refreshFromDisk(abs: string): void {
    const exists = fs.existsSync(abs);
    for (const p of this.projects.values()) {
      const sf = p.project.getSourceFile(abs);
      if (sf) {
        if (exists) sf.refreshFromFileSystemSync();
        else p.project.removeSourceFile(sf);
        p.version++;
      } else if (exists && p.tsconfig === undefined && this.rootFor(abs) === p.rootDir && this.configFor(abs) === undefined) {
        this.addFile(p, abs);
      }
    }
    if (!exists) this.unownedByRoot?.forEach((list, root) => this.unownedByRoot!.set(root, list.filter((f) => f !== abs)));
  }

  private addFile(p: LoadedProject, abs: string): void {
    const overlay = this.overlays.get(abs);
    try {
      if (overlay !== undefined) p.project.createSourceFile(abs, overlay, { overwrite: true });
      else p.project.addSourceFileAtPath(abs);
      p.version++;
    } catch (err) {
      this.notices.push({ kind: 'project-error', file: abs, message: `cannot load: ${(err as Error).message}` });
    }
  }

  private loadConfigured(config: TsconfigEntry): LoadedProject {
    const project = new Project({ compilerOptions: withAutomaticTypes({ ...config.options, noEmit: true }), skipAddingFilesFromTsConfig: true, skipFileDependencyResolution: true });
    const loaded = new LoadedProject(config.path, project, config.dir, config.path);
    for (const f of config.fileNames) if (!isInNodeModules(f)) this.addFile(loaded, f);
    return loaded;
  }

  private loadInferred(root: string): LoadedProject {
    this.discover();
    const project = new Project({ compilerOptions: withAutomaticTypes({ ...INFERRED_OPTIONS, configFilePath: path.join(root, 'tsconfig.json') }), skipFileDependencyResolution: true });
    const loaded = new LoadedProject(`inferred:${root}`, project, root, undefined);
    for (const f of this.unownedByRoot!.get(root) ?? []) this.addFile(loaded, f);
    return loaded;
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
