// `make bench-search`: our search beside Pagefind on the same generated
// corpora, in headless Chromium. Prints a table and writes
// target/bench/search.json. A benchmark, not a test: it judges nothing, it
// prints figures beside the floors of issue "Search in Vietnamese".
//
// For each corpus size: the site is built by our bundler (which writes the
// search index); Pagefind indexes the same title and text through its Node
// API (custom records); both are served as a CDN would (brotli for our
// files; Pagefind's are gzip files it decompresses itself).
//
// Bytes and recall are read through Playwright, which sees every request.
// Latency is timed in a bare browser (bare-browser.mjs): Playwright's
// watching of the network costs the page's thread time on every request,
// which a reader's browser does not pay. The figure under Playwright is
// printed too, and one with each query typed a key at a time, as a reader
// types: both engines search at each key, so by the last key the words
// typed first are loaded.
import { execFileSync } from 'node:child_process';
import { mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { serveSite } from './cdn-server.mjs';
import { launchBrowser } from './browser.mjs';
import { launchBareBrowser } from './bare-browser.mjs';

const SIZES = (process.env.SIZES ?? '10000,100000').split(',').map(Number);
const BANTIN = resolve(process.env.BANTIN ?? '../target/tool/bantin');
const APP = resolve(process.env.APP ?? '../target/app');
const WORK = resolve(process.env.BENCH_DIR ?? '../target/bench');
const OUT = join(WORK, 'search.json');
const PAGEFIND = process.env.PAGEFIND_MODULE;

// Half without diacritics; several with đ/Đ.
const QUERIES = [
  'đường giao thông', 'Đảng bộ', 'phụ nữ', 'đầu tư dự án', 'nông thôn mới',
  'chuyển đổi số', 'nước sạch', 'bảo hiểm xã hội', 'dương cầm', 'đăng ký',
  'duong giao thong', 'dang bo', 'phu nu', 'dau tu du an', 'nong thon moi',
  'chuyen doi so', 'nuoc sach', 'bao hiem xa hoi', 'duong cam', 'dang ky',
];
// Our service worker would stand between the page and Pagefind's files
// (ours bypass it): both engines talk to the network directly.
// Served over HTTP/2 with a throwaway certificate, as CDNs serve (HTTP1=1
// for plain HTTP/1.1, where a browser opens at most six connections).
const HTTP2 = process.env.HTTP1 !== '1';
const CONTEXT = { locale: 'vi-VN', serviceWorkers: 'block', ignoreHTTPSErrors: HTTP2 };
const hasMarks = (q) => q !== fold(q);
// A quick typist's pace, for the figure "as typed" (the search runs at
// each key, so the words typed first are loaded by the last key).
const KEY_MS = Number(process.env.KEY_MS ?? 150);
// A phone on a slow mobile network (Chromium's emulation: latency added to
// every request, bandwidth shared), a reader typing a key every 80 ms: the
// figure "typed on a phone network" is the time from the last key to its
// results, waiting behind searches for earlier letters included.
const PHONE = {
  latencyMs: Number(process.env.PHONE_LATENCY_MS ?? 150),
  kbps: Number(process.env.PHONE_KBPS ?? 1600),
  keyMs: Number(process.env.PHONE_KEY_MS ?? 80),
};

/** Vietnamese folding: marks dropped, đ → d, lower case. */
function fold(text) {
  return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[đĐ]/g, 'd').toLowerCase();
}
const words = (text) => fold(text).split(/[^\p{L}\p{N}]+/u).filter(Boolean);

async function filesUnder(dir, keep = () => true) {
  let total = 0;
  let count = 0;
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      const inner = await filesUnder(path, keep);
      total += inner.total;
      count += inner.count;
    } else if (keep(entry.name)) {
      total += (await stat(path)).size;
      count += 1;
    }
  }
  return { total, count };
}

function timed(label, run) {
  const started = process.hrtime.bigint();
  const result = run();
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  console.log(`  ${label}: ${(ms / 1000).toFixed(1)} s`);
  return { result, ms };
}

async function documentsOf(site) {
  const manifest = JSON.parse(await readFile(join(site, 'data/search.json'), 'utf8'));
  const folder = join(site, 'data/search', manifest.build, 'd');
  const documents = [];
  for (let doc = 0; doc < manifest.documents; doc++) {
    documents.push(JSON.parse(await readFile(join(folder, `${doc}.json`), 'utf8')));
  }
  return { manifest, documents };
}

