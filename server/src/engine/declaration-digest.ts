/**
 * What a file declares, as a digest that most edits leave unchanged: typing inside a function body
 * whose return type is declared, or in comments and spacing. Other files resolve their calls and types
 * through a file's declarations, never through such a body, so what they worked out through the file
 * still holds after such an edit (though the file's own nodes are new).
 */
import { createHash } from 'node:crypto';
import { ts } from './typescript';

/** Per file: its digest (null when it has none) and its functions outside the bodies left out, in order. */
const digests = new WeakMap<ts.SourceFile, { digest: string | null; functions: readonly ts.FunctionLikeDeclaration[] }>();

/**
 * The digest of `sf`: its text with the bodies of functions that declare their return type left out,
 * and the comments and spacing between nodes reduced to whether they break the line (automatic
 * semicolons depend on it). A function whose return type is inferred keeps its body, and so does a
 * constructor, from whose assignments TypeScript infers the types of unannotated properties.
 * Undefined where comments or bodies can declare: JavaScript (JSDoc types, `this.x = …`) and files
 * with JSX pragmas.
 */
export function declarationDigest(sf: ts.SourceFile): string | undefined {
  return digestOf(sf).digest ?? undefined;
}

/**
 * The functions of `sf` outside the bodies its digest leaves out, in document order: two versions of a
 * file with the same digest have the same list, function for function.
 */
export function declaredFunctions(sf: ts.SourceFile): readonly ts.FunctionLikeDeclaration[] {
  return digestOf(sf).functions;
}

function digestOf(sf: ts.SourceFile): { digest: string | null; functions: readonly ts.FunctionLikeDeclaration[] } {
  let found = digests.get(sf);
  if (!found) digests.set(sf, (found = compute(sf) ?? { digest: null, functions: [] }));
  return found;
}

function compute(sf: ts.SourceFile): { digest: string; functions: ts.FunctionLikeDeclaration[] } | undefined {
  const text = sf.text;
  if (sf.flags & ts.NodeFlags.JavaScriptFile || text.includes('@jsx')) return undefined;
  const functions: ts.FunctionLikeDeclaration[] = [];
  const hash = createHash('sha1');
  let at = 0;
  // Each piece of text goes in with its length, so that no text can pass for a marker.
  const keep = (to: number): void => {
    hash.update(`${to - at}:`);
    hash.update(text.slice(at, to));
  };
  /** Hashes the text up to `from`, then `marker` in place of [from, to). */
  const leaveOut = (from: number, to: number, marker: string): void => {
    from = Math.max(from, at);
    if (to <= from) return;
    keep(from);
    hash.update(marker);
    at = to;
  };
  const visit = (node: ts.Node): void => {
    const start = node.getStart(sf);
    // What comes before the first token (a header comment, a shebang) separates nothing.
    if (node.pos === 0) at = Math.max(at, start);
    else if (start > node.pos) leaveOut(node.pos, start, /[\r\n\u2028\u2029]/.test(text.slice(node.pos, start)) ? '\u0001' : '\u0000');
    if (ts.isFunctionLike(node) && 'body' in node) functions.push(node as ts.FunctionLikeDeclaration);
    const opaqueBody = isFunctionWithDeclaredType(node) ? node.body : undefined;
    ts.forEachChild(node, (child) => {
      if (child === opaqueBody) leaveOut(child.pos, child.end, '\u0002');
      else visit(child);
    });
  };
  visit(sf);
  keep(text.length);
  // Triple-slash directives live in comments and bring files into the program.
  const references = [...sf.referencedFiles, ...sf.typeReferenceDirectives, ...sf.libReferenceDirectives];
  hash.update(JSON.stringify(references.map((r) => [r.fileName, r.resolutionMode])));
  return { digest: hash.digest('base64'), functions };
}

function isFunctionWithDeclaredType(node: ts.Node): node is ts.FunctionLikeDeclaration & { body: ts.Node } {
  return ts.isFunctionLike(node) && !ts.isConstructorDeclaration(node) && node.type !== undefined && 'body' in node && node.body !== undefined;
}
