import express, { type NextFunction, type Request, type Response } from 'express';

const app = express();

// Created once at startup, captured by the middleware it returns: shared by every request.
function makeLimiter(limit: number) {
  const hits = new Map<string, number>();
  let blocked = 0;
  return (req: Request, res: Response, next: NextFunction) => {
    const key = req.ip ?? 'unknown';
    const count = (hits.get(key) ?? 0) + 1;
    hits.set(key, count);
//  ^^^^^^^^ handler-memory-state(growingState): `makeLimiter()`
    if (count > limit) {
      blocked++;
//    ^^^^^^^ handler-memory-state(counterState): middleware
      res.status(429).end();
      return;
    }
    next();
  };
}
app.use(makeLimiter(100));

// A local alias of module state is the module state.
const sessions = new Map<string, string>();
app.post('/login', (req, res) => {
  const store = sessions;
  store.set(String(req.body.token), String(req.body.user));
//^^^^^^^^^ handler-memory-state(growingState): `sessions`
  res.status(204).end();
});

// A WeakMap keyed by long-lived objects, not by the request: per instance.
const tenants = [{ id: 'a' }, { id: 'b' }];
const lastSeen = new WeakMap<object, number>();
app.get('/tenants/:index', (req, res) => {
  lastSeen.set(tenants[Number(req.params.index)], Date.now());
//^^^^^^^^^^^^ handler-memory-state(divergingState): GET /tenants/:index
  res.json(tenants);
});
