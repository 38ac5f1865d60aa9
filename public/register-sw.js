// Lets the reader reopen what they read while offline. An external file,
// so the page needs no inline script.
if ('serviceWorker' in navigator) {
  addEventListener('load', () => {
    navigator.serviceWorker.register('/sw.js').catch(() => {});
  });
}
