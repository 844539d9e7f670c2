/**
 * Facts about the whole program that the rule would otherwise gather with one project scan per
 * candidate: which classes are instantiated at module level, and where the names of module-level
 * `Map`s occur. Each is built lazily, once per program (every project version has its own), and
 * held weakly by it, so memory is released with the program; instantiations are found file by file
 * and reused for the files an edit did not touch.
 */
import { ts } from '../../server/src/engine/typescript';
import { projectSourceFiles, skipOuterExpressions, symbolAt } from '../../server/src/engine/api-resolve';
import { PerFileCache } from '../../server/src/engine/program-files';
import { nodesOf } from '../../server/src/engine/file-nodes';

const moduleInstances = new WeakMap<ts.Program, ReadonlySet<ts.Declaration>>();
const instantiationsByFile = new PerFileCache<readonly ts.Declaration[]>();
const mapReferences = new WeakMap<ts.Program, ReadonlyMap<string, readonly ts.Identifier[]>>();

/** Classes with a `new C(…)` at the top level of some project file (not inside a function or class). */
export function getModuleLevelInstantiations(program: ts.Program, checker: ts.TypeChecker): ReadonlySet<ts.Declaration> {
  let found = moduleInstances.get(program);
  if (found) return found;
  const out = new Set<ts.Declaration>();
  for (const sf of projectSourceFiles(program)) {
    for (const decl of instantiationsByFile.get(sf, program, () => moduleLevelInstantiationsIn(sf, checker))) out.add(decl);
  }
  moduleInstances.set(program, (found = out));
  return found;
}

function moduleLevelInstantiationsIn(sf: ts.SourceFile, checker: ts.TypeChecker): ts.Declaration[] {
  const out: ts.Declaration[] = [];
  if (!sf.text.includes('new ')) return out;
  const visit = (n: ts.Node): void => {
    if (ts.isFunctionLike(n) || ts.isClassLike(n)) return;
    if (ts.isNewExpression(n) && ts.isIdentifier(n.expression)) {
      for (const decl of symbolAt(checker, n.expression)?.declarations ?? []) if (ts.isClassLike(decl)) out.push(decl);
    }
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return out;
}

/**
 * Every identifier in the project named like a module-level `new Map(…)` variable, by that name; the
 * local names of renamed imports (`import { cache as c }`) count under the imported name.
 */
export function getMapReferences(program: ts.Program, name: string): readonly ts.Identifier[] {
  let index = mapReferences.get(program);
  if (!index) {
    const files = projectSourceFiles(program);
    const names = new Set(files.flatMap(getModuleMapNames));
    const built = new Map<string, ts.Identifier[]>();
    for (const sf of files) {
      const renamed = new Map(getRenamedImports(sf).filter(([, imported]) => names.has(imported)));
      for (const n of nodesOf(sf)) {
        if (!ts.isIdentifier(n)) continue;
        const key = names.has(n.text) ? n.text : renamed.get(n.text);
        if (key === undefined) continue;
        let list = built.get(key);
        if (!list) built.set(key, (list = []));
        list.push(n);
      }
    }
    mapReferences.set(program, (index = built));
  }
  return index.get(name) ?? [];
}

/** `import { imported as local }`: local → imported. */
function getRenamedImports(sf: ts.SourceFile): [string, string][] {
  return sf.statements.flatMap((st) => {
    const bindings = ts.isImportDeclaration(st) ? st.importClause?.namedBindings : undefined;
    return bindings && ts.isNamedImports(bindings) ? bindings.elements.flatMap((e) => (e.propertyName ? [[e.name.text, e.propertyName.text] as [string, string]] : [])) : [];
  });
}

function getModuleMapNames(sf: ts.SourceFile): string[] {
  return sf.statements.flatMap((st) =>
    ts.isVariableStatement(st)
      ? st.declarationList.declarations.flatMap((d) => {
          const init = d.initializer && skipOuterExpressions(d.initializer);
          return ts.isIdentifier(d.name) && init && ts.isNewExpression(init) && ts.isIdentifier(init.expression) && init.expression.text === 'Map' ? [d.name.text] : [];
        })
      : [],
  );
}

