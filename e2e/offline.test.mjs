// Offline reading: what a reader opened reopens without a network; what
// they did not is explained, with a retry that works once the network is back.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { serveSite } from './cdn-server.mjs';
import { launchBrowser, openPage } from './browser.mjs';

const SITE_DIR = process.env.SITE_DIR ?? '../target/e2e-site';
const bundle = async (path) => JSON.parse(await readFile(join(SITE_DIR, 'data', path), 'utf8'));

let server;
let browser;

before(async () => {
  server = await serveSite(SITE_DIR);
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

test('an article read once reopens offline; a page not read says so and retries', async () => {
  const home = await bundle('home.json');
  const [read, unread] = home.sections[0].articles;
  const { page, close } = await openPage(browser);
  await page.goto(`${server.url}/tin-tuc/${read.slug}`);
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => true));
  // Now under the service worker: this visit is the one it keeps.
  await page.reload();
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  await page.getByRole('heading', { level: 1, name: read.title }).waitFor();
  await page.waitForFunction(() => window.wasmBindings !== undefined);

  server.setDown(true);
  try {
    await page.reload();
    await page.getByRole('heading', { level: 1, name: read.title }).waitFor();
    await page.waitForFunction(() => window.wasmBindings !== undefined);

    await page.getByRole('navigation', { name: 'Đường dẫn' }).getByRole('link', { name: read.category.name }).click();
    await page.getByRole('heading', { name: 'Không tải được nội dung' }).waitFor();
    await page.getByRole('button', { name: 'Thử lại' }).waitFor();
  } finally {
    server.setDown(false);
  }
  await page.getByRole('button', { name: 'Thử lại' }).click();
  await page.getByRole('heading', { level: 1, name: read.category.name }).waitFor();
  await page.getByRole('link', { name: unread.title }).waitFor();
  await close();
});
