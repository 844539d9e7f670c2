/**
 * `.scalelintrc.json` (JSON with comments): rule severities and options, ignore globs, analysis limits.
 * It is data only — never JavaScript — so reading a workspace's configuration can never run its code.
 * An invalid file yields errors naming file, line and key, and analysis goes on with the valid parts or defaults.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv, { type ErrorObject } from 'ajv';
import * as jsonc from 'jsonc-parser';
import type { Rule } from '../../../rules/api';
import type { SeveritySetting } from './finding';
import { offsetToLineColumn } from './text';

export const CONFIG_FILE_NAME = '.scalelintrc.json';

export interface RuleSetting {
  severity?: SeveritySetting;
  options?: Record<string, unknown>;
}

export interface EntryPointSetting {
  /** Glob relative to the configuration file's folder. */
  files: string;
  /** Exported names that are entry points; default `["handler", "default"]`. */
  exports?: string[];
}

export interface ScalelintConfig {
  rules: Record<string, RuleSetting>;
  /** Globs relative to the configuration file's folder (or the scan root). */
  ignore: string[];
  maxFileSizeKb: number;
  analyzeGitignored: boolean;
  analyzeGenerated: boolean;
  requestPaths: { maxDepth: number; entryPoints: EntryPointSetting[] };
  timeouts: { defaultMs: number };
}

export interface ConfigError {
  file: string;
  line: number;
  column: number;
  message: string;
}

export interface LoadedConfig {
  config: ScalelintConfig;
  /** Top-level keys the file itself sets: where it speaks, it wins over editor settings. */
  setKeys?: string[];
  /** The file it came from; undefined when defaults apply. */
  file?: string;
  errors: ConfigError[];
}

export function defaultConfig(): ScalelintConfig {
  return {
    rules: {},
    ignore: [],
    maxFileSizeKb: 512,
    analyzeGitignored: false,
    analyzeGenerated: false,
    requestPaths: { maxDepth: 8, entryPoints: [] },
    timeouts: { defaultMs: 10_000 },
  };
}

const SEVERITY = { enum: ['off', 'info', 'warning', 'error'] };

function optionSchema(value: unknown): object {
  if (Array.isArray(value)) return { type: 'array' };
  if (value === null) return {};
  if (typeof value === 'object') return { type: 'object' };
  return { type: typeof value };
}

/** The JSON schema of the configuration; rule ids and option names come from the registry. */
export function buildConfigSchema(rules: readonly Rule[]): object {
  const ruleProps: Record<string, object> = {};
  for (const rule of rules) {
    const options: Record<string, object> = {};
    for (const [key, value] of Object.entries(rule.meta.options ?? {})) options[key] = optionSchema(value);
    ruleProps[rule.id] = {
      anyOf: [
        SEVERITY,
        {
          type: 'object',
          additionalProperties: false,
          properties: { severity: SEVERITY, options: { type: 'object', additionalProperties: false, properties: options } },
        },
      ],
    };
  }
  return {
    type: 'object',
    additionalProperties: false,
    properties: {
      $schema: { type: 'string' },
      rules: { type: 'object', additionalProperties: false, properties: ruleProps },
      ignore: { type: 'array', items: { type: 'string' } },
      maxFileSizeKb: { type: 'number', minimum: 1 },
      analyzeGitignored: { type: 'boolean' },
      analyzeGenerated: { type: 'boolean' },
      requestPaths: {
        type: 'object',
        additionalProperties: false,
        properties: {
          maxDepth: { type: 'integer', minimum: 1, maximum: 64 },
          entryPoints: {
            type: 'array',
            items: {
              type: 'object',
              additionalProperties: false,
              required: ['files'],
              properties: { files: { type: 'string' }, exports: { type: 'array', items: { type: 'string' } } },
            },
          },
        },
      },
      timeouts: {
        type: 'object',
        additionalProperties: false,
        properties: { defaultMs: { type: 'integer', minimum: 1 } },
      },
    },
  };
}

const validators = new WeakMap<readonly Rule[], ReturnType<Ajv['compile']>>();

function getValidator(rules: readonly Rule[]) {
  let validate = validators.get(rules);
  if (!validate) {
    validate = new Ajv({ allErrors: true, strict: false }).compile(buildConfigSchema(rules));
    validators.set(rules, validate);
  }
  return validate;
}