async function pagefindIndex(site, documents) {
  const pagefind = await import(PAGEFIND);
  const started = process.hrtime.bigint();
  const { index } = await pagefind.createIndex({ forceLanguage: 'vi' });
  for (const d of documents) {
    await index.addCustomRecord({
      url: d.href,
      content: `${d.title}\n${d.text}`,
      language: 'vi',
      meta: { title: d.title },
    });
  }
  await index.writeFiles({ outputPath: join(site, 'pagefind') });
  await pagefind.close();
  return Number(process.hrtime.bigint() - started) / 1e6;
}

/** The relevant set: articles whose folded words include every folded query word. */
function relevant(documents, query) {
  const wanted = words(query);
  const found = new Set();
  for (const d of documents) {
    const have = new Set(words(`${d.title}\n${d.text}`));
    if (wanted.every((w) => have.has(w))) found.add(d.href);
  }
  return found;
}

const recallAt10 = (top, truth) =>
  truth.size === 0 ? 1 : top.slice(0, 10).filter((u) => truth.has(u)).length / Math.min(10, truth.size);

function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/**
 * Where one of our queries spent its time, from the results' `data-phases-ms`:
 * index files (manifest, chunks), ranking, fetching the result texts, and
 * highlighting their titles and excerpts.
 */
function phasesOf(attribute) {
  const [index_ms, rank_ms, texts_ms, highlight_ms] = (attribute ?? '').split(' ').map(Number);
  return { index_ms, rank_ms, texts_ms, highlight_ms };
}

/**
 * Puts `q` into our search box in a bare browser (or any page with an
 * `evaluate(source)`), whole (`keyMs` null) or a character every `keyMs`
 * ms, and waits for its results: what the app measured for the last search
 * (ms, and its phases), and the time from the last key to the results.
 */
async function typeInBare(bare, q, keyMs) {
  const [ms, phases, afterLastKey] = await bare.evaluate(`(async () => {
    const q = ${JSON.stringify(q)};
    const box = document.getElementById('search-text');
    box.focus();
    const typed = ${keyMs === null ? '[q]' : '[...q].map((_, i, chars) => chars.slice(0, i + 1).join(""))'};
    for (const [i, value] of typed.entries()) {
      if (i > 0) await new Promise((ok) => setTimeout(ok, ${keyMs ?? 0}));
      box.value = value;
      box.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertText', data: i === 0 ? value : [...value].at(-1) }));
    }
    const outcome = () => [...document.querySelectorAll('.search-outcome [data-query]')]
      .find((e) => e.getAttribute('data-query') === q);
    const started = performance.now();
    while (!outcome()) {
      if (performance.now() - started > 120000) throw new Error('no results for ' + q);
      await new Promise((ok) => setTimeout(ok, 2));
    }
    return [Number(outcome().getAttribute('data-elapsed-ms')), outcome().getAttribute('data-phases-ms'), performance.now() - started];
  })()`);
  return { ms, phases: phasesOf(phases), afterLastKey };
}

const ours = {
  async open(page, base) {
    await page.goto(`${base}/tim-kiem`);
    await page.waitForFunction(() => window.wasmBindings !== undefined);
    await page.locator('.search-prompt').waitFor({ timeout: 60_000 });
  },
  async query(page, q) {
    await page.fill('#search-text', q);
    const done = page.locator(`.search-outcome [data-query="${q}"]`);
    await done.waitFor({ timeout: 120_000 });
    const ms = Number(await done.getAttribute('data-elapsed-ms'));
    const phases = phasesOf(await done.getAttribute('data-phases-ms'));
    const urls = await page.locator('.search-result-title a').evaluateAll((links) =>
      links.map((a) => new URL(a.href).pathname),
    );
    return { ms, urls, phases };
  },
  /** The search page, ready, in a bare browser (see bare-browser.mjs). */
  async openBare(bare, base) {
    await bare.goto(`${base}/tim-kiem`, 'window.wasmBindings !== undefined && document.querySelector(".search-prompt") !== null');
  },
  /** One query put into the box at once in a bare browser: what the app measured (ms, and its phases). */
  async bareQuery(bare, q) {
    return typeInBare(bare, q, null);
  },
  /**
   * One query typed a character at a time, KEY_MS apart, as a reader
   * types: the app searches at each key. What the app measured for the
   * last key's search (ms).
   */
  async bareTyped(bare, q) {
    return (await typeInBare(bare, q, KEY_MS)).ms;
  },
  /** Typed a key every PHONE.keyMs ms: from the last key to its results (ms). */
  async phoneTyped(onPage, q) {
    return (await typeInBare(onPage, q, PHONE.keyMs)).afterLastKey;
  },
};

