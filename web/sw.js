/*
 * Makes the static app work offline after a first visit: every file of the app is cached
 * when the worker installs, and requests for them go to the network first (so a new build
 * is picked up at once) with the cached copy as the answer when the network is not there.
 * Only this origin's GET requests are touched; a sync server elsewhere is never intercepted.
 */
'use strict';
const CACHE = 'subspace-app-v1';
const FILES = ['./', 'index.html', 'page.js', 'subspace-storage.js', 'subspace-web.js', 'subspace.js', 'subspace.wasm', 'subspace.data',
  'embed-example.html'];

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(FILES)).then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(caches.keys()
    .then((keys) => Promise.all(keys.filter((k) => k !== CACHE).map((k) => caches.delete(k))))
    .then(() => self.clients.claim()));
});

self.addEventListener('fetch', (event) => {
  const req = event.request;
  const url = new URL(req.url);
  if (req.method !== 'GET' || url.origin !== self.location.origin) return;
  event.respondWith((async () => {
    const cache = await caches.open(CACHE);
    try {
      const res = await fetch(req, { cache: 'no-store' });
      if (res.ok) cache.put(req, res.clone());
      return res;
    } catch (e) {
      // Offline: the cached copy, looked up without the query (?store=, ?demo= ...).
      const hit = (await cache.match(req)) || (await cache.match(req, { ignoreSearch: true }));
      if (hit) return hit;
      throw e;
    }
  })());
});
