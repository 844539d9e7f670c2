/**
 * The engine's front door, shared by the CLI, the language server and the tests:
 * file → project → configuration → one rule walk → suppressions → findings.
 */
import * as path from 'node:path';
import { RULES } from '../../../rules';
import type { Rule } from '../../../rules/api';
import { findConfigFile, loadConfigFile, defaultConfig, type LoadedConfig } from './config';
import { FileFilter } from './file-filter';
import { CancelledError, neverCancelled, type CancellationToken, type Finding, type Notice, type Severity, type SeveritySetting } from './finding';
import { ProjectHost, type LoadedProject } from './project-host';
import { isToolingFile, RequestPathIndex, type EntryPoint, type RequestPathSettings } from './request-paths';
import { runRules, type EnabledRule } from './run-rules';
import { applySuppressions } from './suppressions';

export interface AnalyzerOptions {
  /** Folders opened or scanned; projects and configuration are looked up from them. */
  roots: string[];
  rules?: readonly Rule[];
  /** `--config FILE`: used for every file instead of the nearest `.scalelintrc.json`. */
  configFile?: string;
  /** `--rule ID`: run only these rules (enabling them if the configuration turns them off). */
  onlyRules?: string[];
  /** Editor settings for a file's folder; a configuration file wins where both speak. */
  settingsFor?: (file: string) => EditorSettings;
  /** Whether `.scalelintrc.json` files may be read (false in an untrusted workspace). */
  readConfigFiles?: boolean;
  /** How many own files a cold project needs before a first answer comes from a partial program (default 1,000). */
  firstAnswerMinFiles?: number;
}

/**
 * A partial program takes in at most 200 importers, and is not built for a file that imports more than
 * a fifth of its project (at least 300 files): a full program would then cost little more.
 */
function firstAnswerLimits(projectFiles: number): { importers: number; imported: number } {
  return { importers: 200, imported: Math.max(300, Math.round(projectFiles / 5)) };
}

/** What editor settings may say, per folder: rule severities and options, the timeout fixes insert. */
export interface EditorSettings {
  rules?: Record<string, SeveritySetting>;
  ruleOptions?: Record<string, Record<string, unknown>>;
  timeoutsDefaultMs?: number;
}

export interface FileAnalysis {
  file: string;
  /** The text the offsets refer to. */
  text: string;
  findings: Finding[];
  notices: Notice[];
  /** Why the file was not analysed. */
  skipped?: string;
  /**
   * A first answer from a partial program (the file, its imports and its importers): findings on request
   * paths through other files are still to come, and a route may lack a prefix mounted elsewhere.
   */
  partial?: { files: number; of: number };
}

export interface ScanProgress {
  done: number;
  total: number;
  file: string;
}

export interface ScanResult {
  files: FileAnalysis[];
  notices: Notice[];
  analyzed: number;
  skipped: number;
}

export class Analyzer {
  readonly host: ProjectHost;
  readonly rules: readonly Rule[];
  private readonly knownRuleIds: ReadonlySet<string>;
  private readonly filters = new Map<string, FileFilter>();
  private readonly configs = new Map<string, LoadedConfig>();
  private readonly reportedConfigErrors = new Set<string>();
  private readonly requestPathCache = new WeakMap<LoadedProject, { version: number; index: RequestPathIndex }>();

  /** The workspace roots, deepest first: the first that contains a file is its root. */
  private readonly rootsDeepestFirst: string[];

  constructor(private readonly options: AnalyzerOptions) {
    this.rootsDeepestFirst = options.roots.map((r) => path.resolve(r)).sort((a, b) => b.length - a.length);
    this.rules = options.rules ?? RULES;
    this.knownRuleIds = new Set(this.rules.map((r) => r.id));
    this.host = new ProjectHost({
      roots: options.roots,
      includeInInferred: (file) => !this.filterFor(file).isGitignored(file),
    });
  }

  /** Every file a workspace scan covers (before skip rules apply). */
  listFiles(): string[] {
    return this.host.listFiles();
  }