/**
 * Pagefind's search for `q` in a bare browser, timed with its ten results'
 * data (ms). With `keyMs`, `q` is first typed a character every `keyMs` ms,
 * with Pagefind's `preload` at each key.
 */
function pagefindInBare(bare, q, keyMs) {
  return bare.evaluate(`(async () => {
    window.__pf ??= await import('/pagefind/pagefind.js');
    const chars = [...${JSON.stringify(q)}];
    for (let i = 1; ${keyMs !== null} && i < chars.length; i++) {
      window.__pf.preload(chars.slice(0, i).join('')).catch(() => {});
      await new Promise((ok) => setTimeout(ok, ${keyMs ?? 0}));
    }
    const started = performance.now();
    const search = await window.__pf.search(chars.join(''));
    await Promise.all(search.results.slice(0, 10).map((r) => r.data()));
    return performance.now() - started;
  })()`);
}

const pagefind = {
  async open(page, base) {
    await page.goto(`${base}/tim-kiem`);
    await page.waitForFunction(() => window.wasmBindings !== undefined);
  },
  async query(page, q) {
    return page.evaluate(async (q) => {
      window.__pf ??= await import('/pagefind/pagefind.js');
      const started = performance.now();
      const search = await window.__pf.search(q);
      const top = await Promise.all(search.results.slice(0, 10).map((r) => r.data()));
      return { ms: performance.now() - started, urls: top.map((d) => d.url) };
    }, q);
  },
  async openBare(bare, base) {
    await bare.goto(`${base}/tim-kiem`, 'window.wasmBindings !== undefined');
  },
  async bareQuery(bare, q) {
    return { ms: await pagefindInBare(bare, q, null) };
  },
  /**
   * As Pagefind's documentation has it for search as you type: its
   * `preload` at each key (loads the index for the words so far; not
   * awaited), then the last key's search.
   */
  async bareTyped(bare, q) {
    return pagefindInBare(bare, q, KEY_MS);
  },
  /** Typed a key every PHONE.keyMs ms, `preload` at each: from the last key to its ten results' data (ms). */
  async phoneTyped(onPage, q) {
    return pagefindInBare(onPage, q, PHONE.keyMs);
  },
};

/** Bytes over the wire for one query in a fresh browser context (cold cache), after the page is ready. */
async function firstQueryBytes(browser, base, engine, q) {
  const context = await browser.newContext(CONTEXT);
  const page = await context.newPage();
  await engine.open(page, base);
  await page.waitForLoadState('networkidle');
  // Encoded (over-the-wire) body and header bytes of every request the
  // query makes.
  const sizes = [];
  page.on('requestfinished', (request) => {
    sizes.push(request.sizes().then((s) => s.responseBodySize + s.responseHeadersSize).catch(() => 0));
  });
  await engine.query(page, q);
  await page.waitForLoadState('networkidle');
  await page.waitForTimeout(200);
  const bytes = (await Promise.all(sizes)).reduce((a, b) => a + b, 0);
  await context.close();
  return bytes;
}

