/**
 * socket.io servers whose rooms live in one process: created without an adapter option, never given
 * one (`io.adapter(createAdapter(pub, sub))`), and used for rooms or broadcasts somewhere in the project.
 */
import { ts } from '../../server/src/engine/typescript';
import { isProjectSourceFile, skipOuterExpressions, symbolAt } from '../../server/src/engine/api-resolve';
import { SOCKET_SERVER } from '../catalog/memory-stores';

const answers = new WeakMap<ts.Program, Map<ts.Symbol, boolean>>();

export function isUnsharedSocketServer(creation: ts.NewExpression, checker: ts.TypeChecker, program: ts.Program): boolean {
  if (creation.arguments?.some((a) => ts.isObjectLiteralExpression(a) && a.properties.some((p) => p.name && ts.isIdentifier(p.name) && p.name.text === SOCKET_SERVER.adapterMember))) return false;
  const binding = getBindingName(creation);
  const symbol = binding && checker.getSymbolAtLocation(binding);
  if (!symbol) return false;
  let perProgram = answers.get(program);
  if (!perProgram) answers.set(program, (perProgram = new Map()));
  let answer = perProgram.get(symbol);
  if (answer === undefined) perProgram.set(symbol, (answer = isUsedForRoomsWithoutAdapter(symbol, binding.text, checker, program)));
  return answer;
}

/** `const io = new Server(…)`, `io = new Server(…)`, `private io = new Server(…)`, `this.io = new Server(…)`. */
function getBindingName(creation: ts.NewExpression): ts.Identifier | undefined {
  let node: ts.Node = creation;
  while (ts.isParenthesizedExpression(node.parent) || ts.isAsExpression(node.parent)) node = node.parent;
  const parent = node.parent;
  if ((ts.isVariableDeclaration(parent) || ts.isPropertyDeclaration(parent)) && parent.initializer === node && ts.isIdentifier(parent.name)) return parent.name;
  if (ts.isBinaryExpression(parent) && parent.operatorToken.kind === ts.SyntaxKind.EqualsToken && parent.right === node) {
    const left = skipOuterExpressions(parent.left);
    if (ts.isIdentifier(left)) return left;
    if (ts.isPropertyAccessExpression(left) && ts.isIdentifier(left.name)) return left.name;
  }
  return undefined;
}

/** One pass over the files that name the server or import socket.io: an adapter anywhere wins. */
function isUsedForRoomsWithoutAdapter(server: ts.Symbol, name: string, checker: ts.TypeChecker, program: ts.Program): boolean {
  let usesRooms = false;
  let hasAdapter = false;
  const isServer = (expr: ts.Expression): boolean => {
    const e = skipOuterExpressions(expr);
    const id = ts.isPropertyAccessExpression(e) ? e.name : e;
    if (!ts.isIdentifier(id) || id.text !== name) return false;
    return symbolAt(checker, id) === server;
  };
  const visit = (n: ts.Node): void => {
    if (hasAdapter) return;
    if (ts.isPropertyAccessExpression(n)) {
      const member = n.name.text;
      if (member === SOCKET_SERVER.adapterMember && ts.isCallExpression(n.parent) && n.parent.expression === n && n.parent.arguments.length > 0 && isServer(n.expression)) hasAdapter = true;
      else if (!usesRooms && SOCKET_SERVER.broadcastMembers.has(member) && (isServer(n.expression) || isNamespaceOf(n.expression))) usesRooms = true;
      else if (!usesRooms && member === 'on' && (isServer(n.expression) || isNamespaceOf(n.expression)) && ts.isCallExpression(n.parent) && usesRoomsOnConnection(n.parent)) usesRooms = true;
    }
    ts.forEachChild(n, visit);
  };
  // io.sockets.emit(…), io.of('/chat').to(room)
  const isNamespaceOf = (expr: ts.Expression): boolean => {
    const e = skipOuterExpressions(expr);
    const access = ts.isCallExpression(e) ? skipOuterExpressions(e.expression) : e;
    return ts.isPropertyAccessExpression(access) && SOCKET_SERVER.namespaceMembers.has(access.name.text) && isServer(access.expression);
  };
  const mentionsServer = new RegExp(`\\b${name}\\b`);
  for (const sf of program.getSourceFiles()) {
    if (!isProjectSourceFile(sf)) continue;
    if (!sf.text.includes(SOCKET_SERVER.module) && !mentionsServer.test(sf.text)) continue;
    visit(sf);
    if (hasAdapter) return false;
  }
  return usesRooms;
}

// io.on('connection', (socket) => { socket.join(room); socket.to(room).emit(…) })
function usesRoomsOnConnection(on: ts.CallExpression): boolean {
  const [event, listener] = on.arguments;
  if (!event || !ts.isStringLiteralLike(event) || !SOCKET_SERVER.connectionEvents.has(event.text)) return false;
  if (!listener || !(ts.isArrowFunction(listener) || ts.isFunctionExpression(listener))) return false;
  const param = listener.parameters[0]?.name;
  if (!param || !ts.isIdentifier(param)) return false;
  let found = false;
  const visit = (n: ts.Node): void => {
    if (found) return;
    if (ts.isPropertyAccessExpression(n) && SOCKET_SERVER.socketRoomMembers.has(n.name.text) && ts.isIdentifier(n.expression) && n.expression.text === param.text) found = true;
    else ts.forEachChild(n, visit);
  };
  visit(listener.body);
  return found;
}
