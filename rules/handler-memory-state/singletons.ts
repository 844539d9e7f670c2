/**
 * Classes whose one instance serves every request: NestJS providers and controllers in the default
 * (singleton) scope, and classes instantiated at module level (`export const users = new UserStore()`).
 */
import { ts } from '../../server/src/engine/typescript';
import { getDeclaringModule, symbolAt } from '../../server/src/engine/api-resolve';
import { getModuleLevelInstantiations } from './project-index';

const NEST_CLASS_DECORATORS = new Set(['Injectable', 'Controller', 'Resolver', 'WebSocketGateway']);
const cache = new WeakMap<ts.Program, Map<ts.ClassLikeDeclaration, boolean>>();

export function isSingletonClass(cls: ts.ClassLikeDeclaration, checker: ts.TypeChecker, program: ts.Program): boolean {
  let perProgram = cache.get(program);
  if (!perProgram) cache.set(program, (perProgram = new Map()));
  let answer = perProgram.get(cls);
  if (answer === undefined) {
    answer = isNestSingleton(cls, checker) || isInstantiatedAtModuleLevel(cls, checker, program);
    perProgram.set(cls, answer);
  }
  return answer;
}

// @Injectable() / @Controller('x') without { scope: Scope.REQUEST | Scope.TRANSIENT }
function isNestSingleton(cls: ts.ClassLikeDeclaration, checker: ts.TypeChecker): boolean {
  for (const d of ts.getDecorators(cls) ?? []) {
    const call = ts.isCallExpression(d.expression) ? d.expression : undefined;
    const callee = call ? call.expression : d.expression;
    if (!ts.isIdentifier(callee) || !NEST_CLASS_DECORATORS.has(callee.text)) continue;
    const decl = symbolAt(checker, callee)?.declarations?.[0];
    const module = decl ? getDeclaringModule(decl) : undefined;
    if (!module?.startsWith('@nestjs/')) continue;
    const scoped = call?.arguments.some((a) => ts.isObjectLiteralExpression(a) && a.properties.some((p) => p.name && ts.isIdentifier(p.name) && p.name.text === 'scope'));
    return !scoped;
  }
  return false;
}

function isInstantiatedAtModuleLevel(cls: ts.ClassLikeDeclaration, checker: ts.TypeChecker, program: ts.Program): boolean {
  return cls.name !== undefined && getModuleLevelInstantiations(program, checker).has(cls);
}