  /**
   * Analyses one file with whatever text the host holds for it (editor overlay or disk). With
   * `firstAnswer`, a large project that has no program yet answers from a partial one (see `partial`).
   * `partOfScan` says every file will be asked about, so request paths search the whole graph at once.
   */
  analyzeFile(file: string, token: CancellationToken = neverCancelled, opts: { firstAnswer?: boolean; partOfScan?: boolean } = {}): FileAnalysis {
    const abs = path.resolve(file);
    const loaded = this.configFor(abs);
    const notices = this.configNotices(loaded);
    const text = this.host.readText(abs);
    if (text === undefined) return { file: abs, text: '', findings: [], notices: [...notices, { kind: 'skipped-file', file: abs, message: 'cannot be read (deleted or unreadable)' }], skipped: 'cannot be read' };
    const { config } = loaded;
    const configDir = loaded.file ? path.dirname(loaded.file) : this.rootFor(abs);
    const skip = this.filterFor(abs).skipReason(abs, { ...config, ignore: { globs: config.ignore, base: configDir } }, text);
    if (skip) return { file: abs, text, findings: [], notices: [...notices, { kind: 'skipped-file', file: abs, message: `not analysed: ${skip}` }], skipped: skip };

    const enabled = this.enabledRules(loaded, abs);
    let project: LoadedProject;
    let program: import('ts-morph').ts.Program;
    let partial: { program: import('ts-morph').ts.Program; files: string[] } | undefined;
    try {
      project = this.host.projectFor(abs);
      if (opts.firstAnswer && project.isCold && project.ownFiles().length >= (this.options.firstAnswerMinFiles ?? 1000)) {
        try {
          partial = project.getPartialProgram(abs, firstAnswerLimits(project.ownFiles().length));
        } catch {
          // A first answer is only a head start: the full program answers instead, and says what broke.
        }
      }
      program = partial?.program ?? project.getProgram();
    } catch (err) {
      // A project that cannot be built (files vanishing mid-build, a broken compiler host) costs this
      // file its findings, never the caller.
      const message = `the TypeScript project could not be built: ${(err as Error).message}`;
      return { file: abs, text, findings: [], notices: [...notices, { kind: 'project-error', file: abs, message }], skipped: message };
    }
    const sourceFile = program.getSourceFile(abs);
    if (!sourceFile) return { file: abs, text, findings: [], notices: [...notices, { kind: 'project-error', file: abs, message: 'not part of any program' }], skipped: 'not part of any program' };
    if (token.isCancellationRequested) throw new CancelledError();

    // Memoised here: a fix planned later (lazily) must see this program's request paths, not a newer one's.
    let requestPaths: RequestPathIndex | undefined;
    const result = runRules(
      {
        file: abs,
        sourceFile,
        program,
        isToolingFile: isToolingFile(abs, project.rootDir),
        timeouts: this.timeoutsFor(loaded, abs),
        requestPaths: () => {
          requestPaths ??= partial ? this.newRequestPaths(program, partial.files, project.rootDir, loaded) : this.requestPathsFor(project, program, loaded);
          if (opts.partOfScan) requestPaths.expectManyQuestions();
          return requestPaths;
        },
      },
      enabled,
      token,
    );
    const ran = new Set(enabled.map((e) => e.rule.id));
    const { findings, hygiene } = applySuppressions(abs, sourceFile.text, result.findings, this.knownRuleIds, ran);
    const all = [...findings, ...hygiene].sort((a, b) => a.start - b.start || a.ruleId.localeCompare(b.ruleId));
    const analysis: FileAnalysis = { file: abs, text: sourceFile.text, findings: all, notices: [...notices, ...result.notices] };
    if (partial) analysis.partial = { files: partial.files.length, of: project.ownFiles().length };
    return analysis;
  }

  /** Analyses many files, yielding between files so cancellation and other requests get through. */
  async scan(files: string[] = this.listFiles(), opts: { token?: CancellationToken; onProgress?: (p: ScanProgress) => void } = {}): Promise<ScanResult> {
    const token = opts.token ?? neverCancelled;
    const results: FileAnalysis[] = [];
    const notices: Notice[] = [...this.host.notices];
    let skipped = 0;
    for (let i = 0; i < files.length; i++) {
      if (token.isCancellationRequested) throw new CancelledError();
      opts.onProgress?.({ done: i, total: files.length, file: files[i] });
      const analysis = this.analyzeFile(files[i], token, { partOfScan: true });
      if (analysis.skipped) skipped++;
      results.push(analysis);
      if (i % 16 === 15) await new Promise((resolve) => setImmediate(resolve));
    }
    notices.push(...this.host.notices.filter((n) => !notices.includes(n)));
    return { files: results, notices, analyzed: files.length - skipped, skipped };
  }

  /** The entry points of the projects that own `files`, and how many functions they reach. */
  describeRequestPaths(files: readonly string[]): { entries: EntryPoint[]; reachableFunctions: number; projects: number } {
    const seen = new Set<LoadedProject>();
    const entries: EntryPoint[] = [];
    let reachableFunctions = 0;
    for (const file of files) {
      const project = this.host.projectFor(file);
      if (seen.has(project)) continue;
      seen.add(project);
      const loaded = this.configFor(file);
      const index = this.requestPathsFor(project, project.getProgram(), loaded);
      entries.push(...index.getEntryPoints());
      reachableFunctions += index.countReachableFunctions();
    }
    return { entries, reachableFunctions, projects: seen.size };
  }

