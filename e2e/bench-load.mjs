// `make bench-load`: first-load figures of a built site served as a CDN
// would (brotli), in headless Chromium. Prints a table and writes
// target/bench/load.json. A benchmark, not a test: it judges nothing, it
// prints figures beside the floors of issues "Static-CDN delivery" and
// "A light app" (the phone figures, bench-phone.mjs).
import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdir, readdir, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { serveSite } from './cdn-server.mjs';
import { CHROMIUM, launchBrowser } from './browser.mjs';
import { bundle, SITE_DIR } from './harness.mjs';
import { phoneFigures, phoneRows } from './bench-phone.mjs';

const OUT = process.env.BENCH_OUT ?? '../target/bench/load.json';
// Lighthouse's "slow 4G" as DevTools applies it, and a 4× slower CPU.
const SLOW_4G = { offline: false, latency: 562.5, downloadThroughput: 180_000, uploadThroughput: 84_375 };
const CPU_SLOWDOWN = 4;

async function firstView(browser, url, throttled) {
  const context = await browser.newContext({ viewport: { width: 412, height: 823 }, locale: 'vi-VN' });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  if (throttled) {
    await cdp.send('Network.emulateNetworkConditions', SLOW_4G);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
  }
  let bytes = 0;
  cdp.on('Network.loadingFinished', (event) => { bytes += event.encodedDataLength; });
  await page.addInitScript(() => {
    window.__lcp = 0;
    window.__cls = 0;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) window.__lcp = entry.startTime;
    }).observe({ type: 'largest-contentful-paint', buffered: true });
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) if (!entry.hadRecentInput) window.__cls += entry.value;
    }).observe({ type: 'layout-shift', buffered: true });
    addEventListener('TrunkApplicationStarted', () => { window.__appStarted = performance.now(); });
    addEventListener('pointermove', () => { window.__touchedAt ??= performance.now(); }, { capture: true });
  });
  // The first view: what the page fetches before the reader does anything
  // (the app starts at the first touch, scroll, pointer move or key press).
  // At the load event: before the page is idle, when the loader fetches
  // and compiles the app without running it.
  await page.goto(url, { waitUntil: 'load', timeout: 120_000 });
  const atLoad = bytes;
  await page.waitForLoadState('networkidle', { timeout: 120_000 });
  const untouched = bytes;
  const startedUntouched = await page.evaluate(() => window.__appStarted !== undefined);
  // Then the reader moves the pointer: the app is fetched and takes over.
  await page.mouse.move(20, 20);
  await page.waitForFunction(() => window.__appStarted !== undefined, null, { timeout: 120_000 });
  await page.waitForLoadState('networkidle', { timeout: 120_000 });
  const figures = await page.evaluate(() => ({
    lcp: window.__lcp,
    cls: window.__cls,
    appReadyAfterTouch: window.__appStarted - window.__touchedAt,
  }));
  await context.close();
  return { bytes: atLoad, bytesAfterIdle: untouched, bytesWithApp: bytes, startedUntouched, ...figures };
}

async function clickToArticle(browser, base, from, to) {
  const context = await browser.newContext({ locale: 'vi-VN' });
  const page = await context.newPage();
  await page.goto(`${base}/tin-tuc/${from.slug}`);
  await page.mouse.move(20, 20);
  await page.waitForFunction(() => window.wasmBindings !== undefined);
  // Timed inside the page, from the click event to the new heading in the
  // DOM, so the driver's own round trips are not counted.
  const timeTo = async (linkName, title) => {
    const link = page.getByRole('link', { name: linkName }).first();
    await link.waitFor();
    await page.evaluate((t) => {
      window.__navDone = new Promise((resolve) => {
        addEventListener('click', () => { window.__clickAt = performance.now(); }, { capture: true, once: true });
        const observer = new MutationObserver(() => {
          if (window.__clickAt !== undefined && document.querySelector('h1')?.textContent === t) {
            observer.disconnect();
            resolve(performance.now() - window.__clickAt);
          }
        });
        observer.observe(document.body, { childList: true, subtree: true, characterData: true });
      });
      window.__clickAt = undefined;
    }, title);
    await link.click();
    return page.evaluate(() => window.__navDone);
  };
  // Uncached: the target article's bundle was never fetched.
  await page.goto(`${base}/chuyen-muc/${to.category.slug}`);
  await page.mouse.move(20, 20);
  await page.waitForFunction(() => window.wasmBindings !== undefined);
  const uncached = await timeTo(to.title, to.title);
  // Cached: back to the listing, then the same article again.
  await page.goBack();
  await page.getByRole('heading', { level: 1 }).waitFor();
  const cached = await timeTo(to.title, to.title);
  await context.close();
  return { uncached, cached };
}

/** The main WASM, and the search worker's in its folder. */
async function wasmSizes() {
  const folders = (await readdir(SITE_DIR)).filter((n) => n.startsWith('search-worker-'));
  const names = [
    ...(await readdir(SITE_DIR)).filter((n) => n.endsWith('.wasm')),
    ...(await Promise.all(folders.map(async (f) => (await readdir(join(SITE_DIR, f))).filter((n) => n.endsWith('.wasm')).map((n) => join(f, n))))).flat(),
  ];
  const sizes = [];
  for (const name of names) {
    const raw = (await stat(join(SITE_DIR, name))).size;
    const brotli = (await stat(join(SITE_DIR, name + '.br'))).size;
    sizes.push({ name, raw, brotli });
  }
  return sizes;
}

async function htmlFiles(dir) {
  const found = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) found.push(...(await htmlFiles(path)));
    else if (entry.name.endsWith('.html')) found.push(path);
  }
  return found;
}

