// Lets the reader reopen what they read while offline. It is registered
// once the app runs (see the bundler's app_start.js): a reader who only
// reads the page as it came downloads nothing more, and the worker finds
// the app's files in the browser's cache, just fetched. An external file, so
// the page needs no inline script.
if ('serviceWorker' in navigator) {
  addEventListener('TrunkApplicationStarted', () => {
    navigator.serviceWorker.register('/sw.js').catch(() => {});
  }, { once: true });
}
