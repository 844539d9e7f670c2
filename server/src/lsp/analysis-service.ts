/**
 * The server's view of the engine: one Analyzer over all workspace folders, open documents as
 * overlays, and a bounded cache of analyses keyed by document and project version.
 */
import * as path from 'node:path';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { Analyzer, type EditorSettings, type FileAnalysis } from '../engine/analyzer';
import type { CancellationToken, Notice } from '../engine/finding';
import { PositionMapper, toPath } from './convert';

const CACHE_LIMIT = 256;

export interface AnalysisServiceOptions {
  folders: string[];
  readConfigFiles: boolean;
  settingsFor: (file: string) => EditorSettings;
  log: (message: string) => void;
  /** Whether the client can be told to pull again (a partial first answer is then followed by the full one). */
  firstAnswers: boolean;
  /** Own files a cold project needs before its first answer comes from a partial program (tests lower it). */
  firstAnswerMinFiles?: number;
}

export class AnalysisService {
  private analyzer: Analyzer;
  private readonly cache = new Map<string, { projectId: string; key: string; analysis: FileAnalysis }>();
  private readonly loggedNotices = new Set<string>();

  constructor(private options: AnalysisServiceOptions) {
    this.analyzer = this.createAnalyzer();
  }

  private createAnalyzer(): Analyzer {
    return new Analyzer({
      roots: this.options.folders,
      readConfigFiles: this.options.readConfigFiles,
      settingsFor: this.options.settingsFor,
      firstAnswerMinFiles: this.options.firstAnswerMinFiles,
    });
  }

  get rules() {
    return this.analyzer.rules;
  }

  get folders(): readonly string[] {
    return this.options.folders;
  }

  setFolders(folders: string[]): void {
    this.options = { ...this.options, folders };
    this.reset();
  }

  /** Everything changed (folders, settings, configuration files): start from a fresh analyzer, keeping overlays. */
  reset(): void {
    const overlays = [...this.openDocuments.entries()];
    this.analyzer = this.createAnalyzer();
    for (const [file, text] of overlays) this.analyzer.host.setOverlay(file, text);
    this.cache.clear();
    this.loggedConfigs.clear();
  }

  private readonly openDocuments = new Map<string, string>();

  didOpenOrChange(doc: TextDocument): void {
    const file = toPath(doc.uri);
    if (!file) return;
    this.openDocuments.set(file, doc.getText());
    this.analyzer.host.setOverlay(file, doc.getText());
  }

  didClose(uri: string): void {
    const file = toPath(uri);
    if (!file) return;
    this.openDocuments.delete(file);
    this.analyzer.host.clearOverlay(file);
  }

  /** A watched file changed on disk: configuration files reset everything, sources bump their project. */
  didChangeOnDisk(uri: string): void {
    const file = toPath(uri);
    if (!file) return;
    const name = path.basename(file);
    if (name === '.scalelintrc.json' || name === '.gitignore') {
      this.analyzer.invalidateConfig();
      this.cache.clear();
      this.loggedConfigs.clear();
    } else {
      this.analyzer.host.fileChangedOnDisk(file);
    }
  }

  isOpen(file: string): boolean {
    return this.openDocuments.has(file);
  }

  /** Projects that gave their one partial first answer: later questions wait for the full program. */
  private readonly answeredFirst = new Set<string>();

  /**
   * Analyses a file as the editor currently shows it; cached until its project changes. With
   * `firstAnswer` (diagnostics), a large cold project answers once from a partial program, which is not
   * cached: the caller asks again for the full answer. `partOfScan` as for `Analyzer.analyzeFile`.
   */
  analyze(file: string, token?: CancellationToken, opts: { firstAnswer?: boolean; partOfScan?: boolean } = {}): FileAnalysis {
    const project = this.analyzer.host.projectFor(file);
    const key = `${project.id}@${project.version}`;
    const cached = this.cache.get(file);
    if (cached && cached.key === key) {
      this.cache.delete(file);
      this.cache.set(file, cached);
      return cached.analysis;
    }
    const firstAnswer = opts.firstAnswer === true && this.options.firstAnswers && !this.answeredFirst.has(project.id);
    const analysis = this.analyzer.analyzeFile(file, token, { firstAnswer, partOfScan: opts.partOfScan });
    this.logNotices(analysis.notices);
    if (analysis.partial) {
      this.answeredFirst.add(project.id);
      return analysis;
    }
    this.logConfigurationSource(file);
    this.dropStale(project.id, key);
    this.cache.set(file, { projectId: project.id, key, analysis });
    if (this.cache.size > CACHE_LIMIT) this.cache.delete(this.cache.keys().next().value!);
    return analysis;
  }

  /**
   * Forgets the analyses of an older version of the project: they can never be served again, and their
   * fixes (lazy, holding syntax nodes) would keep that version's whole program alive until evicted.
   */
  private dropStale(projectId: string, key: string): void {
    for (const [file, entry] of this.cache) if (entry.projectId === projectId && entry.key !== key) this.cache.delete(file);
  }

  listFiles(): string[] {
    return this.analyzer.listFiles();
  }

  /** A mapper for any file's current text (open document or disk), for related locations and edits. */
  mapperFor(file: string): PositionMapper | undefined {
    const text = this.analyzer.host.readText(file);
    return text === undefined ? undefined : new PositionMapper(text);
  }

  private readonly loggedConfigs = new Set<string>();

  /** Says once per configuration which file applies and where it overrides editor settings. */
  private logConfigurationSource(file: string): void {
    const loaded = this.analyzer.configFor(file);
    const key = loaded.file ?? `(defaults) ${path.dirname(file)}`;
    if (this.loggedConfigs.has(key)) return;
    this.loggedConfigs.add(key);
    const fromSettings = this.options.settingsFor(file).rules ?? {};
    const overridden = Object.keys(fromSettings).filter((id) => loaded.config.rules[id]?.severity !== undefined);
    if (!loaded.file) {
      const ignored = this.options.readConfigFiles ? '' : ' (configuration files are not read in an untrusted workspace)';
      this.options.log(`configuration: no .scalelintrc.json applies to ${path.dirname(file)}; editor settings and defaults apply${ignored}`);
    } else {
      const wins = overridden.length > 0 ? `; it wins over the editor settings for ${overridden.join(', ')}` : '';
      this.options.log(`configuration: ${loaded.file} applies to files below ${path.dirname(loaded.file)}${wins}`);
    }
  }

  /** Logs each distinct notice once: a crashing rule must not flood the output channel. */
  private logNotices(notices: readonly Notice[]): void {
    for (const n of notices) {
      if (n.kind === 'skipped-file') continue;
      const key = `${n.kind}\0${n.file}\0${n.message.split('\n')[0]}`;
      if (this.loggedNotices.has(key)) continue;
      this.loggedNotices.add(key);
      this.options.log(`[${n.kind}] ${n.file ? `${n.file}: ` : ''}${n.message}`);
    }
  }
}
