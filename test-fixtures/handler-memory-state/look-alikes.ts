// expect: no findings
import express from 'express';

// Constants and tables filled at startup, then only read.
const MAX_PAGE = 100;
const countries = new Map<string, string>([['fr', 'France']]);
const allowed = new Set<string>();
for (const origin of ['https://a.example', 'https://b.example']) allowed.add(origin);
const mimeTypes: Record<string, string> = {};
mimeTypes.json = 'application/json';

function registerCountry(code: string, name: string): void {
  countries.set(code, name);
}
registerCountry('de', 'Germany');

// Per-request data keyed by the request itself goes away with the request.
const startedAt = new WeakMap<express.Request, number>();

// Lazily initialised once per process: the same value on every instance.
let banner: string | undefined;
let footer: string | undefined;

const app = express();

app.use((req, _res, next) => {
  startedAt.set(req, Date.now());
  next();
});

app.get('/products/:id', (req, res) => {
  // Per-request locals.
  const seen = new Set<string>();
  const counts: Record<string, number> = {};
  let total = 0;
  for (const tag of String(req.query.tags ?? '').split(',')) {
    seen.add(tag);
    counts[tag] = (counts[tag] ?? 0) + 1;
    total++;
  }
  if (!banner) banner = 'Welcome';
  footer ??= 'bye';
  res.json({ seen: [...seen], counts, total, country: countries.get('fr'), ok: allowed.has(req.get('origin') ?? ''), max: MAX_PAGE, banner, footer, type: mimeTypes.json });
});

// Server-sent events: the interval is cleared when the request ends.
app.get('/events', (req, res) => {
  const timer = setInterval(() => res.write('data: ping\n\n'), 15_000);
  req.on('close', () => clearInterval(timer));
  res.on('finish', () => clearInterval(timer));
});

// Written only by a function that nothing on a request path calls.
let lastReload = 0;
export function reloadFromAdminCli(): void {
  lastReload = Date.now();
}

// A value this process refreshes for itself, the same on every instance, and the guard that keeps
// two requests from refreshing it at once.
let exchangeRates: Record<string, number> | undefined;
let nextRefresh = 0;
let refreshing = false;
async function getExchangeRates(): Promise<Record<string, number>> {
  if (exchangeRates && Date.now() < nextRefresh) return exchangeRates;
  if (refreshing) return exchangeRates ?? {};
  try {
    refreshing = true;
    exchangeRates = { EUR: 1 };
    nextRefresh = Date.now() + 3_600_000;
  } finally {
    refreshing = false;
  }
  return exchangeRates;
}
app.get('/rates', async (_req, res) => {
  res.json(await getExchangeRates());
});

// Entries dropped by a cleaner timer, started once: the timer's work, not the request's.
const draftsById: Record<string, { at: number }> = {};
let cleaner: NodeJS.Timeout | undefined;
app.get('/drafts', (_req, res) => {
  if (!cleaner) {
    cleaner = setInterval(() => {
      for (const id of Object.keys(draftsById)) if (Date.now() - draftsById[id].at > 60_000) delete draftsById[id];
    }, 60_000);
  }
  res.json(Object.keys(draftsById));
});
