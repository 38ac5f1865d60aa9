// Which pages register the offline worker: a built site's pages do (the
// bundler writes the worker and names it in each page); the app as Trunk
// builds it (what `make serve` serves) has no worker and registers none,
// so the development server logs no failed registration. Beside the
// site's worker, the folders of the search worker get one with no fetch
// handler, so the search's requests pass by the site's.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openPage } from './browser.mjs';
import { serveSite } from './cdn-server.mjs';
import { at, servedSite } from './harness.mjs';

const served = servedSite();
const APP_DIR = process.env.APP_DIR ?? '../target/app';

/** Opens `url` and gives the worker addresses the page asked to register
 * once the app had started. */
async function registered(url) {
  const { page, close } = await openPage(served.browser);
  await page.addInitScript(() => {
    window.__registered = [];
    window.__started = new Promise((resolve) => addEventListener('TrunkApplicationStarted', resolve));
    const register = navigator.serviceWorker.register.bind(navigator.serviceWorker);
    navigator.serviceWorker.register = (script, options) => {
      window.__registered.push(String(script));
      return register(script, options);
    };
  });
  await page.goto(url);
  await page.evaluate(() => window.__started);
  // register-sw.js runs on the same event, after the app's own listener.
  await page.waitForTimeout(200);
  const names = await page.evaluate(() => window.__registered);
  await close();
  return names;
}

test('a built page registers its site worker; the app as Trunk serves it registers none', async () => {
  assert.deepEqual(await registered(`${served.server.url}/`), [at('/sw.js'), `${served.server.url}/sw-search.js`]);
  const trunkApp = await serveSite(APP_DIR);
  try {
    assert.deepEqual(await registered(`${trunkApp.url}/`), []);
  } finally {
    await trunkApp.close();
  }
});

test("the search worker's requests go to the network, past the site's worker", async () => {
  const { page, errors, close } = await openPage(served.browser);
  await page.goto(`${served.server.url}/`);
  const scopes = await page.evaluate(async () => {
    for (;;) {
      const all = await navigator.serviceWorker.getRegistrations();
      if (all.length === 2 && all.every((one) => one.active)) return all.map((one) => one.scope).sort();
      await new Promise((ok) => setTimeout(ok, 50));
    }
  });
  assert.deepEqual(scopes, [`${served.server.url}/`, `${served.server.url}/search-worker-`]);
  // A later visit, under the site's worker: a search, as a reader asks it.
  await page.goto(`${served.server.url}/tim-kiem?q=duong`);
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  await page.locator('.search-result-title a').first().waitFor();
  const worker = page.workers().find((one) => one.url().includes('/search-worker-'));
  assert.ok(worker, 'the search ran in its worker');
  // Resource Timing's workerStart is 0 for a request no service worker saw.
  const seen = await worker.evaluate(() =>
    performance.getEntriesByType('resource')
      .filter((entry) => entry.name.includes('/data/search'))
      .map((entry) => [new URL(entry.name).pathname, entry.workerStart]),
  );
  assert.ok(seen.some(([path]) => path.endsWith('.bin')), `the index was fetched: ${JSON.stringify(seen)}`);
  assert.ok(seen.some(([path]) => path.includes('/d/')), `result texts were fetched: ${JSON.stringify(seen)}`);
  assert.deepEqual(seen.filter(([, start]) => start !== 0), [], 'no search request went through a service worker');
  // The page's own requests still go through the site's worker (what
  // keeps them offline).
  const pageStart = await page.evaluate(async (address) => {
    await (await fetch(address)).text();
    return performance.getEntriesByName(new URL(address, location.href).href)[0].workerStart;
  }, at('/data/home.json'));
  assert.ok(pageStart > 0, `the page's fetch went through the site's worker (workerStart ${pageStart})`);
  assert.deepEqual(errors, []);
  await close();
});
