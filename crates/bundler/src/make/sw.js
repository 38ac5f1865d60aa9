// Bản tin service worker, written by the bundler for one build.
// - The app shell (this build's WASM, JS, CSS, 404 page) is cached at install.
// - Pages and data bundles: network first; what a reader opened stays
//   readable offline.
// - Hashed assets never change under a name: cache first.
// - The search index's files (data/search/<build>/) are left to the
//   browser's HTTP cache (they are immutable): copying each into Cache
//   Storage would slow every search for no offline gain worth its space.
// A new build has a new cache name; its worker takes over on the next visit.
const BUILD = "__BUILD__";
const PRECACHE = __PRECACHE__;
const SHELL = `bantin-shell-${BUILD}`;
const READ = `bantin-read-${BUILD}`;

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(SHELL).then((cache) => cache.addAll(PRECACHE)));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(
        keys.filter((key) => key !== SHELL && key !== READ).map((key) => caches.delete(key)),
      ))
      .then(() => self.clients.claim()),
  );
});

// Trunk names the app's files after their content hash; the bundler names
// the loader, each page's hydration data and the picture copies after theirs.
const isHashedAsset = (url) =>
  url.pathname.startsWith('/bantin-web-') || url.pathname.startsWith('/bantin-start-') ||
  url.pathname.startsWith('/hydrate/') || url.pathname.startsWith('/anh/') ||
  url.pathname.endsWith('.css');

async function networkFirst(request) {
  const cache = await caches.open(READ);
  try {
    const response = await fetch(request);
    if (response.ok) cache.put(request, response.clone());
    return response;
  } catch (error) {
    const cached = (await cache.match(request)) || (await caches.match(request));
    if (cached) return cached;
    if (request.mode === 'navigate') {
      // Not read before: the app shell renders the address and says it is offline.
      const shell = await caches.match('/404.html');
      if (shell) return shell;
    }
    throw error;
  }
}

async function cacheFirst(request) {
  const cached = await caches.match(request);
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok) (await caches.open(SHELL)).put(request, response.clone());
  return response;
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== self.location.origin) return;
  if (url.pathname.startsWith('/data/search/')) return;
  event.respondWith(isHashedAsset(url) ? cacheFirst(request) : networkFirst(request));
});
