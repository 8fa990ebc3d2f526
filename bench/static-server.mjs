// The bench's baseline, run as its own process: `node bench/static-server.mjs DIR` prints
// `URL: http://127.0.0.1:PORT/` once it listens. Plain JavaScript, so it starts as a bare `node`
// does (no TypeScript loader), like the built web shell.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import { extname, join, normalize } from 'node:path';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.woff2': 'font/woff2',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
};

/**
 * The built renderer from the barest server Node has (no framework, no kiosk core, no API: calls
 * answer 404), so the web shell's figure reads as a ratio to what this machine needs anyway to
 * start a Node server and show the same files in the same Chromium.
 */
const dir = process.argv[2];
const server = createServer((request, response) => {
  const path = normalize(decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname));
  const file = join(dir, path === '/' ? 'index.html' : path);
  if (!file.startsWith(dir)) return void response.writeHead(404).end();
  stat(file).then(
    (s) => {
      if (!s.isFile()) return void response.writeHead(404).end();
      response.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
      createReadStream(file).pipe(response);
    },
    () => void response.writeHead(404).end(),
  );
});
server.listen(0, '127.0.0.1', () => process.stdout.write(`URL: http://127.0.0.1:${server.address().port}/\n`));
process.once('SIGTERM', () => server.close(() => process.exit(0)));