/** Parses and validates configuration text; `file` is used only in messages. */
export function parseConfig(text: string, file: string, rules: readonly Rule[]): LoadedConfig {
  const errors: ConfigError[] = [];
  const at = (offset: number, message: string): ConfigError => {
    const { line, column } = offsetToLineColumn(text, offset);
    return { file, line, column, message };
  };
  const parseErrors: jsonc.ParseError[] = [];
  const tree = jsonc.parseTree(text, parseErrors, { allowTrailingComma: true, disallowComments: false });
  for (const e of parseErrors) errors.push(at(e.offset, `invalid JSON: ${jsonc.printParseErrorCode(e.error)}`));
  const value: unknown = tree ? jsonc.getNodeValue(tree) : undefined;
  const config = defaultConfig();
  if (parseErrors.length > 0 || value === undefined) {
    if (value === undefined && parseErrors.length === 0) errors.push(at(0, 'the file is empty; expected a JSON object'));
    return { config, file, errors };
  }
  const validate = getValidator(rules);
  if (!validate(value)) {
    for (const e of validate.errors ?? []) {
      if (e.keyword === 'anyOf') continue; // its branches are reported on their own
      errors.push(describeSchemaError(e, tree!, at));
    }
  }
  mergeValid(config, value as Record<string, unknown>);
  return { config, file, errors: dedupe(errors), setKeys: Object.keys(value as object) };
}

function describeSchemaError(e: ErrorObject, tree: jsonc.Node, at: (offset: number, message: string) => ConfigError): ConfigError {
  const segments = e.instancePath.split('/').slice(1).map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  const jsonPath = segments.map((s) => (/^\d+$/.test(s) ? Number(s) : s));
  const node = jsonc.findNodeAtLocation(tree, jsonPath);
  const where = segments.join('.') || '(root)';
  if (e.keyword === 'additionalProperties') {
    const key = String((e.params as { additionalProperty: string }).additionalProperty);
    const keyNode = node?.children?.find((p) => p.children?.[0]?.value === key)?.children?.[0];
    const scope = where === '(root)' ? '' : ` in "${where}"`;
    return at(keyNode?.offset ?? node?.offset ?? 0, `unknown key "${key}"${scope}`);
  }
  // A key node points at the property name; a value node at the value itself.
  const keyNode = node?.parent?.type === 'property' ? node.parent.children?.[0] : undefined;
  return at(keyNode?.offset ?? node?.offset ?? 0, `"${where}" ${e.message ?? 'is invalid'}`);
}

function dedupe(errors: ConfigError[]): ConfigError[] {
  const seen = new Set<string>();
  return errors.filter((e) => {
    const key = `${e.line}:${e.column}:${e.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Copies every well-typed setting; an invalid value leaves its default in place. */
function mergeValid(config: ScalelintConfig, value: Record<string, unknown>): void {
  const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
  const severities = new Set(['off', 'info', 'warning', 'error']);
  if (isObject(value.rules)) {
    for (const [id, setting] of Object.entries(value.rules)) {
      if (typeof setting === 'string' && severities.has(setting)) config.rules[id] = { severity: setting as SeveritySetting };
      else if (isObject(setting)) {
        const severity = typeof setting.severity === 'string' && severities.has(setting.severity) ? (setting.severity as SeveritySetting) : undefined;
        config.rules[id] = { severity, options: isObject(setting.options) ? setting.options : undefined };
      }
    }
  }
  if (Array.isArray(value.ignore)) config.ignore = value.ignore.filter((g): g is string => typeof g === 'string');
  if (typeof value.maxFileSizeKb === 'number' && value.maxFileSizeKb >= 1) config.maxFileSizeKb = value.maxFileSizeKb;
  if (typeof value.analyzeGitignored === 'boolean') config.analyzeGitignored = value.analyzeGitignored;
  if (typeof value.analyzeGenerated === 'boolean') config.analyzeGenerated = value.analyzeGenerated;
  if (isObject(value.requestPaths)) {
    const rp = value.requestPaths;
    if (Number.isInteger(rp.maxDepth) && (rp.maxDepth as number) >= 1) config.requestPaths.maxDepth = rp.maxDepth as number;
    if (Array.isArray(rp.entryPoints)) {
      config.requestPaths.entryPoints = rp.entryPoints.filter((e): e is EntryPointSetting => isObject(e) && typeof e.files === 'string');
    }
  }
  if (isObject(value.timeouts) && Number.isInteger(value.timeouts.defaultMs)) config.timeouts.defaultMs = value.timeouts.defaultMs as number;
}

/** The nearest `.scalelintrc.json` at or above `dir`, not above `stopAt` when given. */
export function findConfigFile(dir: string, stopAt?: string): string | undefined {
  for (let d = path.resolve(dir); ; ) {
    const candidate = path.join(d, CONFIG_FILE_NAME);
    if (fs.existsSync(candidate)) return candidate;
    const parent = path.dirname(d);
    if (parent === d || (stopAt !== undefined && path.relative(stopAt, d) === '')) return undefined;
    d = parent;
  }
}

export function loadConfigFile(file: string, rules: readonly Rule[]): LoadedConfig {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    return { config: defaultConfig(), file, errors: [{ file, line: 1, column: 1, message: `cannot read: ${(err as Error).message}` }] };
  }
  return parseConfig(text, file, rules);
}
