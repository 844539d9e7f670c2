/**
 * A syntactic prefilter for call resolution. Asking the checker what a call refers to costs 60–160 µs;
 * most calls on a request path (`res.json`, `items.map`, `console.log`) can never reach project code.
 * A call can only resolve to a project function if its callee's last name is declared, imported or
 * assigned somewhere in the project's own files, so those names are collected once per file (cached
 * by source-file identity, which survives edits to other files) and the checker is asked only for
 * callees that carry one of them.
 */
import { ts } from './typescript';
import { getCalleeName, projectSourceFiles, skipOuterExpressions } from './api-resolve';

const namesByFile = new WeakMap<ts.SourceFile, readonly string[]>();
const namesByProgram = new WeakMap<ts.Program, ReadonlySet<string>>();

/** Whether the callee of a call (or a callback passed by name) may denote a project function. */
export function mayNameProjectFunction(callee: ts.Expression, program: ts.Program): boolean {
  const name = getCalleeName(callee);
  // Callees without a readable name (`getHandler()()`, `obj[key]()`) go to the checker.
  return name === undefined || projectNames(program).has(name);
}

function projectNames(program: ts.Program): ReadonlySet<string> {
  let names = namesByProgram.get(program);
  if (!names) {
    const all = new Set<string>();
    for (const sf of projectSourceFiles(program)) {
      for (const name of namesIn(sf)) all.add(name);
    }
    names = all;
    namesByProgram.set(program, names);
  }
  return names;
}

function namesIn(sf: ts.SourceFile): readonly string[] {
  let names = namesByFile.get(sf);
  if (!names) {
    const found = new Set<string>();
    const add = (name: ts.Node | undefined): void => {
      if (name && (ts.isIdentifier(name) || ts.isStringLiteralLike(name) || ts.isPrivateIdentifier(name))) found.add(name.text);
    };
    const visit = (node: ts.Node): void => {
      switch (node.kind) {
        case ts.SyntaxKind.FunctionDeclaration:
        case ts.SyntaxKind.FunctionExpression:
        case ts.SyntaxKind.ClassDeclaration:
        case ts.SyntaxKind.MethodDeclaration:
        case ts.SyntaxKind.MethodSignature:
        case ts.SyntaxKind.ShorthandPropertyAssignment:
        case ts.SyntaxKind.BindingElement:
        case ts.SyntaxKind.ImportClause:
        case ts.SyntaxKind.ImportEqualsDeclaration:
          add((node as ts.NamedDeclaration).name);
          break;
        case ts.SyntaxKind.PropertyDeclaration:
        case ts.SyntaxKind.PropertyAssignment:
        case ts.SyntaxKind.VariableDeclaration: {
          const decl = node as ts.PropertyDeclaration | ts.PropertyAssignment | ts.VariableDeclaration;
          if (decl.initializer && mayHoldFunction(decl.initializer)) add(decl.name);
          break;
        }
        case ts.SyntaxKind.PropertySignature: {
          // An interface member implemented by project classes: `handle: Handler`, `run: () => void`.
          const type = (node as ts.PropertySignature).type;
          if (type && (ts.isFunctionTypeNode(type) || ts.isTypeReferenceNode(type))) add((node as ts.PropertySignature).name);
          break;
        }
        case ts.SyntaxKind.ImportSpecifier:
        case ts.SyntaxKind.ExportSpecifier: {
          // Only a rename introduces a name the declaration does not carry: `import { find as lookup }`.
          const spec = node as ts.ImportSpecifier | ts.ExportSpecifier;
          if (spec.propertyName) add(spec.name);
          break;
        }
        case ts.SyntaxKind.BinaryExpression: {
          // `exports.find = …`, `this.handle = …`, `Service.prototype.run = …`
          const { left, operatorToken, right } = node as ts.BinaryExpression;
          if (operatorToken.kind === ts.SyntaxKind.EqualsToken && mayHoldFunction(right)) {
            if (ts.isPropertyAccessExpression(left)) add(left.name);
            else if (ts.isElementAccessExpression(left)) add(left.argumentExpression);
          }
          break;
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(sf);
    names = [...found];
    namesByFile.set(sf, names);
  }
  return names;
}

/** Initialisers through which a name can denote a function: the function itself, an alias of one, or a require. */
function mayHoldFunction(init: ts.Expression): boolean {
  const e = skipOuterExpressions(init);
  return (
    ts.isFunctionExpression(e) ||
    ts.isArrowFunction(e) ||
    ts.isIdentifier(e) ||
    ts.isPropertyAccessExpression(e) ||
    ts.isElementAccessExpression(e) ||
    (ts.isCallExpression(e) && ts.isIdentifier(e.expression) && e.expression.text === 'require')
  );
}
