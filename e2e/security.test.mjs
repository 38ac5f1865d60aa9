// The strict Content-Security-Policy the site ships in _headers: served
// here as a CDN would, every kind of page — prerendered and hydrated, or
// drawn by the app at an address no file has — works with zero violations,
// and no page carries an inline script.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openPage } from './browser.mjs';
import { at, bundle, servedSite } from './harness.mjs';

const served = servedSite();

// Styles: the site's files, and the one stylesheet block every page carries,
// by its hash.
const STRICT = /^default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; worker-src 'self'; style-src 'self' 'sha256-[A-Za-z0-9+/]{43}='; img-src 'self' data:; object-src 'none'; base-uri 'self'/;

async function pages() {
  const home = await bundle('home.json');
  const site = await bundle('site.json');
  const videos = home.sidebar.find((s) => s.kind === 'videos');
  return [
    '/',
    `/chuyen-muc/${home.sections[0].category.slug}`,
    `/tin-tuc/${home.featured.slug}`,
    ...videos.articles.map((a) => `/tin-tuc/${a.slug}`),
    `/trang/${site.pages[0].slug}`,
    '/so-do-trang',
    '/tim-kiem?q=duong',
    '/khong-co-trang-nay',
  ];
}

test('every kind of page runs under the strict CSP with zero violations and no inline script', async () => {
  const { page, errors, close } = await openPage(served.browser);
  await page.addInitScript(() => {
    window.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__violations.push(`${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  const found = [];
  for (const path of await pages()) {
    const response = await page.goto(served.server.url + path);
    const policy = response.headers()['content-security-policy'] ?? '';
    assert.match(policy, STRICT, path);
    await page.waitForFunction(() => window.wasmBindings !== undefined);
    // The page's heading, or the not-found message.
    await page.locator('main h1, main [role=alert]').first().waitFor({ state: 'attached' });
    if (path.startsWith('/tim-kiem')) await page.locator('[data-query]').waitFor();
    // Data blocks (JSON-LD, the hydration data) never run; anything else
    // without a src would be an inline script.
    const inline = await page
      .locator('script:not([src]):not([type="application/ld+json"]):not([type="application/json"])')
      .count();
    const violations = await page.evaluate(() => window.__violations);
    if (inline > 0) found.push(`${path}: ${inline} inline script(s)`);
    found.push(...violations.map((v) => `${path}: ${v}`));
  }
  // A move inside the app, drawn by the WASM under the same policy.
  await page.goto(served.server.url + '/');
  await page.waitForFunction(() => window.wasmBindings !== undefined);
  await page.getByRole('navigation', { name: 'Menu chính' }).getByRole('link').nth(1).click();
  await page.getByRole('heading', { level: 1 }).first().waitFor();
  found.push(...(await page.evaluate(() => window.__violations)).map((v) => `after a click: ${v}`));
  assert.deepEqual(found, []);
  assert.deepEqual(errors.filter((e) => !/status of 404/.test(e)), []);
  await close();
});

test('a YouTube video is the only frame the policy allows', async () => {
  const { page, close } = await openPage(served.browser);
  const response = await page.goto(served.server.url + '/');
  const policy = response.headers()['content-security-policy'];
  const frames = policy.split(';').map((d) => d.trim()).filter((d) => d.startsWith('frame-src'));
  assert.deepEqual(frames, ['frame-src https://www.youtube-nocookie.com']);
  await close();
});

test('a server still sending a policy without the stylesheet hash shows the page styled, from the files', async () => {
  const { page, close } = await openPage(served.browser, { untouched: true });
  const home = await bundle('home.json');
  const path = `/tin-tuc/${home.featured.slug}`;
  await page.addInitScript(() => {
    window.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(e.violatedDirective));
  });
  // The policy a server copied before the pages carried their CSS.
  await page.route((url) => url.pathname === at(path), async (route) => {
    const response = await route.fetch();
    const headers = { ...response.headers() };
    headers['content-security-policy'] = headers['content-security-policy'].replace(/ 'sha256-[^']+'/, '');
    delete headers['content-encoding'];
    delete headers['content-length'];
    await route.fulfill({ response, headers });
  });
  await page.goto(served.server.url + path);
  await page.waitForFunction(() => getComputedStyle(document.querySelector('.main-menu ul')).display === 'flex');
  assert.ok((await page.evaluate(() => window.__violations)).some((d) => d.startsWith('style-src')), 'the block was not refused');
  assert.equal(await page.locator('link[rel="stylesheet"]').count(), await page.evaluate(
    () => document.querySelector('style[data-app-css]').dataset.appCss.split(' ').length,
  ));
  await close();
});
