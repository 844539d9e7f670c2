/**
 * Every node of a file in document order, the order a depth-first `ts.forEachChild` walk visits them.
 * Several passes read every node of every project file (the rules, the entry-point search, the
 * callable-name index): walking the tree costs each of them about ten times what reading a list does,
 * so they share one walk. Kept per `SourceFile` (weakly, like the program's own caches): an edit lists
 * only the edited file again.
 */
import { ts } from './typescript';

const nodesByFile = new WeakMap<ts.SourceFile, readonly ts.Node[]>();

/** The file's nodes (not the `SourceFile` itself, nor its end-of-file token), parents before children. */
export function nodesOf(sf: ts.SourceFile): readonly ts.Node[] {
  let nodes = nodesByFile.get(sf);
  if (!nodes) {
    const list: ts.Node[] = [];
    const visit = (n: ts.Node): void => {
      list.push(n);
      ts.forEachChild(n, visit);
    };
    for (const statement of sf.statements) visit(statement);
    nodesByFile.set(sf, (nodes = list));
  }
  return nodes;
}
