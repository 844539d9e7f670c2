/**
 * Editor settings (`scalelint.*`), typed once. The server asks the client per resource and caches the
 * answer per workspace folder until the client says the configuration changed; never a global.
 */
import type { Connection } from 'vscode-languageserver/node';
import type { SeveritySetting } from '../engine/finding';

export interface Settings {
  enable: boolean;
  rules: Record<string, SeveritySetting>;
  ruleOptions: Record<string, Record<string, unknown>>;
  timeouts: { defaultMs?: number };
  fixAll: { includeUnsafe: boolean };
  /** A baseline file (relative to the folder) whose findings are shown at `severity` instead of their own. */
  baseline: { file?: string; severity: 'hint' | 'info' | 'off' };
}

export const DEFAULT_SETTINGS: Settings = { enable: true, rules: {}, ruleOptions: {}, timeouts: {}, fixAll: { includeUnsafe: false }, baseline: { severity: 'hint' } };

export class SettingsStore {
  private readonly cache = new Map<string, Promise<Settings>>();

  constructor(
    private readonly connection: Connection,
    private readonly supportsConfiguration: () => boolean,
  ) {}

  /** Settings for the folder containing `uri` (or the file itself when it is outside every folder). */
  get(scopeUri: string): Promise<Settings> {
    if (!this.supportsConfiguration()) return Promise.resolve(DEFAULT_SETTINGS);
    let cached = this.cache.get(scopeUri);
    if (!cached) {
      cached = this.connection.workspace
        .getConfiguration({ scopeUri, section: 'scalelint' })
        .then((raw: Partial<Settings> | null) => normalise(raw))
        .catch(() => DEFAULT_SETTINGS);
      this.cache.set(scopeUri, cached);
    }
    return cached;
  }

  clear(): void {
    this.cache.clear();
  }
}

function normalise(raw: Partial<Settings> | null | undefined): Settings {
  return {
    enable: raw?.enable ?? DEFAULT_SETTINGS.enable,
    rules: typeof raw?.rules === 'object' && raw.rules !== null ? raw.rules : {},
    ruleOptions: typeof raw?.ruleOptions === 'object' && raw.ruleOptions !== null ? raw.ruleOptions : {},
    timeouts: { defaultMs: Number.isInteger(raw?.timeouts?.defaultMs) && raw!.timeouts!.defaultMs! > 0 ? raw!.timeouts!.defaultMs : undefined },
    fixAll: { includeUnsafe: raw?.fixAll?.includeUnsafe === true },
    baseline: {
      file: typeof raw?.baseline?.file === 'string' && raw.baseline.file !== '' ? raw.baseline.file : undefined,
      severity: raw?.baseline?.severity === 'info' || raw?.baseline?.severity === 'off' ? raw.baseline.severity : 'hint',
    },
  };
}
