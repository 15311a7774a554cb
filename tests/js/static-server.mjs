// A static file server on 127.0.0.1 for the browser suites: URL prefixes mapped to
// directories (or a prefix without a trailing slash to one file), GET only, nothing outside
// the routes, no caching. `refuse()` makes it drop every connection (offline tests);
// `served` lists the paths it answered.
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
};

/** The file `pathname` names under `routes` ([prefix, target] pairs), or null. */
function resolvePath(routes, pathname) {
  for (const [prefix, target] of routes) {
    if (!prefix.endsWith('/')) {
      if (pathname === prefix) return target;
      continue;
    }
    if (!pathname.startsWith(prefix)) continue;
    const rest = normalize(decodeURIComponent(pathname.slice(prefix.length)));
    if (rest.startsWith('..') || rest.includes(`${sep}..`)) return null;
    return join(target, rest === '.' ? 'index.html' : rest);
  }
  return null;
}

/** Starts serving `routes`; resolves to `{origin, served, refuse(), close()}`. */
export async function serve(routes) {
  let refusing = false;
  const served = [];
  const server = createServer(async (req, res) => {
    if (refusing) {
      req.socket.destroy();
      return;
    }
    const { pathname } = new URL(req.url, 'http://127.0.0.1');
    served.push(pathname);
    const path = resolvePath(routes, pathname);
    try {
      if (path === null || req.method !== 'GET') throw new Error('not found');
      const body = await readFile(path);
      res.writeHead(200, {
        'content-type': TYPES[extname(path)] ?? 'application/octet-stream',
        'cache-control': 'no-store',
      });
      res.end(body);
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found');
    }
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  return {
    origin: `http://127.0.0.1:${server.address().port}`,
    served,
    refuse() {
      refusing = true;
      server.closeAllConnections?.();
    },
    close() {
      server.closeAllConnections?.();
      server.close();
    },
  };
}
