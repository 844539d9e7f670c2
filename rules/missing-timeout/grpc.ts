/**
 * Calls on @grpc/grpc-js clients: generated methods (`client.getUser(req, metadata, options, cb)`) are
 * recognised by a parameter typed as grpc-js's `CallOptions`, in the overload the checker picked or,
 * when that overload takes none (`client.getUser(req, cb)`), in another overload of the same method.
 */
import { ts } from '../../server/src/engine/typescript';
import { getDeclaringModule, skipOuterExpressions } from '../../server/src/engine/api-resolve';

const textCache = new WeakMap<ts.SourceFile, boolean>();

/** Cheap file prefilter: generated gRPC clients are imported from files whose names or types say so. */
export function mayCallGrpc(sf: ts.SourceFile): boolean {
  let found = textCache.get(sf);
  if (found === undefined) textCache.set(sf, (found = /grpc|ServiceClient/i.test(sf.text)));
  return found;
}

export interface GrpcOptionsPlacement {
  index: number;
  /** No options argument: new options go in before the callback at `index` (or at the end). */
  insert: boolean;
}

/** Where a gRPC call's `CallOptions` are (or would go), or undefined when the call is not a gRPC client call. */
export function getGrpcOptionsPlacement(call: ts.CallExpression, checker: ts.TypeChecker): GrpcOptionsPlacement | undefined {
  if (!ts.isPropertyAccessExpression(skipOuterExpressions(call.expression)) || call.arguments.length === 0) return undefined;
  const signature = checker.getResolvedSignature(call);
  const decl = signature?.getDeclaration();
  if (!decl) return undefined;
  const picked = findCallOptionsIndex(decl, checker);
  if (picked !== undefined) return { index: picked, insert: call.arguments[picked] === undefined };
  // client.getUser(req, cb): an overload without options, of a method that has one with them
  const symbol = checker.getSymbolAtLocation((skipOuterExpressions(call.expression) as ts.PropertyAccessExpression).name);
  const overloads = symbol?.declarations?.filter((d): d is ts.SignatureDeclaration => ts.isFunctionLike(d)) ?? [];
  if (!overloads.some((d) => findCallOptionsIndex(d, checker) !== undefined)) return undefined;
  const last = call.arguments[call.arguments.length - 1];
  const hasCallback = checker.getTypeAtLocation(last).getCallSignatures().length > 0;
  return { index: hasCallback ? call.arguments.length - 1 : call.arguments.length, insert: true };
}

function findCallOptionsIndex(decl: ts.SignatureDeclaration, checker: ts.TypeChecker): number | undefined {
  const index = decl.parameters.findIndex((p) => {
    if (!p.type || !/CallOptions/.test(p.type.getText())) return false;
    const symbol = checker.getTypeFromTypeNode(p.type).getSymbol();
    const declaration = symbol?.declarations?.[0];
    return declaration !== undefined && symbol?.getName() === 'CallOptions' && getDeclaringModule(declaration) === '@grpc/grpc-js';
  });
  return index < 0 ? undefined : index;
}
