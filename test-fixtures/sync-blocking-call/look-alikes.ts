// expect: no findings
import express from 'express';
import { readFileSync } from 'node:fs';

/** A project function that happens to share a name with an fs export. */
function readSync(key: string): string {
  return key.toUpperCase();
}

const runtime = {
  runSync<T>(f: () => T): T {
    return f();
  },
};

/** Only called at startup, below. */
function loadConfig(): string {
  return readFileSync('./config.json', 'utf8');
}
const config = loadConfig();

let cachedTemplate: string | undefined;
function getTemplate(): string {
  // Once-per-process lazy initialisation: only the first request pays.
  if (!cachedTemplate) cachedTemplate = readFileSync('./template.html', 'utf8');
  return cachedTemplate;
}

let cachedFooter: string | undefined;
function getFooter(): string {
  cachedFooter ??= readFileSync('./footer.html', 'utf8');
  return cachedFooter;
}

/** Has a handler's signature, but nothing registers it. */
function unusedHandler(_req: express.Request, res: express.Response): void {
  res.send(readFileSync('./unused.html', 'utf8'));
}
void unusedHandler;

const app = express();
app.get('/look-alikes', (req, res) => {
  const readFileSync = (p: string) => `shadowed ${p}`;
  res.send([readSync('x'), runtime.runSync(() => 1), readFileSync('y'), getTemplate(), getFooter(), config].join());
});
