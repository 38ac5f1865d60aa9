// Prerendered pages: readable with JavaScript off, and taken over by the app
// without being redrawn when it is on.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { openPage } from './browser.mjs';
import { bundle, servedSite, sitePath } from './harness.mjs';

const served = servedSite();
let home;

before(async () => {
  home = await bundle('home.json');
});

test('an article page tells link previews and search engines what it is, in its HTML', async () => {
  const site = await bundle('site.json');
  const article = await bundle(`tin-tuc/${home.featured.slug}.json`);
  const response = await fetch(`${served.server.url}/tin-tuc/${article.slug}`, { headers: { 'accept-encoding': 'identity' } });
  const html = await response.text();
  const { page, close } = await openPage(served.browser, { javaScriptEnabled: false });
  await page.setContent(html);
  const url = `${site.base_url}/tin-tuc/${article.slug}`;
  const meta = (selector) => page.locator(selector).getAttribute('content');
  assert.equal(await page.locator('link[rel="canonical"]').getAttribute('href'), url);
  assert.equal(await meta('meta[property="og:type"]'), 'article');
  assert.equal(await meta('meta[property="og:url"]'), url);
  assert.equal(await meta('meta[property="og:title"]'), `${article.title} | ${site.name}`);
  assert.equal(await meta('meta[property="og:image"]'), site.base_url + article.image.src);
  const jsonLd = JSON.parse(await page.locator('script[type="application/ld+json"]').textContent());
  assert.equal(jsonLd['@type'], 'NewsArticle');
  assert.equal(jsonLd.headline, article.title);
  assert.equal(jsonLd.datePublished, article.date);
  await close();
});

test('the first picture on screen is asked for early; pictures further down wait until scrolled near', async () => {
  const { page, close } = await openPage(served.browser, { javaScriptEnabled: false });
  const article = await bundle(`tin-tuc/${home.featured.slug}.json`);
  for (const [path, first] of [
    ['/', '.featured img'],
    [`/tin-tuc/${article.slug}`, 'article > figure img'],
  ]) {
    await page.goto(served.server.url + path);
    const pictures = await page.locator('main img').evaluateAll((images, first) =>
      images.map((img) => ({
        first: img.matches(first),
        loading: img.getAttribute('loading'),
        priority: img.getAttribute('fetchpriority'),
      })), first);
    assert.equal(pictures.filter((p) => p.first).length, 1, `${path}: its first picture`);
    for (const picture of pictures) {
      if (picture.first) assert.deepEqual(picture, { first: true, loading: null, priority: 'high' }, path);
      else assert.deepEqual(picture, { first: false, loading: 'lazy', priority: null }, path);
    }
    assert.ok(pictures.length > 1, `${path} has pictures further down`);
  }
  await close();
});

test('with JavaScript off, an article can be read and its links followed', async () => {
  const { page, close } = await openPage(served.browser, { javaScriptEnabled: false });
  const article = await bundle(`tin-tuc/${home.featured.slug}.json`);
  await page.goto(`${served.server.url}/tin-tuc/${article.slug}`);
  assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), article.title);
  await page.getByText(article.lead).waitFor();
  assert.equal(await page.title(), `${article.title} | ${(await bundle('site.json')).name}`);
  assert.equal(
    await page.locator('meta[name="description"]').getAttribute('content'),
    article.lead,
  );
  await page.getByRole('navigation', { name: 'Đường dẫn' }).getByRole('link', { name: article.category.name }).click();
  await page.waitForURL(`**/chuyen-muc/${article.category.slug}`);
  assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), article.category.name);
  assert.ok(await page.getByRole('link', { name: article.title }).isVisible());
  await close();
});

test('the app takes over a prerendered page without redrawing it, then navigates in place', async () => {
  const { page, errors, close } = await openPage(served.browser);
  await page.addInitScript(() => {
    window.__removedElements = 0;
    window.__appStarted = false;
    addEventListener('TrunkApplicationStarted', () => { window.__appStarted = true; });
    new MutationObserver((records) => {
      for (const record of records) {
        for (const node of record.removedNodes) {
          if (node.nodeType === Node.ELEMENT_NODE) window.__removedElements += 1;
        }
      }
    }).observe(document, { childList: true, subtree: true });
  });
  const article = home.sections[0].articles[1];
  await page.goto(`${served.server.url}/tin-tuc/${article.slug}`);
  await page.waitForFunction(() => window.__appStarted);
  await page.waitForTimeout(300);
  assert.equal(await page.evaluate(() => window.__removedElements), 0, 'hydration removed elements');

  await page.evaluate(() => { window.__samePage = true; });
  await page.getByRole('navigation', { name: 'Menu chính' }).getByRole('link', { name: 'Trang chủ' }).click();
  await page.getByRole('region', { name: 'Tin nổi bật' }).waitFor();
  assert.equal(await page.evaluate(() => window.__samePage), true, 'navigation reloaded the page');
  assert.deepEqual(errors, []);
  await close();
});

