// The search worker: search runs in its own small WASM, started only when
// a search is asked, under the site's strict policy. A worker that cannot
// load, or that dies in the middle of a search, gives the search area's own
// message with "Thử lại", and the retry starts a new one.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { openPage } from './browser.mjs';
import { servedSite, SITE_DIR } from './harness.mjs';

const served = servedSite();
const url = (path) => served.server.url + path;
const isWorkerFile = (path) => path.startsWith('/search-worker-');

/** The worker's files as the site ships them: start script, glue, WASM. */
async function workerFiles() {
  const folder = (await readdir(SITE_DIR)).find((name) => name.startsWith('search-worker-'));
  assert.ok(folder, 'the site ships a search worker');
  const names = (await readdir(join(SITE_DIR, folder))).filter((n) => !/\.(br|gz)$/.test(n));
  const find = (test) => `/${folder}/${names.find(test)}`;
  return {
    start: find((n) => n === 'search-worker-start.js'),
    glue: find((n) => n.endsWith('.js') && n !== 'search-worker-start.js'),
    wasm: find((n) => n.endsWith('.wasm')),
  };
}

const area = (page) => page.locator('.search-outcome');

async function expectUnavailable(page) {
  const alert = area(page).getByRole('alert');
  await alert.getByRole('heading', { name: 'Chưa tìm kiếm được' }).waitFor();
  await alert.getByRole('button', { name: 'Thử lại' }).waitFor();
  assert.equal(await page.getByRole('alert').count(), 1, 'only the search area says so');
  // The rest of the page still works.
  assert.equal(await page.locator('#search-text').inputValue(), 'duong');
  await page.getByRole('navigation', { name: 'Menu chính' }).getByRole('link', { name: 'Trang chủ', exact: true }).waitFor();
}

async function expectRecovered(page) {
  await area(page).getByRole('alert').getByRole('button', { name: 'Thử lại' }).click();
  await page.locator('[data-query="duong"]').waitFor();
  assert.ok((await page.locator('.search-result').count()) > 0);
  assert.equal(await page.getByRole('alert').count(), 0);
  assert.equal(await page.evaluate(() => window.__sameDocument), true, 'recovered without a reload');
}

/** Console lines that only report the fault itself. */
const faultEcho = (line) => /Failed to load resource|status of \d{3}|WebAssembly|wasm|worker/i.test(line);

test('the worker starts only for a search, and runs its WASM under the strict policy', async () => {
  const { page, errors, close } = await openPage(served.browser, { serviceWorkers: 'block' });
  const asked = [];
  const policies = new Map();
  page.on('response', (response) => {
    const path = new URL(response.url()).pathname;
    asked.push(path);
    policies.set(path, response.headers()['content-security-policy'] ?? '');
  });
  await page.goto(url('/'));
  await page.waitForFunction(() => window.wasmBindings !== undefined);
  await page.waitForLoadState('networkidle');
  assert.deepEqual(asked.filter(isWorkerFile), [], 'no worker before a search');
  assert.equal(page.workers().length, 0);

  const box = page.getByRole('search').first().getByRole('searchbox');
  await box.fill('duong');
  await box.press('Enter');
  await page.locator('[data-query="duong"]').waitFor();
  assert.ok((await page.locator('.search-result').count()) > 0);
  const files = await workerFiles();
  for (const file of [files.start, files.glue, files.wasm]) {
    assert.ok(asked.includes(file), `${file} fetched`);
  }
  // The worker's script came with the policy, and compiled its WASM under it.
  assert.match(policies.get(files.start), /script-src 'self' 'wasm-unsafe-eval'; worker-src 'self'/);
  assert.equal(page.workers().length, 1);
  // The main WASM carries no search engine: the index is read by the worker.
  assert.deepEqual(errors, []);
  await close();
});

