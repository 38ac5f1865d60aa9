// `make bench-preview`: the live preview as an editor meets it, ours beside
// `hugo server`, on `bantin gen-corpus` archives (SIZES, default
// 10000,100000). A benchmark, not a test: it prints figures and writes
// them to target/bench/preview.json.
//
// For each size: the time from starting `bantin serve` to its first page,
// its peak memory (VmHWM), then, over EDITS saves (default 20) of one
// article (a word added to its text), the time from the file saved to the
// open tab showing the word in headless Chromium, and the same for a new
// article appearing in its category's listing, and for both found by
// their new word from an open search tab. Then the same edits under
// `hugo server` (Debian's Hugo, as bench-build fetches it) on a copy of the
// same corpus, its new articles looked for on its home list.
import { execFileSync, spawn } from 'node:child_process';
import { cp, mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { existsSync, openSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { launchBrowser, openPage } from './browser.mjs';

const ROOT = resolve('..');
const SIZES = (process.env.SIZES ?? '10000,100000').split(',').filter(Boolean).map(Number);
const EDITS = Number(process.env.EDITS ?? 20);
// Saves for the memory figure ("flat over 1,000 edits"), one every
// SAVE_GAP_MS (more than the preview's 60 ms that ends a burst).
const MEMORY_EDITS = Number(process.env.MEMORY_EDITS ?? 1000);
const SAVE_GAP_MS = 120;
const BANTIN = process.env.BANTIN ?? join(ROOT, 'target/tool/bantin');
const APP = process.env.APP ?? join(ROOT, 'target/app');
const WORK = resolve(process.env.BENCH_DIR ?? join(ROOT, 'target/bench'));
const WAIT_MS = 120_000;
// WITH_HUGO=0: ours alone (a quicker look after a change).
const WITH_HUGO = process.env.WITH_HUGO !== '0';

const percentile = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
};
const summary = (values) => ({ p50_ms: Math.round(percentile(values, 50)), p95_ms: Math.round(percentile(values, 95)), runs: values.length });
const sleep = (ms) => new Promise((ok) => setTimeout(ok, ms));

/** Peak resident memory of a process, in MB (Linux). */
function peakMb(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Math.round(Number(status.match(/VmHWM:\s+(\d+)/)[1]) / 1024);
}

/** Resident memory of process `pid` now, in MB. */
function residentMb(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Math.round(Number(status.match(/VmRSS:\s+(\d+)/)[1]) / 1024);
}

/**
 * Memory over many saves: `file` saved MEMORY_EDITS times with its text
 * changed, each save its own burst; the preview's resident memory after
 * every hundredth, and once the last has settled.
 */
async function memoryOverSaves(pid, file) {
  const text = await readFile(file, 'utf8');
  const seen = [residentMb(pid)];
  for (let i = 1; i <= MEMORY_EDITS; i++) {
    await writeFile(file, `${text.trimEnd()} bonho${i}\n`);
    await new Promise((done) => setTimeout(done, SAVE_GAP_MS));
    if (i % 100 === 0) seen.push(residentMb(pid));
  }
  await new Promise((done) => setTimeout(done, 2000));
  seen.push(residentMb(pid));
  await writeFile(file, text);
  return seen;
}

/** Waits until `url` answers 200; gives the milliseconds since `since`. */
async function firstPage(url, since, process) {
  for (;;) {
    if (process.exitCode !== null) throw new Error(`${url}: the server ended`);
    try {
      if ((await fetch(url)).status === 200) return performance.now() - since;
    } catch {
      // not listening yet
    }
    await sleep(50);
  }
}

function hugoCommand() {
  const found = execFileSync('python3', ['-c', `
import importlib.machinery, json
bench = importlib.machinery.SourceFileLoader('bench_build', ${JSON.stringify(join(ROOT, 'scripts/bench-build'))}).load_module()
print(json.dumps([str(p) for p in bench.hugo_command()]))`], { encoding: 'utf8' });
  return JSON.parse(found.trim().split('\n').at(-1));
}

const HUGO_CONFIG = (content) => `baseURL = "http://127.0.0.1/"
languageCode = "vi"
title = "Bench"
contentDir = "${content}"
disableKinds = ["taxonomy", "term"]
[pagination]
pagerSize = 20
`;
const HUGO_SINGLE = '<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>{{ .Title }}</title></head><body><h1>{{ .Title }}</h1><p><strong>{{ .Params.lead }}</strong></p>{{ .Content }}</body></html>\n';
const HUGO_LIST = '<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>{{ .Title }}</title></head><body><ul>{{ range (.Paginate .RegularPages).Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul></body></html>\n';

/**
 * One editor's session against a running preview at `base`: EDITS words
 * added to `file` (shown at `articleUrl`), then EDITS new articles looked
 * for at `listingUrl`.
 */
async function session(browser, { file, articleUrl, listingUrl, folder, category }) {
  const edits = [];
  const { page, close } = await openPage(browser);
  await page.goto(articleUrl);
  for (let i = 1; i <= EDITS; i += 1) {
    const word = `chinhsuathu${i}x${Date.now() % 100000}`;
    await page.waitForLoadState('load');
    await sleep(300);
    const text = await readFile(file, 'utf8');
    const saved = performance.now();
    await writeFile(file, `${text.trimEnd()} ${word}\n`);
    await page.waitForFunction((w) => document.body?.innerText.includes(w), word, { timeout: WAIT_MS, polling: 20 });
    edits.push(performance.now() - saved);
  }
  await close();
  const added = [];
  const listing = await openPage(browser);
  await listing.page.goto(listingUrl);
  for (let i = 1; i <= EDITS; i += 1) {
    await listing.page.waitForLoadState('load');
    await sleep(300);
    const title = `Bài mới thứ ${i} ${Date.now() % 100000}`;
    const day = String(i).padStart(2, '0');
    const saved = performance.now();
    await writeFile(join(folder, `bai-moi-bench-${i}.md`), `+++\ntitle = "${title}"\ndate = 2026-01-${day}\ncategory = "${category}"\nlead = "Một bài mới."\n+++\nNội dung của bài mới.\n`);
    await listing.page.waitForFunction((t) => document.body?.innerText.includes(t), title, { timeout: WAIT_MS, polling: 20 });
    added.push(performance.now() - saved);
  }
  await listing.close();
  return { edit: summary(edits), new_article: summary(added) };
}

/**
 * Search following saves (ours; `hugo server` has no search): a search
 * tab open at a word no article has yet, then the word saved, EDITS times
 * into `file` and EDITS times as a new article; the time from the save to
 * the tab listing the article.
 */
async function searchSession(browser, { url, file, folder, category }) {
  const found = { edit: [], new_article: [] };
  const { page, close } = await openPage(browser);
  for (const kind of ['edit', 'new_article']) {
    for (let i = 1; i <= EDITS; i += 1) {
      const word = `timthay${kind === 'edit' ? 'sua' : 'moi'}${i}x${Date.now() % 100000}`;
      // A reload the preview asked for (the save before) may cut in.
      for (let tries = 0; ; tries += 1) {
        try {
          await page.goto(`${url}/tim-kiem?q=${word}`);
          break;
        } catch (error) {
          if (tries > 5 || !/interrupted by another navigation/.test(error.message)) throw error;
        }
      }
      await page.locator('.search-none').waitFor({ timeout: WAIT_MS });
      await sleep(300);
      const saved = performance.now();
      const savedAt = Date.now();
      if (kind === 'edit') {
        const text = await readFile(file, 'utf8');
        await writeFile(file, `${text.trimEnd()} ${word}\n`);
      } else {
        await writeFile(join(folder, `bai-tim-bench-${i}.md`), `+++\ntitle = "Bài để tìm ${i}"\ndate = 2026-02-01\ncategory = "${category}"\n+++\nCó từ ${word} ở đây.\n`);
      }
      await page.locator('.search-results a').first().waitFor({ timeout: WAIT_MS });
      const took = performance.now() - saved;
      found[kind].push(took);
      // VERBOSE=1: each save, and when the search tab reloaded after it.
      if (process.env.VERBOSE) {
        const origin = await page.evaluate(() => performance.timeOrigin).catch(() => NaN);
        console.log(`  ${kind} ${i}: found after ${Math.round(took)} ms; page loaded ${Math.round(origin - savedAt)} ms after the save`);
      }
      // The next save comes once the site is made with this one (its
      // page is served), as an editor's next save would on an idle
      // preview: the search above came ahead of that make.
      if (kind === 'new_article') {
        while ((await fetch(`${url}/tin-tuc/bai-tim-bench-${i}`)).status !== 200) await sleep(50);
      }
    }
  }
  await close();
  return { found_by_search_after_edit: summary(found.edit), found_by_search_new_article: summary(found.new_article) };
}

async function bench(size, browser, hugo) {
  console.log(`\n== ${size.toLocaleString('en')} articles`);
  const corpus = join(WORK, `corpus-${size}`);
  if (!existsSync(join(corpus, 'site.toml'))) {
    execFileSync(BANTIN, ['gen-corpus', '--articles', String(size), '--seed', '1', '--out', corpus], { stdio: 'ignore' });
  }
  const names = (await readdir(join(corpus, 'articles'))).filter((n) => n.endsWith('.md')).sort();
  const edited = names[Math.floor(names.length / 2)];
  const slug = edited.replace(/\.md$/, '');
  const category = (await readFile(join(corpus, 'articles', edited), 'utf8')).match(/^category = "(.*)"$/m)[1];

  // Ours.
  const ours = join(WORK, `preview-${size}`);
  await rm(ours, { recursive: true, force: true });
  await cp(corpus, ours, { recursive: true });
  const started = performance.now();
  // PREVIEW_LOG=file keeps what the preview says (with BANTIN_TIMINGS=1,
  // the time of each stage of each save).
  const said = process.env.PREVIEW_LOG ? openSync(process.env.PREVIEW_LOG, 'w') : 'ignore';
  const server = spawn(BANTIN, ['serve', '--content', ours, '--app', APP, '--port', '0'], { stdio: ['ignore', 'pipe', said] });
  const url = await new Promise((ok, fail) => {
    let said = '';
    server.stdout.on('data', (chunk) => {
      said += chunk;
      const found = said.match(/serving (\S+)/);
      if (found) ok(found[1].replace(/\/$/, ''));
    });
    server.on('exit', (code) => fail(new Error(`bantin serve ended (${code})`)));
  });
  const startMs = await firstPage(`${url}/`, started, server);
  console.log(`  ours: first page after ${(startMs / 1000).toFixed(1)} s`);
  const oursSession = await session(browser, {
    file: join(ours, 'articles', edited),
    articleUrl: `${url}/tin-tuc/${slug}`,
    listingUrl: `${url}/chuyen-muc/${category}`,
    folder: join(ours, 'articles'),
    category,
  });
  const searched = await searchSession(browser, {
    url,
    file: join(ours, 'articles', edited),
    folder: join(ours, 'articles'),
    category,
  });
  Object.assign(oursSession, searched);
  const oursPeak = peakMb(server.pid);
  console.log(`  ours: edit → shown p50 ${oursSession.edit.p50_ms} ms, p95 ${oursSession.edit.p95_ms} ms; new article → listed p50 ${oursSession.new_article.p50_ms} ms, p95 ${oursSession.new_article.p95_ms} ms; peak ${oursPeak} MB`);
  console.log(`  ours: found by search after an edit p50 ${searched.found_by_search_after_edit.p50_ms} ms, p95 ${searched.found_by_search_after_edit.p95_ms} ms; a new article p50 ${searched.found_by_search_new_article.p50_ms} ms, p95 ${searched.found_by_search_new_article.p95_ms} ms`);
  const memory = MEMORY_EDITS > 0 ? await memoryOverSaves(server.pid, join(ours, 'articles', edited)) : [];
  if (memory.length) console.log(`  ours: resident memory over ${MEMORY_EDITS} saves, every 100: ${memory.join(', ')} MB`);
  oursSession.resident_mb_every_100_saves = memory;
  server.kill();

  if (!WITH_HUGO) {
    await rm(ours, { recursive: true, force: true });
    return { articles: size, ours: { first_page_ms: Math.round(startMs), peak_mb: oursPeak, ...oursSession } };
  }
  // Hugo.
  const site = join(WORK, `hugo-preview-${size}`);
  await rm(site, { recursive: true, force: true });
  await mkdir(join(site, 'layouts/_default'), { recursive: true });
  await cp(join(corpus, 'articles'), join(site, 'articles'), { recursive: true });
  await writeFile(join(site, 'hugo.toml'), HUGO_CONFIG(join(site, 'articles')));
  await writeFile(join(site, 'layouts/_default/single.html'), HUGO_SINGLE);
  await writeFile(join(site, 'layouts/_default/list.html'), HUGO_LIST);
  const port = 20000 + (size % 10000) + Math.floor(Math.random() * 5000);
  const hugoStarted = performance.now();
  const hugoServer = spawn(hugo[0], [...hugo.slice(1), 'server', '--port', String(port), '--bind', '127.0.0.1', '--quiet'], { cwd: site, stdio: 'ignore' });
  const hugoUrl = `http://127.0.0.1:${port}`;
  const hugoStartMs = await firstPage(`${hugoUrl}/`, hugoStarted, hugoServer);
  console.log(`  hugo server: first page after ${(hugoStartMs / 1000).toFixed(1)} s`);
  const hugoSession = await session(browser, {
    file: join(site, 'articles', edited),
    articleUrl: `${hugoUrl}/${slug}/`,
    listingUrl: `${hugoUrl}/`,
    folder: join(site, 'articles'),
    category,
  });
  const hugoPeak = peakMb(hugoServer.pid);
  hugoServer.kill();
  console.log(`  hugo server: edit → shown p50 ${hugoSession.edit.p50_ms} ms, p95 ${hugoSession.edit.p95_ms} ms; new article → listed p50 ${hugoSession.new_article.p50_ms} ms, p95 ${hugoSession.new_article.p95_ms} ms; peak ${hugoPeak} MB`);
  await rm(ours, { recursive: true, force: true });
  await rm(site, { recursive: true, force: true });
  return {
    articles: size,
    ours: { first_page_ms: Math.round(startMs), peak_mb: oursPeak, ...oursSession },
    hugo_server: { first_page_ms: Math.round(hugoStartMs), peak_mb: hugoPeak, ...hugoSession },
  };
}

const hugo = WITH_HUGO ? hugoCommand() : null;
const browser = await launchBrowser();
const results = [];
try {
  for (const size of SIZES) results.push(await bench(size, browser, hugo));
} finally {
  await browser.close();
}
const hugoVersion = hugo ? execFileSync(hugo[0], [...hugo.slice(1), 'version'], { encoding: 'utf8' }).trim() : null;
await mkdir(WORK, { recursive: true });
await writeFile(join(WORK, WITH_HUGO ? 'preview.json' : 'preview-ours.json'), JSON.stringify({ hugo: hugoVersion, edits: EDITS, sizes: results }, null, 2));
console.log(`\nwritten to ${join(WORK, WITH_HUGO ? 'preview.json' : 'preview-ours.json')}`);
