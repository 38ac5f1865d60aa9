// Search as a reader uses it: the header box, results that follow typing,
// Vietnamese with and without diacritics (đ included), filters, paging,
// the back button. Expected results are computed here, independently of
// the app, by scanning the built site's article texts with a folding
// written in JavaScript.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { openPage } from './browser.mjs';
import { bundle, servedSite, SITE_DIR, sitePath } from './harness.mjs';

const served = servedSite();
let documents;

/** Vietnamese folding: marks dropped (NFD), đ → d, lower case. */
export const fold = (text) =>
  text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[đĐ]/g, 'd').toLowerCase();
const words = (text) => fold(text).split(/[^\p{L}\p{N}]+/u).filter(Boolean);

before(async () => {
  const manifest = await bundle('search.json');
  const folder = join(SITE_DIR, 'data', 'search', manifest.build, 'd');
  documents = [];
  for (const name of await readdir(folder)) {
    if (name.endsWith('.json')) documents.push(JSON.parse(await readFile(join(folder, name), 'utf8')));
  }
});

/** Articles whose words include every query word (the last as a prefix). */
function expected(query) {
  const wanted = words(query);
  const last = wanted.pop();
  return documents.filter((d) => {
    const have = words(`${d.title}\n${d.text}`);
    return wanted.every((w) => have.includes(w)) && have.some((w) => w.startsWith(last));
  });
}

const results = (page) => page.locator('.search-result-title a');

async function waitForResults(page, query) {
  await page.locator(`[data-query="${query.replace(/"/g, '\\"')}"]`).waitFor();
}

/** The search page, live, prompting for words. */
async function openSearch() {
  const opened = await openPage(served.browser);
  await opened.page.goto(served.server.url + '/tim-kiem');
  await opened.page.waitForFunction(() => window.wasmBindings !== undefined);
  await opened.page.getByText('Nhập từ khoá để tìm bài viết.').waitFor();
  return opened;
}

/** Answers of the addresses `matching` takes 700 ms more, as on a phone network. */
async function slowDown(page, matching) {
  await page.route(matching, async (route) => {
    await new Promise((ok) => setTimeout(ok, 700));
    // The page may have stopped waiting for it meanwhile.
    await route.continue().catch(() => {});
  });
}

/**
 * Searches "phu", and once it has asked for a file `coming` takes (slowed
 * down), types on to "phu nu" and waits for those results.
 */
async function replaceWhileComing(page, coming) {
  const box = page.locator('#search-text');
  const asked = page.waitForRequest((request) => coming(request.url()));
  await box.fill('phu');
  await asked;
  await box.fill('phu nu');
  await waitForResults(page, 'phu nu');
}

test('the header box finds articles written with diacritics from a query without them', async () => {
  const { page, errors, close } = await openPage(served.browser);
  await page.goto(served.server.url + '/');
  await page.waitForFunction(() => window.wasmBindings !== undefined);
  await page.evaluate(() => { window.__samePage = true; });
  const box = page.getByRole('search').first().getByRole('searchbox');
  await box.fill('duong');
  await box.press('Enter');
  await waitForResults(page, 'duong');
  assert.match(page.url(), /\/tim-kiem\?q=duong$/);
  assert.equal(await page.evaluate(() => window.__samePage), true, 'no page load');
  const want = expected('duong');
  assert.ok(want.length >= 3, 'the demo has several articles with đường or dương');
  assert.equal(await page.locator('.search-count').innerText(), `Số kết quả: ${want.length}`);
  const titles = await results(page).allInnerTexts();
  assert.deepEqual([...titles].sort(), want.map((d) => d.title).sort());
  // Highlighted words are the matched ones, with their diacritics.
  const marked = await page.locator('.search-results mark').allInnerTexts();
  assert.ok(marked.length > 0);
  for (const word of marked) assert.ok(fold(word).startsWith('duong'), word);
  assert.ok(marked.some((w) => /đường|dương/i.test(w)), marked.join(','));
  assert.deepEqual(errors, []);
  await close();
});