async function measure(browser, base, engine, documents) {
  const bytes = [];
  for (const q of QUERIES) bytes.push(await firstQueryBytes(browser, base, engine, q));
  const context = await browser.newContext(CONTEXT);
  const page = await context.newPage();
  await engine.open(page, base);
  const latencies = [];
  const phases = [];
  const recalls = { marks: [], plain: [] };
  for (const q of QUERIES) {
    const { ms, urls, phases: parts } = await engine.query(page, q);
    latencies.push(ms);
    if (parts) phases.push({ query: q, ...parts });
    recalls[hasMarks(q) ? 'marks' : 'plain'].push(recallAt10(urls, relevant(documents, q)));
  }
  await context.close();
  // The same queries timed again in a browser no driver watches the
  // network of, as a reader's is: the figure the floor is judged on.
  const bare = await launchBareBrowser();
  const bareLatencies = [];
  const barePhases = [];
  try {
    await engine.openBare(bare, base);
    for (const q of QUERIES) {
      const { ms, phases: parts } = await engine.bareQuery(bare, q);
      bareLatencies.push(ms);
      if (parts) barePhases.push({ query: q, ...parts });
    }
  } finally {
    await bare.close();
  }
  // Typed as a reader types, in a new browser (nothing loaded yet).
  const typist = await launchBareBrowser();
  const typedLatencies = [];
  try {
    await engine.openBare(typist, base);
    for (const q of QUERIES) typedLatencies.push(await engine.bareTyped(typist, q));
  } finally {
    await typist.close();
  }
  // Typed on a phone network: Chromium's network emulation needs the
  // DevTools network domain, so this one runs under Playwright.
  const phone = await browser.newContext(CONTEXT);
  const phoneLatencies = [];
  try {
    const phonePage = await phone.newPage();
    await engine.open(phonePage, base);
    const devtools = await phone.newCDPSession(phonePage);
    await devtools.send('Network.enable');
    await devtools.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: PHONE.latencyMs,
      downloadThroughput: (PHONE.kbps * 1000) / 8,
      uploadThroughput: (PHONE.kbps * 1000) / 16,
    });
    const onPage = { evaluate: (source) => phonePage.evaluate(source) };
    for (const q of QUERIES) phoneLatencies.push(await engine.phoneTyped(onPage, q));
  } finally {
    await phone.close();
  }
  const mean = (values) => values.reduce((a, b) => a + b, 0) / values.length;
  const spread = (values) => ({ p50: percentile(values, 50), p95: percentile(values, 95), per_query: values });
  return {
    first_query_bytes: { median: percentile(bytes, 50), max: Math.max(...bytes), per_query: bytes },
    latency_ms: spread(bareLatencies),
    latency_under_playwright_ms: spread(latencies),
    latency_typed_ms: { key_interval_ms: KEY_MS, ...spread(typedLatencies) },
    latency_typed_phone_ms: {
      network_latency_ms: PHONE.latencyMs,
      kbps: PHONE.kbps,
      key_interval_ms: PHONE.keyMs,
      ...spread(phoneLatencies),
    },
    ...(barePhases.length > 0 ? { phases_ms: barePhases, phases_under_playwright_ms: phases } : {}),
    recall_at_10: { without_diacritics: mean(recalls.plain), with_diacritics: mean(recalls.marks) },
  };
}

async function benchSize(browser, size) {
  console.log(`\n== ${size} articles`);
  const corpus = join(WORK, `corpus-${size}`);
  const site = join(WORK, `search-site-${size}`);
  await mkdir(WORK, { recursive: true });
  // REUSE=1 measures the sites of an earlier run again (same seed, same bytes).
  const reuse = process.env.REUSE === '1' && existsSync(join(site, 'pagefind'));
  let build = { ms: null };
  if (!reuse) {
    timed('generate corpus', () =>
      execFileSync(BANTIN, ['gen-corpus', '--articles', String(size), '--seed', '42', '--out', corpus]));
    // A whole build, not an update of the last run's site.
    await rm(site, { recursive: true, force: true });
    build = timed('our build (whole site, index included)', () =>
      execFileSync(BANTIN, ['build', '--content', corpus, '--out', site, '--app', APP]));
  }
  const { manifest, documents } = await documentsOf(site);
  const pagefindMs = reuse ? null : await pagefindIndex(site, documents);
  if (pagefindMs !== null) console.log(`  Pagefind index: ${(pagefindMs / 1000).toFixed(1)} s`);
  const raw = (name) => !name.endsWith('.br') && !name.endsWith('.gz');
  const ourIndex = await filesUnder(join(site, 'data/search', manifest.build), raw);
  const ourIndexBr = await filesUnder(join(site, 'data/search', manifest.build), (n) => n.endsWith('.br'));
  const theirIndex = await filesUnder(join(site, 'pagefind'));
  const server = await serveSite(site, { http2: HTTP2 });
  const result = {
    articles: size,
    build_ms: { ours_whole_site: build.ms, pagefind_index: pagefindMs },
    index_on_disk: {
      ours: { bytes: ourIndex.total, brotli_bytes: ourIndexBr.total, files: ourIndex.count, chunks: manifest.chunks.length },
      pagefind: { bytes: theirIndex.total, files: theirIndex.count },
    },
    ours: await measure(browser, server.url, ours, documents),
    pagefind: await measure(browser, server.url, pagefind, documents),
  };
  await server.close();
  return result;
}

