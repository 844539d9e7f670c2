/**
 * How request handlers are registered in each framework, as data the request-path model reads.
 * Receivers are recognised by the package that declares their type; `shapeNames` is the fallback
 * when types are missing (plain JavaScript without @types).
 */

export const HTTP_METHODS = ['get', 'post', 'put', 'patch', 'delete', 'del', 'all', 'head', 'options'] as const;

export interface RouterFramework {
  name: string;
  /** Packages whose types mark a receiver as this framework's app or router. */
  packages: string[];
  /** Methods that register handlers; `use` registers middleware. */
  methods: readonly string[];
  /** Receiver names accepted when the receiver's type is unknown. */
  shapeNames: RegExp;
}

export const ROUTER_FRAMEWORKS: RouterFramework[] = [
  {
    name: 'Express',
    packages: ['express', 'express-serve-static-core'],
    methods: [...HTTP_METHODS, 'use'],
    shapeNames: /^(app|router|api|routes?|\w*Router|server)$/,
  },
  { name: 'Fastify', packages: ['fastify'], methods: [...HTTP_METHODS, 'route', 'addHook'], shapeNames: /^(fastify|server|app|instance)$/ },
  { name: 'Koa', packages: ['koa', '@koa/router', 'koa-router'], methods: [...HTTP_METHODS, 'use'], shapeNames: /^(app|router|\w*Router)$/ },
  { name: 'Hono', packages: ['hono'], methods: [...HTTP_METHODS, 'use', 'on'], shapeNames: /^(app|api|\w*Router)$/ },
];

/** `http.createServer(cb)`, `https.createServer(opts, cb)`: every request runs `cb`. */
export const NODE_SERVER_FACTORIES = [
  { module: 'http', name: 'createServer' },
  { module: 'https', name: 'createServer' },
  { module: 'http2', name: 'createServer' },
  { module: 'http2', name: 'createSecureServer' },
];

/** NestJS: route decorators on methods of `@Controller` classes, and their GraphQL and microservice cousins. */
export const NEST_PACKAGES = ['@nestjs/common', '@nestjs/graphql', '@nestjs/microservices', '@nestjs/bull', '@nestjs/bullmq'];
export const NEST_ROUTE_DECORATORS: Record<string, string> = {
  Get: 'GET',
  Post: 'POST',
  Put: 'PUT',
  Patch: 'PATCH',
  Delete: 'DELETE',
  All: 'ALL',
  Head: 'HEAD',
  Options: 'OPTIONS',
  Query: 'GraphQL query',
  Mutation: 'GraphQL mutation',
  ResolveField: 'GraphQL field',
  MessagePattern: 'message',
  EventPattern: 'event',
  Process: 'queue job',
};

/**
 * NestJS classes whose method runs on every request they guard, intercept or validate: the interface
 * a class implements (from @nestjs/common) and the method that runs.
 */
export const NEST_PER_REQUEST_CLASSES: Record<string, { method: string; kind: string }> = {
  CanActivate: { method: 'canActivate', kind: 'guard' },
  NestInterceptor: { method: 'intercept', kind: 'interceptor' },
  PipeTransform: { method: 'transform', kind: 'pipe' },
  NestMiddleware: { method: 'use', kind: 'middleware' },
};

/** Next.js App Router: `app/**\/route.ts` exports named after HTTP methods. */
export const NEXT_ROUTE_EXPORTS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'];

/** Bull (v3) queues: `queue.process(fn)` runs fn once per job. */
export const QUEUE_PROCESS_PACKAGES = ['bull', 'bee-queue'];

/** AWS Lambda: exported handler names and the package whose types mark an event parameter. */
export const LAMBDA_EXPORTS = ['handler'];
export const LAMBDA_TYPE_PACKAGES = ['aws-lambda'];

/**
 * Files that never serve requests: tests, scripts, migrations, seeds, command-line entry points and
 * configuration. Matched against the path relative to the project.
 */
export const TOOLING_PATH = /(^|\/)(tests?|__tests__|__mocks__|spec|e2e|scripts?|migrations?|seeds?|seeders|fixtures|bin|tools)\/|\.(test|spec|e2e-spec|config|stories)\.[cm]?[jt]sx?$|(^|\/)(jest|vitest|webpack|rollup|vite|babel|eslint|prettier|knexfile|ormconfig|drizzle\.config)[^/]*\.[cm]?[jt]s$/;