test('result texts are asked past the browser\'s cache, the index through it', async () => {
  const { page, errors, close } = await openPage(served.browser, { serviceWorkers: 'block' });
  // The worker's requests are the context's, not the page's.
  const asked = [];
  page.context().on('request', async (request) => {
    const path = new URL(request.url()).pathname;
    if (path.startsWith('/data/search')) asked.push([path, (await request.allHeaders())['cache-control']]);
  });
  await page.goto(url('/tim-kiem?q=duong'));
  await page.locator('[data-query="duong"]').waitFor();
  const shown = await page.locator('.search-result-title a').count();
  assert.ok(shown > 0);
  // Each request's headers are read as it goes.
  const isText = ([path]) => path.includes('/d/');
  for (let i = 0; i < 100 && asked.filter(isText).length < shown; i++) await new Promise((ok) => setTimeout(ok, 20));
  const texts = asked.filter(isText);
  const index = asked.filter((request) => !isText(request));
  assert.ok(index.some(([path]) => path.endsWith('.bin')), JSON.stringify(asked));
  // A search as you type asks for ten texts at each key: they are not
  // written to the cache the site's pages are kept in.
  assert.deepEqual(texts.map(([, cache]) => cache), texts.map(() => 'no-cache'), JSON.stringify(texts));
  // The manifest and chunks are: a reader who comes back searches with them again.
  assert.deepEqual(index.map(([, cache]) => cache), index.map(() => undefined), JSON.stringify(index));
  assert.deepEqual(errors, []);
  await close();
});

for (const [name, fault] of [
  ['start script missing', (files) => [files.start, { status: 404, body: '' }]],
  ['glue missing', (files) => [files.glue, { status: 404, body: '' }]],
  ['WASM missing', (files) => [files.wasm, { status: 404, body: '' }]],
  ['WASM damaged', (files) => [files.wasm, { status: 200, body: 'not a wasm module at all' }]],
]) {
  test(`a search worker with its ${name}: "Chưa tìm kiếm được" in the search area, retry recovers`, async () => {
    const files = await workerFiles();
    const [path, answer] = fault(files);
    const { page, errors, close } = await openPage(served.browser, { serviceWorkers: 'block' });
    try {
      served.server.setFault(path, answer);
      await page.goto(url('/tim-kiem?q=duong'));
      await page.evaluate(() => { window.__sameDocument = true; });
      await expectUnavailable(page);
    } finally {
      served.server.setFault(path, null);
    }
    await expectRecovered(page);
    assert.deepEqual(errors.filter((line) => !faultEcho(line)), []);
    await close();
  });
}

test('a search worker that dies in the middle of a search: the message, and retry starts a new one', async () => {
  const { page, errors, close } = await openPage(served.browser, { serviceWorkers: 'block' });
  await page.goto(url('/tim-kiem'));
  await page.waitForFunction(() => window.wasmBindings !== undefined);
  await page.getByText('Nhập từ khoá để tìm bài viết.').waitFor();
  await page.evaluate(() => { window.__sameDocument = true; });
  // The results' texts hang: the search is under way when the worker dies.
  const isText = (address) => /\/data\/search\/[^/]+\/d\/\d+\.json$/.test(new URL(address).pathname);
  let hold = true;
  await page.route(isText, async (route) => {
    while (hold) await new Promise((ok) => setTimeout(ok, 50));
    await route.continue().catch(() => {});
  });
  const asked = page.waitForRequest((request) => isText(request.url()));
  await page.locator('#search-text').fill('duong');
  await asked;
  const [worker] = page.workers();
  assert.ok(worker, 'a worker runs the search');
  await worker.evaluate(() => setTimeout(() => { throw new Error('the search worker crashed'); }));
  await expectUnavailable(page);
  hold = false;
  await page.unrouteAll();
  await expectRecovered(page);
  assert.equal(page.workers().length, 1, 'the dead worker is gone; one new worker runs');
  assert.deepEqual(errors.filter((line) => !faultEcho(line) && !/crashed/.test(line)), []);
  await close();
});