/** Every address the page asked the network for, as it asks. */
function requestsOf(page) {
  const urls = [];
  page.on('request', (request) => urls.push(sitePath(request.url())));
  return urls;
}
const isApp = (path) => path.endsWith('.wasm') || /^\/bantin-web-.*\.js$/.test(path);

test('a reader who has not touched an article reads it without the app running; its files come once the page is idle; the first touch starts it', async () => {
  const { page, errors, close } = await openPage(served.browser, { untouched: true });
  const requested = requestsOf(page);
  const article = await bundle(`tin-tuc/${home.featured.slug}.json`);
  await page.goto(`${served.server.url}/tin-tuc/${article.slug}`);
  await page.waitForLoadState('networkidle');
  assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), article.title);
  assert.ok(await page.getByText(article.lead).isVisible());
  // Fetched and compiled while the reader reads, but not run.
  await page.waitForFunction(() => performance.getEntriesByType('resource').some((r) => r.name.endsWith('.wasm')));
  assert.equal(requested.filter((path) => path.endsWith('.wasm')).length, 1, requested.join(' '));
  assert.ok(requested.some((path) => /^\/bantin-web-.*\.js$/.test(path)), 'the app\'s glue came too');
  assert.equal(await page.evaluate(() => window.wasmBindings), undefined, 'the app ran before the reader did anything');
  assert.equal(await page.evaluate(() => navigator.serviceWorker.controller), null);

  await page.mouse.move(20, 20);
  await page.waitForFunction(() => window.wasmBindings !== undefined);
  // The touch used the compiled app: no second download.
  assert.equal(requested.filter((path) => path.endsWith('.wasm')).length, 1, requested.join(' '));
  // Now running: a link is followed in place.
  await page.evaluate(() => { window.__samePage = true; });
  await page.getByRole('navigation', { name: 'Đường dẫn' }).getByRole('link', { name: article.category.name }).click();
  await page.waitForURL(`**/chuyen-muc/${article.category.slug}`);
  assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), article.category.name);
  assert.equal(await page.evaluate(() => window.__samePage), true, 'the link reloaded the page');
  // The tab's icon is written in the page: not asked for at load, nor
  // again when the address changed.
  assert.match(await page.locator('link[rel="icon"]').getAttribute('href'), /^data:image\/svg\+xml,/);
  assert.ok(!requested.some((path) => path.includes('favicon')), requested.join(' '));
  assert.deepEqual(errors, []);
  await close();
});

test('a reader who asked to save data, or on 2G, gets no app files before the first touch', async () => {
  for (const connection of [{ saveData: true, effectiveType: '4g' }, { saveData: false, effectiveType: '2g' }]) {
    const { page, errors, close } = await openPage(served.browser, { untouched: true });
    await page.addInitScript((faked) => {
      Object.defineProperty(Navigator.prototype, 'connection', { get: () => faked });
    }, connection);
    const requested = requestsOf(page);
    await page.goto(`${served.server.url}/tin-tuc/${home.featured.slug}`);
    await page.waitForLoadState('networkidle');
    // Longer than an idle page waits before fetching the app.
    await page.waitForTimeout(3500);
    assert.deepEqual(requested.filter(isApp), [], `${JSON.stringify(connection)}: the app was fetched untouched`);
    await page.mouse.move(20, 20);
    await page.waitForFunction(() => window.wasmBindings !== undefined);
    assert.ok(requested.some((path) => path.endsWith('.wasm')));
    assert.deepEqual(errors, []);
    await close();
  }
});

test('a button pressed before the app runs does its work once the app runs', async () => {
  const { page, errors, close } = await openPage(served.browser, { untouched: true });
  await page.goto(`${served.server.url}/tin-tuc/${home.featured.slug}`);
  await page.waitForLoadState('networkidle');
  assert.equal(await page.evaluate(() => window.wasmBindings), undefined);
  // The press itself starts the app; the switch acts once it runs.
  await page.getByRole('button', { name: 'English' }).click();
  await page.waitForFunction(() => document.documentElement.lang === 'en');
  assert.ok(await page.getByRole('navigation', { name: 'Main menu' }).isVisible());
  assert.deepEqual(errors, []);
  await close();

  // A screen reader presses a button with a bare click: no pointer, no key.
  const assisted = await openPage(served.browser, { untouched: true });
  await assisted.page.goto(`${served.server.url}/tin-tuc/${home.featured.slug}`);
  await assisted.page.waitForLoadState('networkidle');
  await assisted.page.getByRole('button', { name: 'English' }).evaluate((button) => button.click());
  await assisted.page.waitForFunction(() => document.documentElement.lang === 'en');
  assert.deepEqual(assisted.errors, []);
  await assisted.close();
});

