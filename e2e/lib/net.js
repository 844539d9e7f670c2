'use strict';
// Small network helpers for run.sh, so it needs neither curl nor fixed sleeps.
//   node net.js free-port             prints a free TCP port on 127.0.0.1
//   node net.js wait URL PID MS       polls URL until it answers 200; fails early if PID dies, or after MS
const http = require('http');
const net = require('net');

function freePort() {
  const server = net.createServer();
  server.listen(0, '127.0.0.1', () => {
    const { port } = server.address();
    server.close(() => process.stdout.write(`${port}\n`));
  });
}

function isAlive(pid) {
  try { process.kill(pid, 0); return true; } catch { return false; }
}

function wait(url, pid, ms) {
  const deadline = Date.now() + ms;
  const attempt = () => {
    if (!isAlive(pid)) return fail(`process ${pid} exited before ${url} answered`);
    if (Date.now() > deadline) return fail(`${url} did not answer 200 within ${ms} ms`);
    const req = http.get(url, { timeout: 2000 }, (res) => {
      res.resume();
      if (res.statusCode === 200) process.exit(0);
      setTimeout(attempt, 100);
    });
    req.on('timeout', () => req.destroy(new Error('request timeout')));
    req.on('error', () => setTimeout(attempt, 100));
  };
  attempt();
}

function fail(message) {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

const [cmd, ...args] = process.argv.slice(2);
if (cmd === 'free-port') freePort();
else if (cmd === 'wait' && args.length === 3) wait(args[0], Number(args[1]), Number(args[2]));
else fail('usage: net.js free-port | net.js wait URL PID MS');
