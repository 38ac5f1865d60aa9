// What every end-to-end test file shares: the built site served as a CDN
// would, one headless Chromium, and the site's own bundles to read expected
// texts from (so tests follow the content instead of repeating it).
import { after, before } from 'node:test';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { serveSite } from './cdn-server.mjs';
import { launchBrowser } from './browser.mjs';

export const SITE_DIR = process.env.SITE_DIR ?? '../target/e2e-site';

/**
 * The path the site was built under (`/portal`), or '' at the host's root.
 * The server then serves it only there, and any request outside it fails
 * the test file.
 */
export const PREFIX = (process.env.SITE_PREFIX ?? '').replace(/\/+$/, '');

/** The address the browser uses for `path`, an address from the site's root. */
export const at = (path) => (path.startsWith('/') && !path.startsWith('//') ? PREFIX + path : path);

/** The address from the site's root of a URL the browser used. */
export function sitePath(url) {
  const path = new URL(url).pathname;
  if (!PREFIX) return path;
  if (path === PREFIX) return '/';
  return path.startsWith(PREFIX + '/') ? path.slice(PREFIX.length) : path;
}

/** A bundle of the built site, parsed. */
export const bundle = async (path) => JSON.parse(await readFile(join(SITE_DIR, 'data', path), 'utf8'));

/** Starts the server and the browser for this file's tests; both are on the returned object. */
export function servedSite() {
  const harness = {};
  before(async () => {
    harness.server = await serveSite(SITE_DIR, { prefix: PREFIX });
    harness.browser = await launchBrowser();
  });
  after(async () => {
    await harness.browser?.close();
    await harness.server?.close();
    const outside = harness.server?.outside ?? [];
    if (outside.length > 0) {
      throw new Error(`requests outside ${PREFIX}/: ${[...new Set(outside)].join(' ')}`);
    }
  });
  return harness;
}