/** Nu HTML Checker errors over every prerendered page (Java, and VNU_JAR
 * naming vnu.jar, as `make bench-load` sets it). */
async function htmlErrors() {
  const jar = process.env.VNU_JAR;
  if (!jar) return { pages: 0, errors: null, first: ['VNU_JAR not set: HTML not checked'] };
  const files = await htmlFiles(SITE_DIR);
  let output = '';
  try {
    output = execFileSync('java', ['-jar', jar, '--errors-only', '--format', 'gnu', ...files], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (failure) {
    output = String(failure.stderr ?? '') + String(failure.stdout ?? '');
  }
  const errors = output.split('\n').filter((line) => line.includes('error:'));
  return { pages: files.length, errors: errors.length, first: errors.slice(0, 5) };
}

/** Lighthouse mobile scores (its default: simulated slow 4G, 4× CPU), when
 * LIGHTHOUSE names its CLI, as `make bench-load` sets it. Run asynchronously:
 * the site is served from this very process. */
async function lighthouse(url) {
  const cli = process.env.LIGHTHOUSE;
  if (!cli) return null;
  const flags = '--headless --no-sandbox --disable-gpu --disable-quic --no-first-run '
    + '--disable-background-networking --disable-component-update --disable-sync';
  const { stdout } = await promisify(execFile)(cli, [
    url, '--output=json', '--quiet', '--only-categories=performance,accessibility,best-practices,seo',
    `--chrome-flags=${flags}`,
  ], { encoding: 'utf8', env: { ...process.env, CHROME_PATH: CHROMIUM }, maxBuffer: 64 << 20, timeout: 300_000 });
  const report = JSON.parse(stdout);
  return Object.fromEntries(Object.entries(report.categories).map(([key, c]) => [key, Math.round(c.score * 100)]));
}

const server = await serveSite(SITE_DIR);
const browser = await launchBrowser();
try {
  const home = await bundle('home.json');
  const article = home.featured;
  const other = home.sections[0].articles.find((a) => a.slug !== article.slug);
  const results = {
    home: { fast: await firstView(browser, `${server.url}/`, false), slow4g: await firstView(browser, `${server.url}/`, true) },
    article: {
      fast: await firstView(browser, `${server.url}/tin-tuc/${article.slug}`, false),
      slow4g: await firstView(browser, `${server.url}/tin-tuc/${article.slug}`, true),
    },
    navigation_ms: await clickToArticle(browser, server.url, article, other),
    phone: await phoneFigures(browser, server.url, article.slug, process.env.PHONE_QUERY ?? 'phu nu'),
    wasm: await wasmSizes(),
    html: await htmlErrors(),
    lighthouse: {
      home: await lighthouse(`${server.url}/`),
      listing: await lighthouse(`${server.url}/chuyen-muc/${article.category.slug}`),
      article: await lighthouse(`${server.url}/tin-tuc/${article.slug}`),
    },
  };
  const kb = (n) => (n / 1000).toFixed(1) + ' KB';
  const ms = (n) => n.toFixed(0) + ' ms';
  const rows = [
    ['home first view, bytes at load (before idle)', kb(results.home.fast.bytes), '—'],
    ['article first view, bytes at load (before idle)', kb(results.article.fast.bytes), '≤ 150 KB'],
    ['article untouched once idle (the app fetched, not run)', kb(results.article.fast.bytesAfterIdle), '—'],
    ['article with the app, after the first touch', kb(results.article.fast.bytesWithApp), '—'],
    ['app started before any touch (home / article)', `${results.home.fast.startedUntouched} / ${results.article.fast.startedUntouched}`, '—'],
    ...results.wasm.map((w) => [
      `WASM ${w.name} (raw / brotli)`,
      `${kb(w.raw)} / ${kb(w.brotli)}`,
      w.name.includes('search-worker') ? '≤ 60 KB brotli' : '≤ 200 KB brotli',
    ]),
    ['home LCP, slow 4G + 4× CPU', ms(results.home.slow4g.lcp), '≤ 1500 ms'],
    ['article LCP, slow 4G + 4× CPU', ms(results.article.slow4g.lcp), '≤ 1500 ms'],
    ['article app ready after the first touch, slow 4G + 4× CPU', ms(results.article.slow4g.appReadyAfterTouch), '—'],
    ['home CLS / article CLS, slow 4G', `${results.home.slow4g.cls.toFixed(3)} / ${results.article.slow4g.cls.toFixed(3)}`, '≤ 0.02'],
    ['click → next article shown, uncached', ms(results.navigation_ms.uncached), '—'],
    ['click → next article shown, cached', ms(results.navigation_ms.cached), '≤ 50 ms'],
    ...phoneRows(results.phone),
    [`Nu HTML Checker errors over ${results.html.pages} pages`, String(results.html.errors ?? 'not run'), '0'],
    ...Object.entries(results.lighthouse).map(([page, scores]) => [
      `Lighthouse mobile ${page}: perf / a11y / best practices / SEO`,
      scores ? `${scores.performance} / ${scores.accessibility} / ${scores['best-practices']} / ${scores.seo}` : 'not run',
      '≥ 98 / 100 / 100 / 100',
    ]),
  ];
  const width = Math.max(...rows.map((r) => r[0].length));
  for (const [what, value, floor] of rows) console.log(`${what.padEnd(width)}  ${value.padStart(18)}   floor ${floor}`);
  await mkdir(join(OUT, '..'), { recursive: true });
  await writeFile(OUT, JSON.stringify(results, null, 2) + '\n');
  for (const line of results.html.first) console.log('  ' + line);
  console.log(`written: ${OUT}`);
} finally {
  await browser.close();
  await server.close();
}
