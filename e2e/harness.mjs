// What every end-to-end test file shares: the built site served as a CDN
// would, one headless Chromium, and the site's own bundles to read expected
// texts from (so tests follow the content instead of repeating it).
import { after, before } from 'node:test';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { serveSite } from './cdn-server.mjs';
import { launchBrowser } from './browser.mjs';

export const SITE_DIR = process.env.SITE_DIR ?? '../target/e2e-site';

/** A bundle of the built site, parsed. */
export const bundle = async (path) => JSON.parse(await readFile(join(SITE_DIR, 'data', path), 'utf8'));

/** Starts the server and the browser for this file's tests; both are on the returned object. */
export function servedSite() {
  const harness = {};
  before(async () => {
    harness.server = await serveSite(SITE_DIR);
    harness.browser = await launchBrowser();
  });
  after(async () => {
    await harness.browser?.close();
    await harness.server?.close();
  });
  return harness;
}
