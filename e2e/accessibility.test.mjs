// axe-core (WCAG 2.1 A and AA rules) over the main kinds of page, in the
// light and in the dark colour scheme: zero violations.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { openPage } from './browser.mjs';
import { bundle, servedSite } from './harness.mjs';

const served = servedSite();
const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

async function pagesToCheck() {
  const home = await bundle('home.json');
  const site = await bundle('site.json');
  const videos = home.sidebar.find((s) => s.kind === 'videos');
  const news = home.sections[0];
  return {
    home: '/',
    listing: `/chuyen-muc/${news.category.slug}`,
    article: `/tin-tuc/${news.articles[0].slug}`,
    video: `/tin-tuc/${videos.articles[0].slug}`,
    'static page': `/trang/${site.pages.at(-1).slug}`,
    'site map': '/so-do-trang',
    'search results': '/tim-kiem?q=duong',
  };
}

for (const scheme of ['light', 'dark']) {
  test(`axe finds no WCAG 2.1 A/AA violation on any kind of page (${scheme} mode)`, async () => {
    // axe is injected as an inline script: a test tool, let past the site's CSP
    // (security.test.mjs checks the site under it).
    const { page, close } = await openPage(served.browser, { colorScheme: scheme, bypassCSP: true });
    const found = [];
    for (const [name, path] of Object.entries(await pagesToCheck())) {
      await page.goto(served.server.url + path);
      await page.waitForFunction(() => window.wasmBindings !== undefined);
      await page.getByRole('heading', { level: 1 }).first().waitFor();
      if (path.startsWith('/tim-kiem')) await page.locator('[data-query]').waitFor();
      await page.addScriptTag({ path: AXE });
      const violations = await page.evaluate(async () => {
        const result = await window.axe.run(document, {
          runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
        });
        return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
      });
      found.push(...violations.map((v) => `${name} (${path}): ${v}`));
    }
    assert.deepEqual(found, []);
    await close();
  });
}
