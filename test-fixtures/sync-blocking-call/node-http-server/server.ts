import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';

const index = readFileSync('./index.html');

createServer((req, res) => {
  if (req.url === '/config') res.end(readFileSync('./config.json'));
  //                                 ^^^^^^^^^^^^ sync-blocking-call: http request
  else res.end(index);
}).listen(8080);

const other = createServer();
other.on('request', (req, res) => {
  res.end(readFileSync('./other.json'));
  //      ^^^^^^^^^^^^ sync-blocking-call: http request
});
