// Huge data in the reader's browser: a 10 MB article and a listing of
// 10,000 items (bundles the CDN could serve after a careless import) open
// without a crash, show their first and last parts, and leave the app
// working.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { openPage } from './browser.mjs';
import { bundle, servedSite } from './harness.mjs';

const served = servedSite();
let home;

before(async () => {
  home = await bundle('home.json');
});

const waitLive = (page) => page.waitForFunction(() => window.wasmBindings !== undefined);

/** After the huge page, the app still moves home, with no error logged. */
async function stillMoves(page, errors, close) {
  await page.getByRole('navigation', { name: 'Menu chính' }).getByRole('link', { name: 'Trang chủ', exact: true }).click();
  await page.getByRole('region', { name: 'Tin nổi bật' }).waitFor();
  assert.deepEqual(errors, []);
  await close();
}

test('a 10 MB article opens in the app, first and last paragraphs shown', async () => {
  const summary = home.sections[0].articles[0];
  const path = `/data/tin-tuc/${summary.slug}.json`;
  const article = await bundle(`tin-tuc/${summary.slug}.json`);
  const paragraph = (n) => ({ type: 'paragraph', inlines: [{ type: 'text', text: `Đoạn ${n}: ${'Ủy ban nhân dân tỉnh tổ chức hội nghị. '.repeat(8)}` }] });
  const body = [];
  let size = 0;
  while (size < 10 * 1024 * 1024) {
    body.push(paragraph(body.length + 1));
    size += JSON.stringify(body.at(-1)).length;
  }
  const text = JSON.stringify({ ...article, body });
  assert.ok(text.length >= 10 * 1024 * 1024);
  const { page, errors, close } = await openPage(served.browser, { serviceWorkers: 'block' });
  served.server.setFault(path, { status: 200, body: text });
  try {
    await page.goto(served.server.url + '/');
    await waitLive(page);
    await page.getByRole('region', { name: 'Tin nổi bật' }).getByRole('link', { name: summary.title }).click();
    await page.getByRole('heading', { level: 1, name: summary.title }).waitFor({ timeout: 60_000 });
    const main = page.getByRole('main');
    await main.getByText(`Đoạn 1:`, { exact: false }).first().waitFor();
    await main.getByText(`Đoạn ${body.length}:`, { exact: false }).waitFor();
    assert.equal(await page.locator('.article-body > p').count(), body.length);
  } finally {
    served.server.setFault(path, null);
  }
  await stillMoves(page, errors, close);
});

test('a listing of 10,000 items opens in the app with every item linked', async () => {
  const category = home.sections[0].category;
  const path = `/data/chuyen-muc/${category.slug}/1.json`;
  const listing = await bundle(`chuyen-muc/${category.slug}/1.json`);
  const model = listing.articles[0];
  const articles = Array.from({ length: 10_000 }, (_, n) => ({ ...model, slug: `${model.slug}-${n}`, title: `Tin số ${n + 1}` }));
  const { page, errors, close } = await openPage(served.browser, { serviceWorkers: 'block' });
  served.server.setFault(path, { status: 200, body: JSON.stringify({ ...listing, total_articles: 10_000, articles }) });
  try {
    await page.goto(served.server.url + '/');
    await waitLive(page);
    await page.getByRole('navigation', { name: 'Menu chính' }).getByRole('link', { name: category.name, exact: true }).click();
    await page.getByRole('heading', { level: 1, name: category.name }).waitFor({ timeout: 60_000 });
    const main = page.getByRole('main');
    await main.getByRole('link', { name: 'Tin số 1', exact: true }).waitFor();
    await main.getByRole('link', { name: 'Tin số 10000', exact: true }).waitFor();
    assert.equal(await main.getByRole('link', { name: /^Tin số \d+$/ }).count(), 10_000);
  } finally {
    served.server.setFault(path, null);
  }
  await stillMoves(page, errors, close);
});
