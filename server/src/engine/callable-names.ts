/**
 * A syntactic prefilter for call resolution. Asking the checker what a call refers to costs 60–160 µs;
 * most calls on a request path (`res.json`, `items.map`, `console.log`) can never reach project code.
 * A call can only resolve to a project function if its callee's last name is one a project function
 * is declared or assigned under, so those names are collected once per file (cached by source-file
 * identity, which survives edits to other files) and the checker is asked only for callees that carry one.
 *
 * A name given to an existing value (`const find = repo.find`, `{ a: b } = x`, `this.run = run`) is a
 * function's name only if the value's name is: such aliases count once their target does, so the
 * `id` of `const id = req.params.id` or `{ id }` does not send every `find(id)` argument to the checker.
 */
import { ts } from './typescript';
import { getCalleeName, projectSourceFiles, skipOuterExpressions } from './api-resolve';
import { nodesOf } from './file-nodes';

interface FileNames {
  /** Names that denote a function by their declaration. */
  functions: readonly string[];
  /** `[alias, target]`: the alias denotes a function if the target's name does. */
  aliases: readonly (readonly [string, string])[];
}

const namesByFile = new WeakMap<ts.SourceFile, FileNames>();
const namesByProgram = new WeakMap<ts.Program, ReadonlySet<string>>();
const candidatesByFile = new WeakMap<ts.SourceFile, Map<ReadonlySet<string>, ReadonlySet<string>>>();

/**
 * The names under which a file may call any of `names`: the names themselves plus their local aliases
 * (`import { readFileSync as rfs }`, `const rfs = fs.readFileSync`, `const { readFileSync: rfs } = fs`).
 * A purely syntactic prefilter: the checker is asked only about calls whose name is in this set.
 */
export function getCandidateNames(sf: ts.SourceFile, names: ReadonlySet<string>): ReadonlySet<string> {
  let perFile = candidatesByFile.get(sf);
  if (!perFile) candidatesByFile.set(sf, (perFile = new Map()));
  let result = perFile.get(names);
  if (!result) {
    const aliases = namesIn(sf).aliases.filter(([, target]) => names.has(target));
    result = aliases.length === 0 ? names : new Set([...names, ...aliases.map(([alias]) => alias)]);
    perFile.set(names, result);
  }
  return result;
}

const aliasesByProgram = new WeakMap<ts.Program, Map<string, string[]>>();

/**
 * Every name under which project code may call a function declared as `name`: the name itself and,
 * through any number of steps, the aliases given to it anywhere in the project (renamed imports and
 * re-exports, `const run = helpers.run`, `{ handle: onRequest }`).
 */
export function namesCalling(name: string, program: ts.Program): ReadonlySet<string> {
  let byTarget = aliasesByProgram.get(program);
  if (!byTarget) {
    byTarget = new Map();
    for (const sf of projectSourceFiles(program)) {
      for (const [alias, target] of namesIn(sf).aliases) {
        const list = byTarget.get(target);
        if (list) list.push(alias);
        else byTarget.set(target, [alias]);
      }
    }
    aliasesByProgram.set(program, byTarget);
  }
  const names = new Set([name]);
  for (const n of names) for (const alias of byTarget.get(n) ?? []) names.add(alias);
  return names;
}

/**
 * A default export (`export default`, `export { x as default }`) or `module.exports = …` may be
 * imported under any name: `names` are those it is declared, imported and re-exported under.
 */
export function isImportableUnderAnyName(decl: ts.Declaration, names: readonly string[]): boolean {
  return names.includes('default') || names.includes('exports') || (ts.getCombinedModifierFlags(decl) & ts.ModifierFlags.Default) !== 0;
}

/** Whether the callee of a call (or a callback passed by name) may denote a project function. */
export function mayNameProjectFunction(callee: ts.Expression, program: ts.Program): boolean {
  const name = getCalleeName(callee);
  // Callees without a readable name (`getHandler()()`, `obj[key]()`) go to the checker.
  return name === undefined || projectNames(program).has(name);
}

/**
 * The union of a project's names, kept from one program to the next (by the compiler options object,
 * one per project). An edit that changes a file's names (typing `const n = x.length` adds an alias)
 * updates it: names and aliases the file gained are added; those it lost stay until enough have
 * piled up to rebuild. A union holding a few names no file declares any more is still a sound
 * prefilter: it only lets the checker be asked about a call that resolves elsewhere.
 */
interface ProjectUnion {
  /** Each file's names as the union last took them in, by file name. */
  files: Map<string, FileNames>;
  names: Set<string>;
  /** Aliases whose target is not (yet) a name in the union. */
  pending: (readonly [string, string])[];
  /** Names and aliases lost by edits since the union was built. */
  lost: number;
}

const unionByProject = new WeakMap<ts.CompilerOptions, ProjectUnion>();
/** Lost names a union may keep before it is built again. */
const MAX_LOST_NAMES = 500;

function projectNames(program: ts.Program): ReadonlySet<string> {
  let names = namesByProgram.get(program);
  if (!names) {
    const files = projectSourceFiles(program);
    let union = unionByProject.get(program.getCompilerOptions());
    if (!union || !updateUnion(union, files)) unionByProject.set(program.getCompilerOptions(), (union = buildUnion(files)));
    names = union.names;
    namesByProgram.set(program, names);
  }
  return names;
}

/**
 * Takes in the names `files` gained since the union last saw them, or returns false when the union
 * should be built again: the project's files changed, or too many names were lost.
 */