const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
const ms = (n) => `${n.toFixed(1)} ms`;

async function main() {
  if (!PAGEFIND || !existsSync(APP)) throw new Error('run through `make bench-search`');
  const browser = await launchBrowser();
  const results = { queries: QUERIES, sizes: [] };
  try {
    for (const size of SIZES) results.sizes.push(await benchSize(browser, size));
  } finally {
    await browser.close();
  }
  console.log('');
  for (const r of results.sizes) {
    console.log(`${r.articles} articles                    ours            Pagefind        floor`);
    const row = (what, a, b, floor = '') => console.log(`  ${what.padEnd(28)}${a.padEnd(16)}${b.padEnd(16)}${floor}`);
    row('first query, median bytes', kb(r.ours.first_query_bytes.median), kb(r.pagefind.first_query_bytes.median), 'ours ≤ Pagefind');
    row('first query, max bytes', kb(r.ours.first_query_bytes.max), kb(r.pagefind.first_query_bytes.max));
    row('index on disk', kb(r.index_on_disk.ours.bytes), kb(r.index_on_disk.pagefind.bytes), 'Pagefind stores gzip');
    row('index on disk, brotli', kb(r.index_on_disk.ours.brotli_bytes), '');
    row('latency p50', ms(r.ours.latency_ms.p50), ms(r.pagefind.latency_ms.p50));
    row('latency p95', ms(r.ours.latency_ms.p95), ms(r.pagefind.latency_ms.p95), r.articles >= 100000 ? 'ours ≤ 50 ms' : '');
    const watched = (e) => r[e].latency_under_playwright_ms;
    row('  under Playwright, p50', ms(watched('ours').p50), ms(watched('pagefind').p50));
    row('  under Playwright, p95', ms(watched('ours').p95), ms(watched('pagefind').p95));
    row(`  typed, ${KEY_MS} ms a key, p50`, ms(r.ours.latency_typed_ms.p50), ms(r.pagefind.latency_typed_ms.p50));
    row(`  typed, ${KEY_MS} ms a key, p95`, ms(r.ours.latency_typed_ms.p95), ms(r.pagefind.latency_typed_ms.p95));
    const phone = (e) => r[e].latency_typed_phone_ms;
    const onPhone = `phone, ${PHONE.keyMs} ms a key`;
    row(`  ${onPhone}, p50`, ms(phone('ours').p50), ms(phone('pagefind').p50));
    row(`  ${onPhone}, p95`, ms(phone('ours').p95), ms(phone('pagefind').p95));
    row('recall@10 without marks', r.ours.recall_at_10.without_diacritics.toFixed(3), r.pagefind.recall_at_10.without_diacritics.toFixed(3), 'ours ≥ Pagefind');
    row('recall@10 with marks', r.ours.recall_at_10.with_diacritics.toFixed(3), r.pagefind.recall_at_10.with_diacritics.toFixed(3));
    // The queries that downloaded chunks: the later ones without marks
    // find theirs already loaded.
    const fetching = (r.ours.phases_ms ?? []).filter((p) => p.index_ms >= 1);
    if (fetching.length > 0) {
      const median = (key) => ms(percentile(fetching.map((p) => p[key]), 50));
      console.log(`  ours, median of the ${fetching.length} queries that fetched chunks (bare): index files ${median('index_ms')}, ` +
        `ranking ${median('rank_ms')}, result texts ${median('texts_ms')}, highlighting ${median('highlight_ms')}`);
    }
    console.log(`  phone: ${PHONE.latencyMs} ms added to every request, ${PHONE.kbps / 1000} Mbit/s, time from the last key to the results`);
  }
  await writeFile(OUT, JSON.stringify(results, null, 2) + '\n');
  console.log(`written: ${OUT}`);
}

await main();
