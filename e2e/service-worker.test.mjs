// Which pages register the offline worker: a built site's pages do (the
// bundler writes the worker and names it in each page); the app as Trunk
// builds it (what `make serve` serves) has no worker and registers none,
// so the development server logs no failed registration.
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
  assert.deepEqual(await registered(`${served.server.url}/`), [at('/sw.js')]);
  const trunkApp = await serveSite(APP_DIR);
  try {
    assert.deepEqual(await registered(`${trunkApp.url}/`), []);
  } finally {
    await trunkApp.close();
  }
});
