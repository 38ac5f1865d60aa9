// A reader's walk through the built demo portal, in headless Chromium:
// home → a category → page 2 → an article → back → a bad address.
// Expected texts are read from the built bundles, so the test follows the
// content rather than repeating it.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { openPage } from './browser.mjs';
import { bundle, servedSite } from './harness.mjs';

const served = servedSite();
let site;
let home;

before(async () => {
  site = await bundle('site.json');
  home = await bundle('home.json');
});

const VI_DATE = /^(Thứ (Hai|Ba|Tư|Năm|Sáu|Bảy)|Chủ Nhật), \d{2}\/\d{2}\/\d{4}$/;

test('the home page shows the portal name, the featured article, every section and the footer', async () => {
  const { page, errors, close } = await openPage(served.browser);
  await page.goto(served.server.url + '/');
  await page.getByRole('link', { name: site.name }).waitFor();
  assert.equal(await page.locator('html').getAttribute('lang'), 'vi');
  const featured = page.getByRole('region', { name: 'Tin nổi bật' });
  await featured.getByRole('link', { name: home.featured.title }).waitFor();
  for (const section of home.sections.filter((s) => s.articles.length > 0)) {
    await page.getByRole('heading', { level: 2, name: section.category.name }).waitFor();
    await page.getByRole('link', { name: `Xem tất cả — ${section.category.name}` }).waitFor();
  }
  const footer = page.getByRole('contentinfo');
  await footer.getByText(`Cơ quan chủ quản: ${site.footer.agency}`).waitFor();
  await footer.getByRole('link', { name: site.footer.email }).waitFor();
  assert.equal(
    await footer.getByRole('link', { name: site.footer.phone }).getAttribute('href'),
    'tel:' + site.footer.phone.replace(/[^\d+]/g, ''),
  );
  assert.match(await page.title(), new RegExp(site.name));
  assert.deepEqual(errors, []);
  await close();
});

test('a reader follows a category, pages through it, reads an article and goes back', async () => {
  const { page, errors, close } = await openPage(served.browser);
  const category = site.categories[0];
  const page2 = await bundle(`chuyen-muc/${category.slug}/2.json`);
  await page.goto(served.server.url + '/');
  await page.getByRole('navigation', { name: 'Menu chính' }).getByRole('link', { name: category.name }).click();
  await page.getByRole('heading', { level: 1, name: category.name }).waitFor();
  assert.equal(new URL(page.url()).pathname, `/chuyen-muc/${category.slug}`);

  const pager = page.getByRole('navigation', { name: 'Phân trang' });
  assert.equal(await pager.locator('[aria-current="page"]').textContent(), '1');
  await pager.getByRole('link', { name: 'Trang sau' }).click();
  await page.waitForURL(`**/chuyen-muc/${category.slug}/trang/2`);
  const article = page2.articles[0];
  await page.getByRole('link', { name: article.title }).click();

  await page.getByRole('heading', { level: 1, name: article.title }).waitFor();
  assert.equal(new URL(page.url()).pathname, `/tin-tuc/${article.slug}`);
  assert.match((await page.locator('.article-date time').textContent()).trim(), VI_DATE);
  await page.getByRole('navigation', { name: 'Đường dẫn' }).getByRole('link', { name: category.name }).waitFor();
  assert.match(await page.title(), new RegExp(article.title));

  await page.goBack();
  await page.waitForURL(`**/chuyen-muc/${category.slug}/trang/2`);
  await page.getByRole('link', { name: article.title }).waitFor();
  assert.equal(await pager.locator('[aria-current="page"]').textContent(), '2');
  assert.deepEqual(errors, []);
  await close();
});

test('an article opened directly by its address shows its body, picture caption and author', async () => {
  const { page, errors, close } = await openPage(served.browser);
  const slug = home.featured.slug;
  const article = await bundle(`tin-tuc/${slug}.json`);
  await page.goto(`${served.server.url}/tin-tuc/${slug}`);
  await page.getByRole('heading', { level: 1, name: article.title }).waitFor();
  await page.getByText(article.lead).waitFor();
  await page.getByText(`Ảnh: ${article.caption}`).waitFor();
  await page.getByText(article.author, { exact: true }).waitFor();
  const image = page.getByRole('img', { name: article.image.alt });
  assert.equal(await image.getAttribute('width'), String(article.image.width));
  assert.deepEqual(errors, []);
  await close();
});

test('a bad address shows "Không tìm thấy trang" with a way home', async () => {
  const { page, errors, close } = await openPage(served.browser);
  await page.goto(served.server.url + '/khong-co-trang-nay');
  await page.getByRole('heading', { name: 'Không tìm thấy trang' }).waitFor();
  await page.getByRole('link', { name: 'Về trang chủ' }).click();
  await page.getByRole('region', { name: 'Tin nổi bật' }).waitFor();
  // The only console line allowed is the browser's own note of the 404.
  assert.deepEqual(errors.filter((e) => !e.includes('404')), []);
  await close();
});

test('an article that does not exist shows "Không tìm thấy trang", not a blank page', async () => {
  const { page, errors, close } = await openPage(served.browser);
  await page.goto(served.server.url + '/tin-tuc/bai-viet-khong-ton-tai');
  await page.getByRole('heading', { name: 'Không tìm thấy trang' }).waitFor();
  // The only console line allowed is the browser's own note of the 404.
  assert.deepEqual(errors.filter((e) => !e.includes('404')), []);
  await close();
});

test('an old address of an article offers a search for its words, which finds the article', async () => {
  const article = home.sections[0].articles.find((a) => a.slug.split('-').length >= 3);
  const words = article.slug.split('-').filter((w) => /[a-z]/.test(w)).join(' ');
  const { page, errors, close } = await openPage(served.browser);
  // As an old portal wrote its links: the same words, with a file ending.
  await page.goto(`${served.server.url}/tin-tuc/${article.slug}.html`);
  const alert = page.getByRole('alert');
  await alert.getByRole('heading', { name: 'Không tìm thấy trang' }).waitFor();
  // The offer needs the address the reader typed: it comes once live.
  const offer = alert.getByRole('link', { name: words, exact: true });
  await offer.waitFor();
  assert.match(await alert.textContent(), /Tìm bài viết theo các từ trong địa chỉ:/);
  await offer.click();
  await page.getByRole('heading', { level: 1, name: 'Tìm kiếm' }).waitFor();
  assert.equal(await page.locator('#search-text').inputValue(), words);
  await page.locator('.search-result-title a').first().waitFor();
  const titles = await page.locator('.search-result-title a').allTextContents();
  assert.equal(titles[0], article.title, `results: ${titles.join(' | ')}`);
  // An address without words (an old numbered link) offers no search.
  await page.goto(`${served.server.url}/tin-tuc/12345.aspx`);
  await page.getByRole('alert').getByRole('heading', { name: 'Không tìm thấy trang' }).waitFor();
  await page.waitForFunction(() => window.wasmBindings !== undefined);
  assert.equal(await page.getByText('Tìm bài viết theo các từ trong địa chỉ:').count(), 0);
  assert.deepEqual(errors.filter((e) => !e.includes('404')), []);
  await close();
});

test('a listing page number out of range shows the not-found view', async () => {
  const { page, close } = await openPage(served.browser);
  await page.goto(served.server.url + '/chuyen-muc/tin-tuc/trang/0');
  await page.getByRole('heading', { name: 'Không tìm thấy trang' }).waitFor();
  await close();
});