test('the index is not fetched at start-up; entering the box fetches its table of contents, once, before the query', async () => {
  const { page, errors, close } = await openPage(served.browser, { serviceWorkers: 'block' });
  const asked = [];
  page.on('request', (request) => {
    const path = sitePath(request.url());
    if (path.startsWith('/data/search')) asked.push(path);
  });
  await page.goto(served.server.url + '/');
  await page.waitForFunction(() => window.wasmBindings !== undefined);
  await page.waitForLoadState('networkidle');
  assert.deepEqual(asked, [], 'nothing of the index at start-up');
  const box = page.getByRole('search').first().getByRole('searchbox');
  await box.focus();
  await page.waitForResponse((response) => sitePath(response.url()) === '/data/search.json');
  assert.deepEqual(asked, ['/data/search.json']);
  await box.fill('duong');
  await box.press('Enter');
  await waitForResults(page, 'duong');
  assert.equal(asked.filter((p) => p === '/data/search.json').length, 1, asked.join(' '));
  assert.ok(asked.length > 1, 'the query fetched index files');
  assert.deepEqual(errors, []);
  await close();

  // A reader who enters the box first thing: the focus starts the app, and
  // the app, seeing the box entered, fetches the table of contents.
  const first = await openPage(served.browser, { serviceWorkers: 'block', untouched: true });
  await first.page.goto(served.server.url + '/');
  await first.page.waitForLoadState('networkidle');
  assert.equal(await first.page.evaluate(() => window.wasmBindings), undefined, 'the app ran untouched');
  const manifest = first.page.waitForResponse((response) => sitePath(response.url()) === '/data/search.json');
  await first.page.getByRole('search').first().getByRole('searchbox').focus();
  await manifest;
  assert.deepEqual(first.errors, []);
  await first.close();
});

test('results follow typing, the address follows, and back comes back to them', async () => {
  const { page, errors, close } = await openSearch();
  await page.evaluate(() => { window.__samePage = true; });
  const box = page.locator('#search-text');
  await box.pressSequentially('phu nu', { delay: 30 });
  await waitForResults(page, 'phu nu');
  assert.equal(await page.evaluate(() => window.__samePage), true);
  // The address follows the results drawn.
  await page.waitForURL(/q=phu%20nu$/);
  const want = expected('phu nu');
  const titles = await results(page).allInnerTexts();
  assert.equal(titles.length, want.length);
  // "phụ nữ" as whole words comes before "Phú … nuôi" found by prefix.
  const whole = documents.filter((d) => /phụ nữ/i.test(`${d.title}\n${d.text}`)).map((d) => d.title);
  assert.ok(whole.includes(titles[0]), titles[0]);
  const first = titles[0];
  await results(page).first().click();
  await page.getByRole('heading', { level: 1, name: first }).waitFor();
  await page.goBack();
  await waitForResults(page, 'phu nu');
  assert.equal(await page.locator('#search-text').inputValue(), 'phu nu');
  assert.equal((await results(page).allInnerTexts())[0], first);
  assert.deepEqual(errors, []);
  await close();
});

test('a word still being typed that no article has yet leaves the results of the words before it, and says so', async () => {
  const { page, errors, close } = await openSearch();
  // "t" is no word of any article; "phu nu" (whole words) is in several.
  assert.ok(!documents.some((d) => words(`${d.title}\n${d.text}`).includes('t')));
  const both = documents.filter((d) => ['phu', 'nu'].every((w) => words(`${d.title}\n${d.text}`).includes(w)));
  assert.ok(both.length > 0);
  await page.locator('#search-text').pressSequentially('phu nu t', { delay: 30 });
  await waitForResults(page, 'phu nu t');
  await page.getByText('Kết quả chưa tính “t”, từ bạn đang gõ dở.').waitFor();
  const shown = await results(page).allInnerTexts();
  assert.equal(shown.length, Math.min(10, both.length));
  assert.ok(shown.every((title) => both.some((d) => d.title === title)), shown.join(' | '));
  assert.equal(await page.locator('.search-count').innerText(), `Số kết quả: ${both.length}`);
  // Nothing in the results is marked for the word left out.
  assert.ok((await page.locator('.search-results mark').allInnerTexts()).every((w) => !/^t/i.test(w)));
  // One more letter and the word counts: the note goes.
  const narrowed = expected('phu nu ta');
  assert.ok(narrowed.length > 0 && narrowed.length < both.length);
  await page.locator('#search-text').pressSequentially('a', { delay: 30 });
  await waitForResults(page, 'phu nu ta');
  assert.equal(await page.locator('.search-left-out').count(), 0);
  assert.equal(await page.locator('.search-count').innerText(), `Số kết quả: ${narrowed.length}`);
  // A finished query that nothing matches still says nothing was found.
  await page.locator('#search-text').fill('phu nu t ');
  await waitForResults(page, 'phu nu t ');
  await page.getByText('Không tìm thấy bài viết nào phù hợp.').waitFor();
  assert.deepEqual(errors, []);
  await close();
});

