/**
 * Calls through interfaces (`this.userStore.delete(id)` where `userStore: IUserStore`): the project
 * classes whose `implements` clause names the interface, and what that answer was read from, so that a
 * result cached across edits is dropped when a class comes to implement the interface, stops, or
 * changes its methods, in a file the caller never imports.
 */
import { ts } from './typescript';
import { getSimpleName, projectSourceFiles, resolveSymbol } from './api-resolve';
import { isImportableUnderAnyName, namesCalling } from './callable-names';
import { nodesOf } from './file-nodes';
import { fileMentions, importsDeclareSameIn, projectImportsOf } from './program-files';

/**
 * What a list of implementations was read from: the names a clause may give the interface, the files
 * with clauses under those names, and those files, the interface's own and what they import. The list
 * still holds on a later program while the names and the files with such clauses are the same and
 * each file declares the same (declarationDigest): clauses, class members and what the clauses resolve
 * to are then unchanged.
 */
export interface ImplementationsSeen {
  readonly interfaceName: string;
  /** The names the interface is declared, imported and re-exported under, one a line. */
  readonly names: string;
  /** Whether it may be imported under any name (a default export): every clause may name it. */
  readonly anyName: boolean;
  /** The files with clauses under those names, one a line. */
  readonly clauseFiles: string;
  readonly files: ts.SourceFile[];
  readonly verdicts: WeakMap<ts.Program, boolean>;
}

/** A class and one name its `implements` clause gives (`IUserStore` of `implements IUserStore` or `stores.IUserStore`). */
type Implementing = { cls: ts.ClassLikeDeclaration; type: ts.ExpressionWithTypeArguments; name: string };

/** Per program: the clauses by the name they give, and the answers found per interface. */
interface ProgramIndex {
  byName: Map<string, Implementing[]>;
  found: Map<ts.InterfaceDeclaration, { classes: ts.ClassLikeDeclaration[]; seen: ImplementationsSeen }>;
}

const indexByProgram = new WeakMap<ts.Program, ProgramIndex>();

function indexOf(program: ts.Program): ProgramIndex {
  let index = indexByProgram.get(program);
  if (!index) {
    const byName = new Map<string, Implementing[]>();
    for (const sf of projectSourceFiles(program)) {
      for (const clause of implementsClausesIn(sf)) {
        const list = byName.get(clause.name);
        if (list) list.push(clause);
        else byName.set(clause.name, [clause]);
      }
    }
    indexByProgram.set(program, (index = { byName, found: new Map() }));
  }
  return index;
}

/** The clauses that give the interface one of `names`, or every clause when it may be imported under any name. */
function clausesNaming(names: readonly string[], anyName: boolean, program: ts.Program): Implementing[] {
  const { byName } = indexOf(program);
  return anyName ? [...byName.values()].flat() : names.flatMap((n) => byName.get(n) ?? []);
}

function fileNamesOf(clauses: readonly Implementing[]): string {
  return [...new Set(clauses.map((c) => c.cls.getSourceFile().fileName))].sort().join('\n');
}

/**
 * The project classes that implement `iface`, and what the answer was read from (`seen`, which says
 * when a result built on it still holds on a later program). The classes themselves are looked up
 * again on each program: only the clauses that name the interface (under one of the names it is
 * imported or re-exported as) are resolved, each a checker question on a fresh program.
 */
export function getImplementations(iface: ts.InterfaceDeclaration, program: ts.Program): { classes: ts.ClassLikeDeclaration[]; seen: ImplementationsSeen } {
  const index = indexOf(program);
  let found = index.found.get(iface);
  if (!found) {
    const names = [...namesCalling(iface.name.text, program)];
    const anyName = isImportableUnderAnyName(iface, names);
    const clauses = clausesNaming(names, anyName, program);
    const checker = program.getTypeChecker();
    const classes: ts.ClassLikeDeclaration[] = [];
    for (const { cls, type } of clauses) {
      if (!classes.includes(cls) && resolveSymbol(checker, type.expression)?.declarations?.includes(iface)) classes.push(cls);
    }
    const files = new Set<ts.SourceFile>([iface.getSourceFile()]);
    for (const clause of clauses) {
      const sf = clause.cls.getSourceFile();
      files.add(sf);
      for (const dep of projectImportsOf(sf, checker)) files.add(dep);
    }
    const seen = { interfaceName: iface.name.text, names: names.join('\n'), anyName, clauseFiles: fileNamesOf(clauses), files: [...files], verdicts: new WeakMap() };
    index.found.set(iface, (found = { classes, seen }));
  }
  return found;
}

/** Whether implementations read on an earlier program are still those of `program` (see ImplementationsSeen). */
export function implementationsHold(seen: ImplementationsSeen, program: ts.Program): boolean {
  let verdict = seen.verdicts.get(program);
  if (verdict === undefined) {
    // While the interface's file declares the same, so does its being a default export.
    const names = [...namesCalling(seen.interfaceName, program)];
    verdict = names.join('\n') === seen.names && fileNamesOf(clausesNaming(names, seen.anyName, program)) === seen.clauseFiles && importsDeclareSameIn(program, seen.files);
    seen.verdicts.set(program, verdict);
  }
  return verdict;
}

const implementsByFile = new WeakMap<ts.SourceFile, readonly Implementing[]>();

/** The `implements` clauses of a file's classes: syntax, kept while the file is. */
function implementsClausesIn(sf: ts.SourceFile): readonly Implementing[] {
  let found = implementsByFile.get(sf);
  if (!found) {
    const list: Implementing[] = [];
    if (fileMentions(sf, 'implements')) {
      for (const n of nodesOf(sf)) {
        if (!ts.isClassLike(n)) continue;
        for (const clause of n.heritageClauses ?? []) {
          if (clause.token !== ts.SyntaxKind.ImplementsKeyword) continue;
          for (const type of clause.types) {
            const name = getSimpleName(type.expression);
            if (name !== undefined) list.push({ cls: n, type, name });
          }
        }
      }
    }
    implementsByFile.set(sf, (found = list));
  }
  return found;
}