test('"A+" tapped on an untouched phone page makes the text one step larger, once, whether the app was fetched yet or not', async () => {
  // Tapped at once (the app not fetched yet) and after the page went idle
  // (fetched and compiled, not run): the tap starts the app, which replays
  // the press once.
  for (const idle of [0, 3500]) {
    const { page, errors, close } = await openPage(served.browser, {
      untouched: true,
      hasTouch: true,
      isMobile: true,
      viewport: { width: 390, height: 844 },
    });
    await page.goto(`${served.server.url}/tin-tuc/${home.featured.slug}`);
    await page.waitForTimeout(idle);
    const body = page.locator('.article-body');
    const size = () => body.evaluate((element) => parseFloat(getComputedStyle(element).fontSize));
    const usual = await size();
    await page.getByRole('button', { name: 'Tăng cỡ chữ' }).tap();
    await page.waitForFunction(() => window.wasmBindings !== undefined);
    await page.waitForFunction((before) => parseFloat(getComputedStyle(document.querySelector('.article-body')).fontSize) > before, usual);
    // Give a second replay the time to happen, had there been one.
    await page.waitForTimeout(500);
    assert.equal(await page.locator('.text-size-1').count() > 0, true, `idle ${idle} ms: one step larger`);
    assert.equal(await page.locator('.text-size-2').count(), 0, `idle ${idle} ms: pressed twice`);
    assert.equal(await page.evaluate(() => localStorage.getItem('bantin.text-size')), '1');
    assert.deepEqual(errors, []);
    await close();
  }
});

test('pages that need the app start it without waiting for the reader', async () => {
  const { page, errors, close } = await openPage(served.browser, { untouched: true });
  // Search results are found in the browser.
  const article = await bundle(`tin-tuc/${home.featured.slug}.json`);
  await page.goto(`${served.server.url}/tim-kiem?q=${encodeURIComponent(article.title)}`);
  await page.locator('.search-outcome').getByRole('link', { name: article.title }).first().waitFor();
  // An address with no prerendered page is drawn by the app from 404.html.
  await page.goto(`${served.server.url}/khong-co-trang-nay`);
  await page.waitForFunction(() => window.wasmBindings !== undefined);
  await page.getByRole('main').getByRole('heading', { name: 'Không tìm thấy trang' }).waitFor();
  // A reader who chose English gets it at once on the next page.
  await page.evaluate(() => localStorage.setItem('bantin.lang', 'en'));
  await page.goto(`${served.server.url}/tin-tuc/${article.slug}`);
  await page.waitForFunction(() => document.documentElement.lang === 'en');
  assert.deepEqual(errors.filter((e) => !e.includes('404')), []);
  await close();
});

test('every page points feed readers at the RSS and Atom feeds, which list the newest articles', async () => {
  const site = await bundle('site.json');
  const { page, close } = await openPage(served.browser);
  await page.goto(`${served.server.url}/tin-tuc/${home.featured.slug}`);
  const rssHref = await page.locator('link[rel="alternate"][type="application/rss+xml"]').getAttribute('href');
  const atomHref = await page.locator('link[rel="alternate"][type="application/atom+xml"]').getAttribute('href');
  await close();
  // Addresses as the page gives them (under the site's path, if any).
  const rss = await (await fetch(new URL(rssHref, served.server.url))).text();
  const atom = await (await fetch(new URL(atomHref, served.server.url))).text();
  // The featured article is the newest one; it heads both feeds.
  const firstLink = (xml, pattern) => xml.match(pattern)?.[1];
  const featured = `${site.base_url}/tin-tuc/${home.featured.slug}`;
  // Newest first across every category (same day: by address), as the feeds order them.
  const firsts = await Promise.all(site.categories.map((c) => bundle(`chuyen-muc/${c.slug}/1.json`)));
  const newest = firsts
    .flatMap((listing) => listing.articles)
    .sort((a, b) => b.date.localeCompare(a.date) || a.slug.localeCompare(b.slug))[0];
  assert.equal(firstLink(rss, /<item>\n<title>[^<]*<\/title>\n<link>([^<]+)<\/link>/), `${site.base_url}/tin-tuc/${newest.slug}`);
  assert.equal(firstLink(atom, /<entry>\n<title>[^<]*<\/title>\n<id>([^<]+)<\/id>/), `${site.base_url}/tin-tuc/${newest.slug}`);
  assert.ok(rss.includes(`<link>${featured}</link>`));
  const sitemap = await (await fetch(`${served.server.url}/sitemap.xml`)).text();
  assert.ok(sitemap.includes(`<loc>${featured}</loc>`));
  const robots = await (await fetch(`${served.server.url}/robots.txt`)).text();
  assert.ok(robots.includes(`Sitemap: ${site.base_url}/sitemap.xml`));
});
