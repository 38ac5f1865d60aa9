// Bản tin: when the app starts.
// The prerendered page is whole without the app: it reads, and its links
// and search form work. So the app (hundreds of kilobytes of WASM, and its
// hydration work on a slow phone's processor) is fetched the first time the
// reader does something: touches, scrolls, moves the pointer, presses a key.
// It starts at once where the page needs it: no prerendered data (the 404
// page, which renders any address), a view marked data-needs-app (search
// results, an error to retry), or a preference the reader stored (language,
// text size) that the prerendered page cannot show.
const startApp = async () => {
  const bindings = await import(__APP_JS__);
  const init = bindings.default;
__TRUNK_START__
};
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