function updateUnion(union: ProjectUnion, files: readonly ts.SourceFile[]): boolean {
  if (union.files.size !== files.length) return false;
  const gained: FileNames[] = [];
  for (const sf of files) {
    const before = union.files.get(sf.fileName);
    if (before === undefined) return false;
    const now = namesIn(sf);
    if (before === now) continue;
    union.files.set(sf.fileName, now);
    if (sameNames(before, now)) continue;
    const hadFunction = new Set(before.functions);
    const hadAlias = new Set(before.aliases.map(aliasKey));
    const functions = now.functions.filter((n) => !hadFunction.has(n));
    const aliases = now.aliases.filter((a) => !hadAlias.has(aliasKey(a)));
    union.lost += Math.max(0, before.functions.length + before.aliases.length - (now.functions.length - functions.length) - (now.aliases.length - aliases.length));
    gained.push({ functions, aliases });
  }
  if (union.lost > MAX_LOST_NAMES) return false;
  if (gained.length > 0) addNames(union, gained);
  return true;
}

const aliasKey = ([alias, target]: readonly [string, string]) => `${alias}\0${target}`;

function buildUnion(files: readonly ts.SourceFile[]): ProjectUnion {
  const union: ProjectUnion = { files: new Map(), names: new Set(), pending: [], lost: 0 };
  for (const sf of files) union.files.set(sf.fileName, namesIn(sf));
  addNames(union, union.files.values());
  return union;
}

function addNames(union: ProjectUnion, gained: Iterable<FileNames>): void {
  const all = union.names;
  for (const file of gained) {
    for (const name of file.functions) all.add(name);
    for (const alias of file.aliases) if (!all.has(alias[0])) union.pending.push(alias);
  }
  // Aliases of aliases (`const a = b; const b = obj.run`): repeat until nothing is added.
  for (let added = true; added; ) {
    added = false;
    union.pending = union.pending.filter(([alias, target]) => {
      if (all.has(alias)) return false;
      if (!all.has(target)) return true;
      all.add(alias);
      added = true;
      return false;
    });
  }
}

function sameNames(a: FileNames, b: FileNames): boolean {
  return (
    a === b ||
    (a.functions.length === b.functions.length &&
      a.functions.every((n, i) => n === b.functions[i]) &&
      a.aliases.length === b.aliases.length &&
      a.aliases.every(([alias, target], i) => alias === b.aliases[i][0] && target === b.aliases[i][1]))
  );
}

function namesIn(sf: ts.SourceFile): FileNames {
  let names = namesByFile.get(sf);
  if (names) return names;
  const functions = new Set<string>();
  const aliases: (readonly [string, string])[] = [];
  const textOf = (name: ts.Node | undefined): string | undefined =>
    name && (ts.isIdentifier(name) || ts.isStringLiteralLike(name) || ts.isPrivateIdentifier(name)) ? name.text : undefined;
  const add = (name: ts.Node | undefined): void => {
    const text = textOf(name);
    if (text !== undefined) functions.add(text);
  };
  // `name = value`: a function, a require (`module.exports = fn`), or an alias of another name.
  const assign = (name: ts.Node, value: ts.Expression): void => {
    const e = skipOuterExpressions(value);
    if (ts.isFunctionExpression(e) || ts.isArrowFunction(e) || (ts.isCallExpression(e) && ts.isIdentifier(e.expression) && e.expression.text === 'require')) {
      add(name);
    } else if (ts.isIdentifier(e) || ts.isPropertyAccessExpression(e) || ts.isElementAccessExpression(e)) {
      const alias = textOf(name);
      const target = ts.isIdentifier(e) ? e.text : ts.isPropertyAccessExpression(e) ? e.name.text : textOf(e.argumentExpression);
      if (alias === undefined) return;
      // A computed key (`handlers[key]`) may name anything: counted as a function name.
      if (target === undefined) functions.add(alias);
      else if (alias !== target) aliases.push([alias, target]);
    }
  };
  for (const node of nodesOf(sf)) {
    switch (node.kind) {
      case ts.SyntaxKind.FunctionDeclaration:
      case ts.SyntaxKind.FunctionExpression:
      case ts.SyntaxKind.MethodDeclaration:
      case ts.SyntaxKind.ImportClause:
      case ts.SyntaxKind.ImportEqualsDeclaration:
        add((node as ts.NamedDeclaration).name);
        break;
      case ts.SyntaxKind.ImportSpecifier:
      case ts.SyntaxKind.ExportSpecifier:
      case ts.SyntaxKind.BindingElement: {
        // A rename: `import { find as lookup }`, `const { find: lookup } = repo`. Without one, the
        // name is the one the declaration carries.
        const { propertyName, name } = node as ts.ImportSpecifier | ts.ExportSpecifier | ts.BindingElement;
        const target = textOf(propertyName);
        const alias = textOf(name);
        if (target !== undefined && alias !== undefined && alias !== target) aliases.push([alias, target]);
        break;
      }
      case ts.SyntaxKind.PropertyDeclaration:
      case ts.SyntaxKind.PropertyAssignment:
      case ts.SyntaxKind.VariableDeclaration: {
        const decl = node as ts.PropertyDeclaration | ts.PropertyAssignment | ts.VariableDeclaration;
        if (decl.initializer) assign(decl.name, decl.initializer);
        break;
      }
      case ts.SyntaxKind.BinaryExpression: {
        // `exports.find = …`, `this.handle = …`, `Service.prototype.run = …`
        const { left, operatorToken, right } = node as ts.BinaryExpression;
        if (operatorToken.kind === ts.SyntaxKind.EqualsToken) {
          if (ts.isPropertyAccessExpression(left)) assign(left.name, right);
          else if (ts.isElementAccessExpression(left)) assign(left.argumentExpression, right);
        }
        break;
      }
    }
  }
  names = { functions: [...functions], aliases };
  namesByFile.set(sf, names);
  return names;
}
