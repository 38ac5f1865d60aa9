// Bản tin: when the app starts.
// The prerendered page is whole without the app: it reads, and its links
// and search form work. So the app (its WASM, and its hydration work on a
// slow phone's processor) runs the first time the reader does something:
// touches, scrolls, moves the pointer, presses a key. Its files are
// fetched and compiled before that, once the page has loaded and the
// processor is idle (not for a reader who asked to save data, or on a 2G
// connection): the first touch then only instantiates and hydrates.
// It starts at once where the page needs it: no prerendered data (the 404
// page, which renders any address), a view marked data-needs-app (search
// results, an error to retry), or a preference the reader stored (language,
// text size) that the prerendered page cannot show.
const APP_WASM = __APP_WASM__;
let glue = null;
let compiled = null;
const fetchApp = () => {
  glue ??= import(__APP_JS__);
  compiled ??= APP_WASM && 'compileStreaming' in WebAssembly
    ? WebAssembly.compileStreaming(fetch(APP_WASM)).catch(() => null)
    : Promise.resolve(null);
};
// The app attaches to the page in turns (the app's takeover.rs) and says
// when it is done: the app counts as started then.
const startApp = async () => {
  fetchApp();
  const hydrated = new Promise((resolve) => addEventListener('bantin-hydrated', resolve, { once: true }));
  const bindings = await glue;
  const init = bindings.default;
  const warmed = await compiled;
__TRUNK_START__
  await hydrated;
};
(() => {
  const connection = navigator.connection;
  if (connection && (connection.saveData || /(^|-)2g$/.test(connection.effectiveType ?? ''))) return;
  const whenIdle = () => {
    if ('requestIdleCallback' in window) requestIdleCallback(fetchApp, { timeout: 3000 });
    else setTimeout(fetchApp, 500);
  };
  if (document.readyState === 'complete') whenIdle();
  else addEventListener('load', whenIdle, { once: true });
})();
// Search runs in its own small WASM in a worker (crates/search-worker),
// whose address the page gives. The app asks for it here: a search page
// opened cold starts it at once, before the app's own files, and asks it
// for the address's search, so the results are found while the app is on
// its way; the app then takes that worker over and asks the same.
(() => {
  const meta = document.querySelector('meta[name="bantin-search-worker"]');
  if (!meta) return;
  const start = () => new Worker(meta.content, { type: 'module' });
  let early = null;
  if (document.querySelector('[data-starts-search]') && new URLSearchParams(location.search).get('q')) {
    early = start();
    // Dead before the app asked for it (its files did not load): the app
    // gets a new one, whose failure it sees itself.
    early.addEventListener('error', () => {
      early?.terminate();
      early = null;
    }, { once: true });
    early.postMessage(JSON.stringify({ v: __MESSAGE_VERSION__, id: 0, ask: { address: location.search } }));
  }
  window.bantinSearchWorker = () => {
    const worker = early ?? start();
    early = null;
    return worker;
  };
})();
// The pages carry the app's CSS in one block that the policy allows by its
// hash (the bundler's styles.rs). A server still sending an older policy
// refuses it, and the page would be bare: the stylesheet files take its
// place.
(() => {
  const block = document.querySelector('style[data-app-css]');
  if (!block || block.sheet) return;
  for (const href of block.dataset.appCss.split(' ')) {
    const link = document.createElement('link');
    link.rel = 'stylesheet';
    link.href = href;
    document.head.append(link);
  }
})();
// On a phone the menu is one row that scrolls sideways: the page's own
// item is brought into it before the app runs, as the app does after each
// move (reveal_current_menu_item in the app's browser.rs).
(() => {
  const list = document.querySelector('.main-menu ul');
  const item = document.querySelector('.main-menu [aria-current]');
  if (!list || !item) return;
  const row = list.getBoundingClientRect();
  const shown = item.getBoundingClientRect();
  if (shown.left < row.left || shown.right > row.right) {
    list.scrollLeft += shown.left - row.left - (row.width - shown.width) / 2;
  }
})();
(() => {
  // What a reader does, not what the page does: no 'scroll', which the
  // browser also fires when it restores a position or moves the menu row
  // (a reader scrolls with a touch, a wheel, a key or the scroll bar).
  const EVENTS = ['pointerdown', 'pointermove', 'touchstart', 'keydown', 'focusin', 'wheel'];
  let running = false;
  // A button pressed before the app ran is pressed again once the app
  // runs, so the press is not lost. A press from assistive technology is a
  // click with no pointer or key event before it: it starts the app too.
  // Links and submit buttons need no app: the browser follows them.
  let pressed = null;
  addEventListener('click', (event) => {
    if (running || !(event.target instanceof Element)) return;
    const button = event.target.closest('button[type="button"]');
    if (!button) return;
    pressed = button;
    start();
  }, true);
  let started = false;
  const start = () => {
    if (started) return;
    started = true;
    for (const type of EVENTS) removeEventListener(type, start, true);
    startApp().then(() => {
      running = true;
      if (pressed?.isConnected) pressed.click();
      pressed = null;
    });
  };
  let stored = false;
  try {
    stored = Object.keys(localStorage).some((key) => key.startsWith('bantin.'));
  } catch (blocked) {
    // Storage blocked (a private window): no preference to show.
  }
  if (!document.getElementById('bantin-hydration') || document.querySelector('[data-needs-app]') || stored) {
    start();
  } else {
    for (const type of EVENTS) addEventListener(type, start, { capture: true, passive: true });
  }
})();