test('the next key stops the search before it: its requests are aborted and its results never show', async () => {
  const { page, errors, close } = await openSearch();
  const isText = (url) => /\/data\/search\/[^/]+\/d\/\d+\.json$/.test(new URL(url).pathname);
  await slowDown(page, isText);
  const aborted = [];
  page.on('requestfailed', (request) => {
    if (isText(request.url())) aborted.push(request.failure()?.errorText);
  });
  await replaceWhileComing(page, isText);
  assert.ok(aborted.length > 0 && aborted.every((why) => /abort/i.test(why ?? '')), aborted.join(','));
  // Long after the first search's texts would have come, its results have
  // not replaced the newer ones.
  await page.waitForTimeout(1200);
  assert.equal(await page.locator('.search-outcome [data-query]').getAttribute('data-query'), 'phu nu');
  assert.equal(await results(page).count(), Math.min(10, expected('phu nu').length));
  assert.deepEqual(errors, []);
  await close();
});

test('index files asked for by a search the next key stopped still land when the next search needs them, and are asked for once', async () => {
  const { page, errors, close } = await openSearch();
  const isChunk = (url) => /\/data\/search\/[^/]+\/\d+\.bin$/.test(new URL(url).pathname);
  await slowDown(page, isChunk);
  const asked = [];
  const failed = [];
  page.on('request', (request) => {
    if (isChunk(request.url())) asked.push(sitePath(request.url()));
  });
  page.on('requestfailed', (request) => {
    if (isChunk(request.url())) failed.push(request.url());
  });
  await replaceWhileComing(page, isChunk);
  assert.deepEqual(failed, []);
  assert.ok(asked.length > 0);
  assert.equal(new Set(asked).size, asked.length, asked.join(','));
  assert.equal(await results(page).count(), Math.min(10, expected('phu nu').length));
  assert.deepEqual(errors, []);
  await close();
});

test('a deep link with Đ ranks the exact spelling first; the same words without marks find the same articles', async () => {
  const { page, errors, close } = await openPage(served.browser);
  await page.goto(served.server.url + '/tim-kiem?q=' + encodeURIComponent('Đảng'));
  await waitForResults(page, 'Đảng');
  const withMarks = await results(page).allInnerTexts();
  const exact = documents.filter((d) => /đảng/i.test(`${d.title}\n${d.text}`)).map((d) => d.title);
  assert.ok(exact.length >= 1);
  assert.deepEqual(withMarks.slice(0, exact.length).sort(), exact.sort());
  assert.equal(await page.locator('#search-text').inputValue(), 'Đảng');
  await page.goto(served.server.url + '/tim-kiem?q=dang');
  await waitForResults(page, 'dang');
  assert.deepEqual((await results(page).allInnerTexts()).sort(), [...withMarks].sort());
  assert.deepEqual(errors, []);
  await close();
});

