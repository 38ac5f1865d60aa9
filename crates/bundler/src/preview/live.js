// Bản tin preview: keeps this tab up to date while an editor writes.
// Only pages served by `bantin serve` load it. The tab reloads when a file
// it was made from, or fetched since, has changed; the content's problems
// show over the page until they are fixed.
(() => {
  const me = document.currentScript;
  const base = new URL(me.src).pathname.replace(/\/_bantin\/live\.js$/, '');
  const generation = Number(me.dataset.generation);
  const search = Number(me.dataset.search);
  const read = new Set((me.dataset.reads || '').split(' ').filter(Boolean));
  const fromSite = (url) => {
    const path = new URL(url, location.href).pathname;
    return path.startsWith(base + '/') ? path.slice(base.length) : path;
  };
  // What the app fetched (a page it moved to, the sidebar, a prefetch).
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) read.add(fromSite(entry.name));
  }).observe({ type: 'resource', buffered: true });
  const searching = () => document.querySelector('[data-starts-search]') !== null;

  let overlay = null;
  const showProblems = (problems) => {
    overlay?.remove();
    overlay = null;
    if (problems.length === 0) return;
    overlay = document.createElement('div');
    overlay.setAttribute('role', 'alert');
    overlay.className = 'bantin-problems';
    overlay.style.cssText = 'position:fixed;inset:auto 0 0 0;z-index:2147483647;max-height:60vh;overflow:auto;'
      + 'background:#fff4f4;color:#5c0000;border-top:4px solid #a11d16;padding:1rem;font:14px/1.5 monospace;';
    const heading = document.createElement('p');
    heading.style.cssText = 'margin:0 0 .5rem;font-weight:bold;font-family:sans-serif;';
    heading.textContent = `Nội dung có ${problems.length} lỗi; trang đang hiện bản lưu tốt gần nhất.`;
    const list = document.createElement('pre');
    list.style.cssText = 'margin:0;white-space:pre-wrap;';
    list.textContent = problems.join('\n');
    overlay.append(heading, list);
    document.body.append(overlay);
  };

  const events = new EventSource(base + '/_bantin/events');
  events.addEventListener('state', (event) => {
    const state = JSON.parse(event.data);
    // Told on connecting: from now on, no save goes unseen (tests wait for it).
    window.bantinPreviewListening = true;
    showProblems(state.problems);
    // The site changed between this page and the connection.
    if (state.problems.length === 0 && state.generation !== generation) location.reload();
    // The search files changed while this page loaded, before it listened.
    else if (searching() && state.search !== search) location.reload();
  });
  events.addEventListener('changed', (event) => {
    const { changed } = JSON.parse(event.data);
    showProblems([]);
    if (changed.some((path) => read.has(path)) || (searching() && changed.includes('/data/search.json'))) {
      location.reload();
    }
  });
})();
