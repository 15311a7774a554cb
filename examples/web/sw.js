// Service worker of the 出生一件事 H5 page: on install it caches the page, its script and
// style, the package (the module, its glue, the .wasm and the snippets the glue imports) and
// the catalogue; it answers cache-first, so a kiosk keeps working with the network off.
// Bump VERSION when any of these files change: a new name makes a new cache, and the old one
// is deleted on activation (cache-first would otherwise serve the old files forever).
const VERSION = 'v3';
const CACHE = `doorstep-h5-${VERSION}`;

const PKG = '../../bindings-wasm/pkg/';
const FILES = [
  './birth.html',
  './birth.js',
  './birth.css',
  `${PKG}index.js`,
  `${PKG}doorstep_wasm.js`,
  `${PKG}doorstep_wasm_bg.wasm`,
  '../../catalogs/haicang.json',
];

/** The snippets the glue imports (`./snippets/<crate-hash>/js/….js`): their path carries a
 * hash that changes with a rebuild, so they are read from the glue instead of listed. */
async function snippets(cache) {
  const glue = await (await cache.match(`${PKG}doorstep_wasm.js`)).text();
  const paths = new Set([...glue.matchAll(/from\s+["'](\.\/snippets\/[^"']+)["']/g)].map((m) => m[1]));
  return [...paths].map((p) => new URL(p, new URL(PKG, self.location)).href);
}

self.addEventListener('install', (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(CACHE);
    // `cache: 'reload'` skips the HTTP cache, so the worker caches what the server has now.
    await cache.addAll(FILES.map((f) => new Request(f, { cache: 'reload' })));
    await cache.addAll(await snippets(cache));
    // Take over at once: the first visit is then already served offline-ready.
    await self.skipWaiting();
  })());
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) {
      if (name.startsWith('doorstep-h5-') && name !== CACHE) await caches.delete(name);
    }
    await self.clients.claim();
  })());
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET' || new URL(request.url).origin !== self.location.origin) return;
  event.respondWith((async () => {
    const cache = await caches.open(CACHE);
    // The page may be opened with a query string (a kiosk's ?station=…): same page.
    const hit = await cache.match(request, { ignoreSearch: request.mode === 'navigate' });
    if (hit) return hit;
    // Not precached (another file of the same origin): fetch it and keep a copy for later.
    const response = await fetch(request);
    if (response.ok) await cache.put(request, response.clone());
    return response;
  })());
});