test('filters by category and date narrow the results and go into the address', async () => {
  const { page, errors, close } = await openPage(served.browser);
  await page.goto(served.server.url + '/tim-kiem?q=' + encodeURIComponent('tỉnh'));
  await waitForResults(page, 'tỉnh');
  const site = await bundle('site.json');
  const notices = site.categories.find((c) => c.slug === 'thong-bao');
  // Folded away until asked for.
  assert.equal(await page.getByLabel('Chuyên mục').isVisible(), false);
  await page.getByText('Lọc kết quả', { exact: true }).click();
  await page.getByLabel('Chuyên mục').selectOption(notices.slug);
  await page.waitForURL(/chuyen-muc=thong-bao/);
  const want = expected('tỉnh').filter((d) => d.category.slug === notices.slug);
  assert.ok(want.length >= 1);
  await page.locator('.search-count', { hasText: new RegExp(`^Số kết quả: ${want.length}$`) }).waitFor();
  for (const meta of await page.locator('.search-result .card-meta').allInnerTexts()) {
    assert.ok(meta.endsWith(notices.name), meta);
  }
  const from = [...want].sort((a, b) => a.date.localeCompare(b.date)).at(-1).date;
  await page.getByLabel('Từ ngày').fill(from);
  await page.waitForURL(new RegExp(`tu=${from}`));
  const later = want.filter((d) => d.date >= from);
  await page.locator('.search-count', { hasText: new RegExp(`^Số kết quả: ${later.length}$`) }).waitFor();
  assert.deepEqual((await results(page).allInnerTexts()).sort(), later.map((d) => d.title).sort());
  assert.deepEqual(errors, []);
  await close();
});

test('on a phone the first results show on the first screen (the filters fold away); an address that filters opens the filters', async () => {
  const { page, errors, close } = await openPage(served.browser, { viewport: { width: 390, height: 844 } });
  await page.goto(served.server.url + '/tim-kiem?q=' + encodeURIComponent('tỉnh'));
  await waitForResults(page, 'tỉnh');
  // The first result whole (title, date, category, excerpt), and the
  // title of the next.
  const first = await page.locator('.search-result').first().boundingBox();
  assert.ok(first.y + first.height <= 844, `the first result ends at ${first.y + first.height} px`);
  const next = await results(page).nth(1).boundingBox();
  assert.ok(next.y + next.height <= 844, `the second title ends at ${next.y + next.height} px`);
  await page.goto(served.server.url + '/tim-kiem?q=' + encodeURIComponent('tỉnh') + '&chuyen-muc=thong-bao');
  await waitForResults(page, 'tỉnh');
  const category = page.getByLabel('Chuyên mục');
  await category.waitFor({ state: 'visible' });
  // The choices come with the search index's table of contents.
  await category.locator('option[value="thong-bao"]').waitFor({ state: 'attached' });
  assert.equal(await category.inputValue(), 'thong-bao');
  assert.deepEqual(errors, []);
  await close();
});

test('many results come in numbered pages', async () => {
  const { page, errors, close } = await openPage(served.browser);
  // "và" ("and") is in nearly every article.
  const want = expected('và ');
  assert.ok(want.length > 10, `${want.length} articles`);
  await page.goto(served.server.url + '/tim-kiem?q=' + encodeURIComponent('và '));
  await waitForResults(page, 'và ');
  assert.equal(await results(page).count(), 10);
  await page.getByRole('link', { name: 'Trang 2', exact: true }).click();
  await page.waitForURL(/trang=2/);
  await page.waitForFunction((n) => document.querySelectorAll('.search-result').length === n, want.length - 10);
  assert.deepEqual(errors, []);
  await close();
});

test('markup typed into the box is shown as text, and nothing found says so', async () => {
  const { page, errors, close } = await openPage(served.browser);
  const hostile = '<img src=x onerror="window.__xss=1">';
  await page.goto(served.server.url + '/tim-kiem?q=' + encodeURIComponent(hostile));
  await waitForResults(page, hostile);
  await page.getByText('Không tìm thấy bài viết nào phù hợp.').waitFor();
  assert.equal(await page.locator('#search-text').inputValue(), hostile);
  assert.equal(await page.evaluate(() => window.__xss), undefined);
  assert.equal(await page.locator('.content img[src="x"]').count(), 0);
  assert.deepEqual(errors, []);
  await close();
});
