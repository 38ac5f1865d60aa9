// Offline reading: what a reader opened reopens without a network; what
// they did not is explained, with a retry that works once the network is back.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openPage } from './browser.mjs';
import { bundle, servedSite } from './harness.mjs';

const served = servedSite();

test('an article read once reopens offline; a page not read says so and retries', async () => {
  const home = await bundle('home.json');
  const [read, unread] = home.sections[0].articles;
  const { page, close } = await openPage(served.browser);
  await page.goto(`${served.server.url}/tin-tuc/${read.slug}`);
  // The worker keeps the site's own addresses: its whole path, no more.
  const scope = await page.evaluate(() => navigator.serviceWorker.ready.then((ready) => ready.scope));
  assert.equal(scope, `${served.server.url}/`);
  // Now under the service worker: this visit is the one it keeps.
  await page.reload();
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  await page.getByRole('heading', { level: 1, name: read.title }).waitFor();
  await page.waitForFunction(() => window.wasmBindings !== undefined);

  served.server.setDown(true);
  try {
    await page.reload();
    await page.getByRole('heading', { level: 1, name: read.title }).waitFor();
    await page.waitForFunction(() => window.wasmBindings !== undefined);

    await page.getByRole('navigation', { name: 'Đường dẫn' }).getByRole('link', { name: read.category.name }).click();
    await page.getByRole('heading', { name: 'Không tải được nội dung' }).waitFor();
    await page.getByRole('button', { name: 'Thử lại' }).waitFor();
  } finally {
    served.server.setDown(false);
  }
  await page.getByRole('button', { name: 'Thử lại' }).click();
  await page.getByRole('heading', { level: 1, name: read.category.name }).waitFor();
  await page.getByRole('link', { name: unread.title }).waitFor();
  await close();
});
