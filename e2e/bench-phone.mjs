// The moment a reader acts, on a phone: the figures of issue "A light app"
// for `make bench-load`. A new reader each run (fresh browser context, empty
// cache), a 390 px touch screen, 150 ms round trips, 1.6 Mbit/s down and a
// 4× slower processor, the site served with its brotli copies. Each figure
// is the median of RUNS runs. Figures, not a test: nothing here judges.

export const PHONE = {
  network: { offline: false, latency: 150, downloadThroughput: 200_000, uploadThroughput: 93_750 },
  cpu: 4,
  viewport: { width: 390, height: 844 },
};
const RUNS = Number(process.env.PHONE_RUNS ?? 3);

/** A fresh phone-sized reader with the phone's network and processor. */
async function phonePage(browser) {
  const context = await browser.newContext({
    viewport: PHONE.viewport,
    isMobile: true,
    hasTouch: true,
    locale: 'vi-VN',
    serviceWorkers: 'block',
  });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', PHONE.network);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: PHONE.cpu });
  const counted = { bytes: 0 };
  cdp.on('Network.loadingFinished', (event) => { counted.bytes += event.encodedDataLength; });
  await page.addInitScript(() => {
    window.__longTasks = [];
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) window.__longTasks.push({ start: entry.startTime, duration: entry.duration });
    }).observe({ type: 'longtask', buffered: true });
    // The reader's first touch: a tap brings a pointer event before its touchstart.
    for (const type of ['pointermove', 'pointerdown', 'touchstart']) {
      addEventListener(type, () => { window.__tapAt ??= performance.now(); }, { capture: true });
    }
    addEventListener('TrunkApplicationStarted', () => { window.__appStarted = performance.now(); });
  });
  return { page, counted, close: () => context.close() };
}

const median = (values) => {
  const sorted = values.filter((v) => typeof v === 'number').sort((a, b) => a - b);
  return sorted.length ? sorted[Math.floor(sorted.length / 2)] : null;
};

/** The longest main-thread task from the tap until the app runs and has
 * answered it (0: none over 50 ms, the shortest a browser reports). */
const longestAfterTap = () => Math.max(0, ...window.__longTasks
  .filter((t) => t.start + t.duration >= window.__tapAt)
  .map((t) => t.duration));

/**
 * Opens an untouched article, waits `waitMs` after the load event, taps
 * "A+" and times the tap to the larger text on screen.
 */
async function tapLarger(browser, url, waitMs) {
  const { page, counted, close } = await phonePage(browser);
  await page.goto(url, { waitUntil: 'load', timeout: 120_000 });
  const atLoad = counted.bytes;
  await page.waitForTimeout(waitMs);
  const beforeTap = counted.bytes;
  await page.evaluate(() => {
    // Looked up each frame: the app may replace the element it hydrates.
    const size = () => parseFloat(getComputedStyle(document.querySelector('.article-body')).fontSize);
    const usual = size();
    window.__larger = new Promise((resolve) => {
      const look = () => {
        if (window.__tapAt !== undefined && size() > usual) {
          resolve(performance.now() - window.__tapAt);
        } else {
          requestAnimationFrame(look);
        }
      };
      requestAnimationFrame(look);
    });
  });
  await page.getByRole('button', { name: 'Tăng cỡ chữ' }).tap();
  const ms = await page.evaluate(() => window.__larger);
  await page.waitForTimeout(500);
  const figures = {
    ms,
    longestTaskMs: await page.evaluate(longestAfterTap),
    bytesAtLoad: atLoad,
    bytesBeforeTap: beforeTap,
    bytesAfterTap: counted.bytes - beforeTap,
    // The press acted once: one step larger, not two.
    steps: await page.evaluate(() => document.querySelector('[class*="text-size-"]')?.className.match(/text-size-(\d)/)?.[1]),
    tapAt: await page.evaluate(() => window.__tapAt),
    appStartedAt: await page.evaluate(() => window.__appStarted),
    wasmAt: await page.evaluate(() => performance.getEntriesByType('resource').filter((r) => r.name.endsWith('.wasm')).map((r) => [r.startTime, r.responseEnd])),
  };
  await close();
  return figures;
}

/** Opens a search address cold and times it to the results on screen. */
async function coldSearch(browser, url) {
  const { page, counted, close } = await phonePage(browser);
  await page.addInitScript(() => {
    const look = new MutationObserver(() => {
      if (document.querySelector('.search-outcome [data-query]')) {
        window.__resultsAt ??= performance.now();
        look.disconnect();
      }
    });
    addEventListener('DOMContentLoaded', () => look.observe(document.body, { childList: true, subtree: true }));
  });
  await page.goto(url, { waitUntil: 'load', timeout: 120_000 });
  await page.waitForFunction(() => window.__resultsAt !== undefined, null, { timeout: 120_000 });
  const figures = {
    ms: await page.evaluate(() => window.__resultsAt),
    bytes: counted.bytes,
    results: await page.locator('.search-result').count(),
    timeline: await page.evaluate(() => performance.getEntriesByType('resource').map((r) => [r.name.replace(location.origin, ''), Math.round(r.startTime), Math.round(r.responseEnd), r.transferSize])),
  };
  await close();
  return figures;
}

async function repeat(runs, measure) {
  const all = [];
  for (let run = 0; run < runs; run += 1) all.push(await measure());
  const keys = Object.keys(all[0]);
  return { ...Object.fromEntries(keys.map((key) => [key, median(all.map((one) => one[key]))])), runs: all };
}

/** Every phone figure, medians of RUNS runs, with each run kept. */
export async function phoneFigures(browser, base, articleSlug, query) {
  const article = `${base}/tin-tuc/${articleSlug}`;
  return {
    tapAfter1s: await repeat(RUNS, () => tapLarger(browser, article, 1000)),
    tapAfter5sIdle: await repeat(RUNS, () => tapLarger(browser, article, 5000)),
    coldSearch: await repeat(RUNS, () => coldSearch(browser, `${base}/tim-kiem?q=${encodeURIComponent(query)}`)),
  };
}

/** Table rows for the figures, beside the floors. */
export function phoneRows(phone) {
  const kb = (n) => (n / 1000).toFixed(1) + ' KB';
  const ms = (n) => (n === null ? 'n/a' : n.toFixed(0) + ' ms');
  return [
    ['phone: tap "A+" 1 s after load → larger text', ms(phone.tapAfter1s.ms), '≤ 1500 ms'],
    ['phone: tap "A+" after 5 s idle → larger text', ms(phone.tapAfter5sIdle.ms), '≤ 400 ms'],
    ['phone: longest task, tap → app running (1 s / 5 s)', `${ms(phone.tapAfter1s.longestTaskMs)} / ${ms(phone.tapAfter5sIdle.longestTaskMs)}`, '≤ 100 ms'],
    ['phone: untouched article, bytes at load', kb(phone.tapAfter5sIdle.bytesAtLoad), '≤ 150 KB'],
    ['phone: untouched article, bytes after 5 s idle', kb(phone.tapAfter5sIdle.bytesBeforeTap), '—'],
    ['phone: bytes after the tap (1 s / 5 s idle)', `${kb(phone.tapAfter1s.bytesAfterTap)} / ${kb(phone.tapAfter5sIdle.bytesAfterTap)}`, '—'],
    ['phone: search address opened cold → results', ms(phone.coldSearch.ms), '≤ 2500 ms'],
    ['phone: search address opened cold, bytes', kb(phone.coldSearch.bytes), '—'],
  ];
}
