/**
 * Edits that give a call its deadline: a property added to literal options, an options argument
 * created or wrapped (`{ ...opts, timeout }`), or a signal combined with `AbortSignal.timeout`.
 */
import { ts } from '../../server/src/engine/typescript';
import type { TextEdit } from '../../server/src/engine/finding';
import type { Fixer } from '../api';

export type CallLike = ts.CallExpression | ts.NewExpression;

/**
 * `name: value` pairs added to the options at `index` of `call`, creating or wrapping the argument as needed;
 * with `insert`, new options go in before the argument at `index` (`http.get(url, cb)`).
 */
export function addOptions(call: CallLike, index: number, props: readonly [string, string][], fixer: Fixer, insert = false): TextEdit[] {
  const sf = call.getSourceFile();
  const args = call.arguments;
  const arg = args?.[index];
  if (arg && insert) return [fixer.insertBefore(arg, `{ ${render(props)} }, `)];
  if (arg) {
    const e = skipParens(arg);
    if (ts.isObjectLiteralExpression(e)) return setProperties(e, props, fixer);
    return [fixer.replace(arg, `{ ...${arg.getText(sf)}, ${render(props)} }`)];
  }
  const literal = `{ ${render(props)} }`;
  if (!args) return [fixer.insertAfter(call.expression, `(${literal})`)];
  // Missing arguments before the options (axios.post(url) → axios.post(url, undefined, { timeout })).
  const fill = Array.from({ length: index - args.length }, () => 'undefined');
  const text = [...fill, literal].join(', ');
  if (args.length === 0) return [fixer.replaceRange(sf.fileName, args.pos, args.end, text)];
  const last = args[args.length - 1];
  return [fixer.insertAfter(last, `, ${text}`)];
}

/**
 * Inside a wrapper, a default its callers can still override: `axios.create(config)` →
 * `axios.create({ timeout: ms, ...config })`, `fetch(url, { ...init })` → `fetch(url, { signal: …, ...init })`.
 */
export function addDefaultBefore(parameter: ts.ParameterDeclaration, options: ts.Expression, props: readonly [string, string][], fixer: Fixer): TextEdit[] {
  const name = parameter.name;
  if (!ts.isIdentifier(name)) return [];
  const isParameter = (e: ts.Expression): boolean => ts.isIdentifier(skipParens(e)) && (skipParens(e) as ts.Identifier).text === name.text;
  const e = skipParens(options);
  if (isParameter(e)) return [fixer.replace(options, `{ ${render(props)}, ...${name.text} }`)];
  const spread = ts.isObjectLiteralExpression(e) ? e.properties.find((p) => ts.isSpreadAssignment(p) && isParameter(p.expression)) : undefined;
  return spread ? [fixer.insertBefore(spread, `${render(props)}, `)] : [];
}

/** `superagent.get(url)` → `superagent.get(url).timeout(ms)`. */
export function chainMethod(call: CallLike, text: string, fixer: Fixer): TextEdit {
  return fixer.insertAfter(call, text);
}

/** `signal: s` → `signal: AbortSignal.any([s, AbortSignal.timeout(ms)])`. */
export function combineSignal(prop: ts.PropertyAssignment | ts.ShorthandPropertyAssignment, ms: number, fixer: Fixer): TextEdit[] {
  const sf = prop.getSourceFile();
  if (ts.isShorthandPropertyAssignment(prop)) return [fixer.replace(prop, `signal: AbortSignal.any([${prop.name.text}, AbortSignal.timeout(${ms})])`)];
  // AbortSignal.any([a, b]) gets one more member rather than a second AbortSignal.any around it.
  const init = skipParens(prop.initializer);
  if (ts.isCallExpression(init) && ts.isPropertyAccessExpression(init.expression) && init.expression.name.text === 'any' && init.arguments[0] && ts.isArrayLiteralExpression(init.arguments[0])) {
    const list = init.arguments[0];
    const last = list.elements[list.elements.length - 1];
    if (last) return [fixer.insertAfter(last, `, AbortSignal.timeout(${ms})`)];
  }
  return [fixer.replace(prop.initializer, `AbortSignal.any([${prop.initializer.getText(sf)}, AbortSignal.timeout(${ms})])`)];
}

/**
 * `timeout: 0` and the like are replaced; missing options are added. A dotted name reaches into a nested
 * literal (`commandOptions.timeout`), or adds it (`commandOptions: { timeout: ms }`).
 */
function setProperties(obj: ts.ObjectLiteralExpression, props: readonly [string, string][], fixer: Fixer): TextEdit[] {
  const edits: TextEdit[] = [];
  const missing: [string, string][] = [];
  for (const [path, value] of props) {
    const [name, ...rest] = path.split('.');
    const existing = findProperty(obj, name);
    const inner = existing && ts.isPropertyAssignment(existing) ? skipParens(existing.initializer) : undefined;
    if (rest.length > 0 && inner && ts.isObjectLiteralExpression(inner)) edits.push(...setProperties(inner, [[rest.join('.'), value]], fixer));
    else if (existing && ts.isPropertyAssignment(existing)) edits.push(fixer.replace(existing.initializer, nest(rest, value)));
    else if (existing) edits.push(fixer.replace(existing, `${name}: ${nest(rest, value)}`));
    else missing.push([name, nest(rest, value)]);
  }
  return [...edits, ...addToLiteral(obj, missing, fixer)];
}

/** `['timeout']`, `ms` → `{ timeout: ms }`. */
function nest(path: readonly string[], value: string): string {
  return path.reduceRight((inner, name) => `{ ${name}: ${inner} }`, value);
}

function addToLiteral(obj: ts.ObjectLiteralExpression, props: readonly [string, string][], fixer: Fixer): TextEdit[] {
  if (props.length === 0) return [];
  const sf = obj.getSourceFile();
  const last = obj.properties[obj.properties.length - 1];
  if (!last) return [fixer.replace(obj, `{ ${render(props)} }`)];
  const multiline = sf.getLineAndCharacterOfPosition(obj.getStart(sf)).line !== sf.getLineAndCharacterOfPosition(obj.end).line;
  if (!multiline) return [fixer.insertAfter(last, `, ${render(props)}`)];
  const lineStart = sf.getLineStarts()[sf.getLineAndCharacterOfPosition(last.getStart(sf)).line];
  const indent = /^[ \t]*/.exec(sf.text.slice(lineStart))![0];
  const lines = props.map(([name, value]) => `\n${indent}${name}: ${value},`).join('');
  // After the trailing comma when there is one, else add it.
  if (obj.properties.hasTrailingComma) {
    const comma = sf.text.indexOf(',', last.end);
    return [fixer.replaceRange(sf.fileName, comma + 1, comma + 1, lines)];
  }
  return [fixer.insertAfter(last, `,${lines.slice(0, -1)}`)];
}

function findProperty(obj: ts.ObjectLiteralExpression, name: string): ts.ObjectLiteralElementLike | undefined {
  return obj.properties.find((p) => p.name !== undefined && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name)) && p.name.text === name);
}

function render(props: readonly [string, string][]): string {
  return props.map(([path, value]) => {
    const [name, ...rest] = path.split('.');
    return `${name}: ${nest(rest, value)}`;
  }).join(', ');
}

function skipParens(e: ts.Expression): ts.Expression {
  while (ts.isParenthesizedExpression(e)) e = e.expression;
  return e;
}