  /** Forget cached configuration (a `.scalelintrc.json` or `.gitignore` changed). */
  invalidateConfig(): void {
    this.configs.clear();
    this.configPathByDir.clear();
    this.entryPointsByFile.clear();
    this.reportedConfigErrors.clear();
    this.filters.forEach((f) => f.invalidate());
  }

  configFor(file: string): LoadedConfig {
    if (this.options.readConfigFiles === false) return { config: defaultConfig(), errors: [] };
    const configFile = this.options.configFile ? path.resolve(this.options.configFile) : this.findConfigFileCached(path.dirname(file));
    if (!configFile) return { config: defaultConfig(), errors: [] };
    let loaded = this.configs.get(configFile);
    if (!loaded) {
      loaded = loadConfigFile(configFile, this.rules);
      this.configs.set(configFile, loaded);
    }
    return loaded;
  }

  private readonly configPathByDir = new Map<string, string | undefined>();

  /** The nearest `.scalelintrc.json`, looked up once per folder: request paths ask for every project file. */
  private findConfigFileCached(dir: string): string | undefined {
    if (!this.configPathByDir.has(dir)) this.configPathByDir.set(dir, findConfigFile(dir));
    return this.configPathByDir.get(dir);
  }

  private configNotices(loaded: LoadedConfig): Notice[] {
    if (!loaded.file || loaded.errors.length === 0 || this.reportedConfigErrors.has(loaded.file)) return [];
    this.reportedConfigErrors.add(loaded.file);
    return loaded.errors.map((e) => ({ kind: 'config-error' as const, file: e.file, message: `${e.file}:${e.line}:${e.column}: ${e.message}` }));
  }

  private timeoutsFor(loaded: LoadedConfig, file: string): { defaultMs: number } {
    const fromSettings = this.options.settingsFor?.(file).timeoutsDefaultMs;
    return fromSettings !== undefined && !loaded.setKeys?.includes('timeouts') ? { defaultMs: fromSettings } : loaded.config.timeouts;
  }

  private enabledRules(loaded: LoadedConfig, file: string): EnabledRule[] {
    const settings = this.options.settingsFor?.(file) ?? {};
    const fromSettings = settings.rules ?? {};
    const out: EnabledRule[] = [];
    for (const rule of this.rules) {
      const setting = loaded.config.rules[rule.id];
      let severity: SeveritySetting = setting?.severity ?? fromSettings[rule.id] ?? rule.meta.defaultSeverity;
      if (this.options.onlyRules) {
        if (!this.options.onlyRules.includes(rule.id)) continue;
        if (severity === 'off') severity = rule.meta.defaultSeverity;
      }
      if (severity === 'off') continue;
      const options = { ...(rule.meta.options as object), ...(settings.ruleOptions?.[rule.id] ?? {}), ...(setting?.options ?? {}) };
      out.push({ rule, severity: severity as Severity, options });
    }
    return out;
  }

  private requestPathsFor(project: LoadedProject, program: import('ts-morph').ts.Program, loaded: LoadedConfig): RequestPathIndex {
    const cached = this.requestPathCache.get(project);
    if (cached && cached.version === project.version) return cached.index;
    const index = this.newRequestPaths(program, project.ownFiles(), project.rootDir, loaded);
    this.requestPathCache.set(project, { version: project.version, index });
    return index;
  }

  private newRequestPaths(program: import('ts-morph').ts.Program, files: string[], rootDir: string, loaded: LoadedConfig): RequestPathIndex {
    return new RequestPathIndex(program, files, rootDir, {
      maxDepth: loaded.config.requestPaths.maxDepth,
      // Each file's own configuration decides its declared entry points, whichever file asked first.
      entryPointsFor: (file) => this.entryPointsFor(file),
    });
  }

  private readonly entryPointsByFile = new Map<string, ReturnType<RequestPathSettings['entryPointsFor']>>();

  /** Remembered per file (until the configuration changes): request paths ask for every project file on every edit. */
  private entryPointsFor(file: string): ReturnType<RequestPathSettings['entryPointsFor']> {
    let found = this.entryPointsByFile.get(file);
    if (!found) {
      const own = this.configFor(file);
      found = { entryPoints: own.config.requestPaths.entryPoints, configDir: own.file ? path.dirname(own.file) : this.rootFor(file) };
      this.entryPointsByFile.set(file, found);
    }
    return found;
  }

  private rootFor(file: string): string {
    return this.rootsDeepestFirst.find((r) => !path.relative(r, file).startsWith('..')) ?? path.dirname(file);
  }

  private filterFor(file: string): FileFilter {
    const root = this.rootFor(file);
    let filter = this.filters.get(root);
    if (!filter) {
      filter = new FileFilter(root);
      this.filters.set(root, filter);
    }
    return filter;
  }
}
