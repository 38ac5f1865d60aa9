// Registers the service workers a built page names, once the app runs
// (docs/deployment.md says why then, and why a development server has none).
const worker = document.querySelector('meta[name="bantin-service-worker"]')?.content;
if (worker && 'serviceWorker' in navigator) {
  addEventListener('TrunkApplicationStarted', () => {
    navigator.serviceWorker.register(worker).catch(() => {});
    // Why the search worker's own: the bundler's offline.rs, SEARCH_PATH.
    const site = new URL(worker, location.href);
    navigator.serviceWorker.register(new URL('sw-search.js', site).href, { scope: new URL('search-worker-', site).href }).catch(() => {});
  }, { once: true });
}
