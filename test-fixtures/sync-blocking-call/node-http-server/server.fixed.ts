import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';

const index = readFileSync('./index.html');

createServer(async (req, res) => {
  if (req.url === '/config') res.end(await readFile('./config.json'));
  else res.end(index);
}).listen(8080);

const other = createServer();
other.on('request', async (req, res) => {
  res.end(await readFile('./other.json'));
});
