// Lets the reader reopen what they read while offline. It is registered
// once the app runs (see the bundler's app_start.js): a reader who only
// reads the page as it came downloads nothing more, and the worker finds
// the app's files in the browser's cache, just fetched. Only a page that
// names its site's worker registers one: built sites do (the bundler
// writes both), a development server has none. An external file, so the
// page needs no inline script.
const worker = document.querySelector('meta[name="bantin-service-worker"]')?.content;
if (worker && 'serviceWorker' in navigator) {
  addEventListener('TrunkApplicationStarted', () => {
    navigator.serviceWorker.register(worker).catch(() => {});
    // The search worker's folders (`search-worker-<fingerprint>/`) get a
    // service worker of their own, beside the site's, with no fetch
    // handler: the search's requests then go straight to the network
    // instead of through the site's worker (the bundler's offline.rs).
    const site = new URL(worker, location.href);
    navigator.serviceWorker
      .register(new URL('sw-search.js', site).href, { scope: new URL('search-worker-', site).href })
      .catch(() => {});
  }, { once: true });
}
