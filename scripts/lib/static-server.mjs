#!/usr/bin/env node
// A small static file server for build/web: correct MIME types (application/wasm for
// streaming compilation), Cache-Control: no-cache with ETags (a rebuilt app is picked up on
// reload, an unchanged one costs a 304), listening on 127.0.0.1 only.
//
//   node scripts/lib/static-server.mjs <root> [--port N]    (N = 0: any free port)
//
// Prints "Serving <root> at http://127.0.0.1:<port>/" once listening; stops on SIGINT/SIGTERM.
import { createReadStream, promises as fsp } from 'node:fs';
import http from 'node:http';
import path from 'node:path';

const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.data': 'application/octet-stream',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.webmanifest': 'application/manifest+json',
  '.otf': 'font/otf',
  '.ttf': 'font/ttf',
  '.woff2': 'font/woff2',
};

function usage(message) {
  if (message) console.error(`static-server: ${message}`);
  console.error('usage: static-server.mjs <root> [--port N]');
  process.exit(2);
}

function parseArgs(argv) {
  let root = null, port = Number(process.env.PORT || 8080);
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--port') port = Number(argv[++i]);
    else if (a.startsWith('--port=')) port = Number(a.slice(7));
    else if (a.startsWith('-')) usage(`unknown option ${a}`);
    else if (root === null) root = a;
    else usage(`unexpected argument ${a}`);
  }
  if (root === null) usage('no root folder given');
  if (!Number.isInteger(port) || port < 0 || port > 65535) usage(`bad port ${port}`);
  return { root: path.resolve(root), port };
}

const { root, port } = parseArgs(process.argv.slice(2));

function send(res, status, text, headers = {}) {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-cache', ...headers });
  res.end(text);
}

async function handle(req, res) {
  if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'Method not allowed\n', { Allow: 'GET, HEAD' });
  let pathname;
  try {
    pathname = decodeURIComponent(new URL(req.url, 'http://localhost').pathname);
  } catch {
    return send(res, 400, 'Bad request\n');
  }
  if (pathname.includes('\0')) return send(res, 400, 'Bad request\n');
  let file = path.join(root, path.normalize(pathname));
  if (file !== root && !file.startsWith(root + path.sep)) return send(res, 403, 'Forbidden\n');
  let stat;
  try {
    stat = await fsp.stat(file);
    if (stat.isDirectory()) {
      file = path.join(file, 'index.html');
      stat = await fsp.stat(file);
    }
  } catch {
    return send(res, 404, 'Not found\n');
  }
  if (!stat.isFile()) return send(res, 404, 'Not found\n');
  const etag = `"${stat.size.toString(16)}-${Math.floor(stat.mtimeMs).toString(16)}"`;
  const headers = {
    'Content-Type': MIME[path.extname(file).toLowerCase()] || 'application/octet-stream',
    'Cache-Control': 'no-cache',
    ETag: etag,
    'X-Content-Type-Options': 'nosniff',
  };
  if (req.headers['if-none-match'] === etag) {
    res.writeHead(304, headers);
    return res.end();
  }
  res.writeHead(200, { ...headers, 'Content-Length': stat.size });
  if (req.method === 'HEAD') return res.end();
  const stream = createReadStream(file);
  stream.on('error', () => res.destroy());
  stream.pipe(res);
}

const server = http.createServer((req, res) => {
  handle(req, res).catch((e) => {
    console.error(`static-server: ${req.url}: ${e.message}`);
    if (!res.headersSent) send(res, 500, 'Internal error\n');
    else res.destroy();
  });
});
server.on('error', (e) => {
  console.error(`static-server: ${e.code === 'EADDRINUSE' ? `port ${port} is already in use (try --port N)` : e.message}`);
  process.exit(1);
});
server.listen(port, '127.0.0.1', () => {
  console.log(`Serving ${root} at http://127.0.0.1:${server.address().port}/`);
});
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    server.close();
    server.closeAllConnections();
    process.exit(0);
  });
}
