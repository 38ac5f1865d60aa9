// `make bench-memory`: one reader opens 600 different articles in one
// visit, moving inside the app, in headless Chromium. Prints the memory
// the page holds every 50 articles (WASM linear memory, JS heap after a
// garbage collection, DOM nodes) and writes target/bench/memory.json.
// A benchmark, not a test: it prints figures for issue "Reliability and
// security" (memory stays bounded: the bundle cache has a size cap, so
// what 300 articles hold is what 600 hold).
import { execFileSync } from 'node:child_process';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { serveSite } from './cdn-server.mjs';
import { launchBrowser } from './browser.mjs';

const ARTICLES = Number(process.env.ARTICLES ?? 600);
const BANTIN = resolve(process.env.BANTIN ?? '../target/tool/bantin');
const APP = resolve(process.env.APP ?? '../target/app');
const WORK = resolve(process.env.BENCH_DIR ?? '../target/bench');
const CONTENT = join(WORK, 'memory-content');
const SITE = join(WORK, 'memory-site');

/** Every article of the built site, from its listing bundles. */
async function articlesOf(site) {
  const found = [];
  const listings = join(site, 'data', 'chuyen-muc');
  for (const category of await readdir(listings)) {
    for (const file of await readdir(join(listings, category))) {
      if (!file.endsWith('.json')) continue;
      const page = JSON.parse(await readFile(join(listings, category, file), 'utf8'));
      for (const article of page.articles) found.push({ slug: article.slug, title: article.title });
    }
  }
  return found;
}

const mb = (bytes) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

async function main() {
  await mkdir(WORK, { recursive: true });
  await rm(CONTENT, { recursive: true, force: true });
  execFileSync(BANTIN, ['gen-corpus', '--articles', String(ARTICLES + 20), '--seed', '11', '--out', CONTENT], { stdio: 'inherit' });
  execFileSync(BANTIN, ['build', '--content', CONTENT, '--out', SITE, '--app', APP], { stdio: 'inherit' });
  const articles = (await articlesOf(SITE)).slice(0, ARTICLES);
  if (articles.length < ARTICLES) throw new Error(`only ${articles.length} articles built`);

  const server = await serveSite(SITE);
  const browser = await launchBrowser();
  const context = await browser.newContext({ locale: 'vi-VN', serviceWorkers: 'block' });
  const page = await context.newPage();
  // Trunk's loader announces the WASM instance; keep its memory in reach.
  await page.addInitScript(() => {
    addEventListener('TrunkApplicationStarted', (event) => {
      window.__wasmMemory = event.detail.wasm.memory;
    });
  });
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  const measure = async (read) => {
    await cdp.send('HeapProfiler.collectGarbage');
    const { metrics } = await cdp.send('Performance.getMetrics');
    const metric = (name) => metrics.find((m) => m.name === name)?.value ?? 0;
    return {
      read,
      wasm_bytes: await page.evaluate(() => window.__wasmMemory?.buffer.byteLength ?? 0),
      js_heap_bytes: metric('JSHeapUsedSize'),
      dom_nodes: metric('Nodes'),
    };
  };

  await page.goto(`${server.url}/tin-tuc/${articles[0].slug}`);
  // The app starts when the reader first does something.
  await page.mouse.move(20, 20);
  await page.waitForFunction(() => window.__wasmMemory !== undefined && window.wasmBindings !== undefined);
  const samples = [await measure(1)];
  const started = Date.now();
  for (let at = 1; at < articles.length; at += 1) {
    const { slug, title } = articles[at];
    // A link click inside the app, as from a listing or a related article.
    await page.evaluate((href) => {
      const link = document.createElement('a');
      link.href = href;
      document.body.append(link);
      link.click();
      link.remove();
    }, `/tin-tuc/${slug}`);
    await page.getByRole('heading', { level: 1, name: title, exact: true }).waitFor();
    if ((at + 1) % 50 === 0) samples.push(await measure(at + 1));
  }
  const seconds = (Date.now() - started) / 1000;
  await browser.close();
  await server.close();

  console.log(`\nOne visit, ${articles.length} articles opened inside the app (${seconds.toFixed(1)} s):\n`);
  console.log('articles read | WASM memory | JS heap (after GC) | DOM nodes');
  console.log('---|---|---|---');
  for (const s of samples) console.log(`${s.read} | ${mb(s.wasm_bytes)} | ${mb(s.js_heap_bytes)} | ${s.dom_nodes}`);
  const at = (n) => samples.find((s) => s.read === n) ?? samples.at(-1);
  const growth = at(articles.length).wasm_bytes - at(300).wasm_bytes;
  console.log(`\nWASM memory growth from article 300 to ${articles.length}: ${mb(growth)}`);
  await writeFile(join(WORK, 'memory.json'), JSON.stringify({ articles: articles.length, seconds, samples }, null, 2));
  console.log(`written to ${join(WORK, 'memory.json')}`);
}

await main();
