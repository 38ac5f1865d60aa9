// Every part of the portal page and every reader control, used as a reader
// uses them: by role and visible text. Expected texts come from the built
// bundles, so the tests follow the content instead of repeating it.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { openPage } from './browser.mjs';
import { at, bundle, servedSite, SITE_DIR, sitePath } from './harness.mjs';

const served = servedSite();
let site;
let home;

before(async () => {
  site = await bundle('site.json');
  home = await bundle('home.json');
});

const VI_DATE = /(Thứ (Hai|Ba|Tư|Năm|Sáu|Bảy)|Chủ Nhật), \d{2}\/\d{2}\/\d{4}/;
/** Groups thousands with dots, as Vietnamese readers write numbers. */
const viNumber = (n) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
const live = (page) => page.waitForFunction(() => window.wasmBindings !== undefined);
const sidebarOf = (kind) => home.sidebar.find((s) => s.kind === kind);
/** The article of a kind with something to show (an attachment, a video…). */
async function articleWhere(predicate) {
  for (const section of [...home.sections, ...home.sidebar]) {
    for (const summary of section.articles) {
      const article = await bundle(`tin-tuc/${summary.slug}.json`);
      if (predicate(article)) return article;
    }
  }
  throw new Error('no such article in the demo content');
}

test('the home sidebar has "Thông báo", "Báo cáo - thống kê" and "Videos", each with "Xem tất cả"', async () => {
  const { page, errors, close } = await openPage(served.browser);
  await page.goto(served.server.url + '/');
  const sidebar = page.getByRole('complementary', { name: 'Thông tin khác' });
  for (const kind of ['announcements', 'documents', 'videos']) {
    const section = sidebarOf(kind);
    const block = sidebar.getByRole('region', { name: section.category.name });
    for (const item of section.articles) {
      await block.getByRole('link', { name: item.title }).waitFor();
    }
    assert.equal(
      await block.getByRole('link', { name: `Xem tất cả — ${section.category.name}` }).getAttribute('href'),
      at(`/chuyen-muc/${section.category.slug}`),
    );
  }
  const documents = sidebar.getByRole('region', { name: sidebarOf('documents').category.name });
  const withFile = sidebarOf('documents').articles.find((a) => a.attachment);
  const facts = await documents.getByRole('listitem').filter({ hasText: withFile.title }).textContent();
  assert.match(facts, new RegExp(`${withFile.attachment.format}, [\\d.,]+ (B|KB|MB) · `));
  assert.match(facts, VI_DATE);
  const videos = sidebar.getByRole('region', { name: sidebarOf('videos').category.name });
  assert.ok((await videos.locator('img.sidebar-poster').count()) >= 1, 'video posters are shown');
  assert.deepEqual(errors, []);
  await close();
});

test('an article has the same sidebar blocks beside it on a wide screen, after it on a phone, and none in print', async () => {
  const article = await articleWhere((a) => a.category.slug !== sidebarOf('announcements').category.slug);
  const notice = sidebarOf('announcements').articles[0];
  for (const viewport of [{ width: 1280, height: 900 }, { width: 390, height: 844 }]) {
    const { page, errors, close } = await openPage(served.browser, { viewport });
    await page.goto(`${served.server.url}/tin-tuc/${article.slug}`);
    const sidebar = page.getByRole('complementary', { name: 'Thông tin khác' });
    for (const kind of ['announcements', 'documents', 'videos']) {
      await sidebar.getByRole('region', { name: sidebarOf(kind).category.name }).waitFor();
    }
    const [heading, aside] = await Promise.all([
      page.getByRole('heading', { level: 1 }).evaluate((h) => h.getBoundingClientRect().toJSON()),
      sidebar.evaluate((a) => a.getBoundingClientRect().toJSON()),
    ]);
    if (viewport.width > 1000) {
      assert.ok(aside.left >= heading.right, `beside the article: ${JSON.stringify({ heading, aside })}`);
      assert.ok(aside.top < heading.bottom + 200, 'at the top of the page');
    } else {
      assert.ok(aside.top > heading.bottom, 'after the article on a phone');
    }
    // A sidebar link goes to its article inside the app.
    if (viewport.width > 1000) {
      await sidebar.getByRole('link', { name: notice.title }).click();
      await page.getByRole('heading', { level: 1, name: notice.title }).waitFor();
    }
    await page.emulateMedia({ media: 'print' });
    assert.equal(await sidebar.isVisible(), false, 'printing leaves the sidebar out');
    assert.deepEqual(errors, []);
    await close();
  }
  // Prerendered without it: a new notice must not change every article page.
  const html = await readFile(join(SITE_DIR, 'tin-tuc', article.slug, 'index.html'), 'utf8');
  assert.ok(html.includes(article.title) && !html.includes('class="sidebar"'));
});

test('an article shows its table, its file with type and size, its author last, related and previous/next', async () => {
  const article = await articleWhere((a) => a.attachments?.length && a.body.some((b) => b.type === 'table'));
  const { page, errors, close } = await openPage(served.browser);
  await page.goto(served.server.url + `/tin-tuc/${article.slug}`);
  const main = page.getByRole('main');
  await main.getByRole('heading', { level: 1, name: article.title }).waitFor();
  assert.match(await main.locator('time').first().textContent(), VI_DATE);
  const breadcrumb = main.getByRole('navigation', { name: 'Đường dẫn' });
  await breadcrumb.getByRole('link', { name: article.category.name }).waitFor();
  const table = main.getByRole('table');
  const head = article.body.find((b) => b.type === 'table').head.map((cell) => cell.map((i) => i.text).join(''));
  assert.deepEqual(await table.getByRole('columnheader').allTextContents(), head);
  const file = article.attachments[0];
  const download = main.getByRole('link', { name: file.title });
  assert.equal(await download.getAttribute('href'), at(file.href));
  assert.match(await download.locator('xpath=..').textContent(), new RegExp(`\\(${file.format}, \\d+([.,]\\d)? (B|KB|MB)\\)`));
  const response = await page.request.get(served.server.url + file.href);
  assert.equal(response.status(), 200, 'the file is shipped');
  // The author closes the article, as Vietnamese portals print it.
  const lastParagraph = await main.locator('article > p').last().textContent();
  assert.ok(lastParagraph.includes(article.author) || (await main.locator('.article-author').textContent()) === article.author);
  const related = main.getByRole('region', { name: 'Tin liên quan' });
  for (const summary of article.related) await related.getByRole('link', { name: summary.title }).waitFor();
  const neighbours = main.getByRole('navigation', { name: 'Bài trước / Bài tiếp theo' });
  const target = article.previous ?? article.next;
  await neighbours.getByRole('link', { name: new RegExp(target.title) }).click();
  await page.getByRole('heading', { level: 1, name: target.title }).waitFor();
  assert.equal(sitePath(page.url()), `/tin-tuc/${target.slug}`);
  assert.deepEqual(errors, []);
  await close();
});

test('share: copy link says so, Facebook and Zalo links carry the address, the share sheet appears where it exists', async () => {
  const article = home.sections[0].articles[0];
  const { page, errors, close } = await openPage(served.browser, { permissions: ['clipboard-read', 'clipboard-write'] });
  await page.addInitScript(() => {
    window.__shared = null;
    navigator.share = (data) => {
      window.__shared = data;
      return Promise.resolve();
    };
  });
  await page.goto(served.server.url + `/tin-tuc/${article.slug}`);
  await live(page);
  const share = page.getByRole('group', { name: 'Chia sẻ' });
  const canonical = `${site.base_url}/tin-tuc/${article.slug}`;
  assert.equal(
    await share.getByRole('link', { name: 'Facebook' }).getAttribute('href'),
    `https://www.facebook.com/sharer/sharer.php?u=${encodeURIComponent(canonical)}`,
  );
  assert.ok((await share.getByRole('link', { name: 'Zalo' }).getAttribute('href')).endsWith(encodeURIComponent(canonical)));
  await share.getByRole('button', { name: 'Sao chép liên kết' }).click();
  await share.getByRole('status').filter({ hasText: 'Đã sao chép liên kết' }).waitFor();
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), page.url());
  await share.getByRole('button', { name: 'Chia sẻ qua…' }).click();
  await page.waitForFunction(() => window.__shared !== null);
  assert.equal((await page.evaluate(() => window.__shared)).url, canonical);
  assert.deepEqual(errors, []);
  await close();
});

test('no share-sheet button where the browser has none', async () => {
  const article = home.sections[0].articles[0];
  const { page, close } = await openPage(served.browser);
  await page.addInitScript(() => {
    delete Navigator.prototype.share;
  });
  await page.goto(served.server.url + `/tin-tuc/${article.slug}`);
  await live(page);
  await page.getByRole('button', { name: 'Sao chép liên kết' }).waitFor();
  assert.equal(await page.getByRole('button', { name: 'Chia sẻ qua…' }).count(), 0);
  await close();
});

test('A− A A+ change the article text size, and the choice is kept for the next visit', async () => {
  const article = home.sections[0].articles[0];
  const { page, errors, close } = await openPage(served.browser);
  await page.goto(served.server.url + `/tin-tuc/${article.slug}`);
  await live(page);
  const body = page.locator('.article-body p').first();
  const size = async () => parseFloat(await body.evaluate((p) => getComputedStyle(p).fontSize));
  const usual = await size();
  const larger = page.getByRole('button', { name: 'Tăng cỡ chữ' });
  await larger.click();
  await larger.click();
  assert.ok((await size()) > usual, 'A+ makes the text larger');
  await page.reload();
  await live(page);
  await page.waitForFunction((u) => parseFloat(getComputedStyle(document.querySelector('.article-body p')).fontSize) > u, usual);
  await page.getByRole('button', { name: 'Cỡ chữ mặc định' }).click();
  assert.equal(await size(), usual);
  const smaller = page.getByRole('button', { name: 'Giảm cỡ chữ' });
  await smaller.click();
  assert.ok((await size()) < usual, 'A− makes the text smaller');
  assert.ok(await smaller.isDisabled(), 'A− stops at the smallest size');
  assert.deepEqual(errors, []);
  await close();
});

test('"Nghe đọc bài" reads the article in Vietnamese where a vi-VN voice exists, and is hidden otherwise', async () => {
  const article = home.sections[0].articles[0];
  const { page, errors, close } = await openPage(served.browser);
  await page.addInitScript(() => {
    window.__spoken = [];
    const synth = {
      speaking: false,
      getVoices: () => [{ lang: 'en-US', name: 'English' }, { lang: 'vi-VN', name: 'Tiếng Việt' }],
      speak(utterance) {
        window.__spoken.push({ text: utterance.text, lang: utterance.lang });
      },
      cancel() {},
      addEventListener() {},
    };
    Object.defineProperty(window, 'speechSynthesis', { value: synth });
  });
  await page.goto(served.server.url + `/tin-tuc/${article.slug}`);
  await live(page);
  await page.getByRole('button', { name: 'Nghe đọc bài' }).click();
  await page.getByRole('button', { name: 'Dừng đọc' }).waitFor();
  const spoken = await page.evaluate(() => window.__spoken);
  assert.equal(spoken.length, 1);
  assert.equal(spoken[0].lang, 'vi-VN');
  assert.ok(spoken[0].text.startsWith(article.title), spoken[0].text.slice(0, 80));
  await page.getByRole('button', { name: 'Dừng đọc' }).click();
  await page.getByRole('button', { name: 'Nghe đọc bài' }).waitFor();
  assert.deepEqual(errors, []);
  await close();

  const english = await openPage(served.browser);
  await english.page.addInitScript(() => {
    const synth = { getVoices: () => [{ lang: 'en-US' }], speak() {}, cancel() {}, addEventListener() {} };
    Object.defineProperty(window, 'speechSynthesis', { value: synth });
  });
  await english.page.goto(served.server.url + `/tin-tuc/${article.slug}`);
  await live(english.page);
  await english.page.getByRole('button', { name: 'Tăng cỡ chữ' }).waitFor();
  assert.equal(await english.page.getByRole('button', { name: 'Nghe đọc bài' }).count(), 0);
  await english.close();
});

test('the English switch changes the interface, <html lang> and dates, not the content, and is remembered', async () => {
  const article = home.sections[0].articles[0];
  const { page, errors, close } = await openPage(served.browser);
  await page.goto(served.server.url + `/tin-tuc/${article.slug}`);
  await live(page);
  await page.getByRole('button', { name: 'English' }).click();
  await page.getByRole('navigation', { name: 'Main menu' }).waitFor();
  assert.equal(await page.locator('html').getAttribute('lang'), 'en');
  await page.getByRole('heading', { level: 1, name: article.title }).waitFor();
  assert.match(await page.locator('.article-date time').textContent(), /^(Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day, \d{2}\/\d{2}\/\d{4}$/);
  await page.getByRole('button', { name: 'Larger text' }).waitFor();
  await page.reload();
  await live(page);
  await page.getByRole('navigation', { name: 'Main menu' }).waitFor();
  assert.equal(await page.locator('html').getAttribute('lang'), 'en');
  await page.getByRole('button', { name: 'Tiếng Việt' }).click();
  await page.getByRole('navigation', { name: 'Menu chính' }).waitFor();
  assert.equal(await page.locator('html').getAttribute('lang'), 'vi');
  assert.deepEqual(errors, []);
  await close();
});

test('the visitor counter reads "Lượt truy cập — Tất cả" from the stats file', async () => {
  const stats = JSON.parse(await readFile(join(SITE_DIR, 'data', 'stats.json'), 'utf8'));
  const { page, errors, close } = await openPage(served.browser);
  await page.goto(served.server.url + '/');
  const counter = page.getByRole('contentinfo').getByRole('region', { name: 'Lượt truy cập' });
  await counter.getByText(`Tất cả: ${viNumber(stats.total)}`).waitFor();
  await counter.getByText(`Hôm nay: ${viNumber(stats.today)}`).waitFor();
  assert.deepEqual(errors, []);
  await close();
  // A counter that cannot be read: see faults.test.mjs.
});

test('the footer links other government portals, the static pages and the site map', async () => {
  const { page, errors, close } = await openPage(served.browser);
  await page.goto(served.server.url + '/');
  const footer = page.getByRole('contentinfo');
  const portals = footer.getByRole('navigation', { name: 'Liên kết cổng thông tin' });
  for (const portal of site.portals) {
    assert.equal(await portals.getByRole('link', { name: portal.label }).getAttribute('href'), portal.href);
  }
  await footer.getByText(`Đơn vị quản lý: ${site.footer.managing_unit}`).waitFor();
  await footer.getByText(site.footer.licence).waitFor();
  await footer.getByText(site.footer.republication_notice).waitFor();
  assert.equal(await footer.getByRole('link', { name: site.footer.fax }).getAttribute('href'), 'tel:' + site.footer.fax.replace(/[^\d+]/g, ''));
  await footer.getByRole('link', { name: 'Sơ đồ trang' }).click();
  const main = page.getByRole('main');
  await main.getByRole('heading', { level: 1, name: 'Sơ đồ trang' }).waitFor();
  for (const category of site.categories) await main.getByRole('link', { name: category.name, exact: true }).waitFor();
  for (const p of site.pages) await main.getByRole('link', { name: p.title, exact: true }).waitFor();
  assert.deepEqual(errors, []);
  await close();
});

test('"Liên hệ" lists the organisation and its named contact officials with phone and email links', async () => {
  const contact = await bundle('trang/lien-he.json');
  const about = await bundle('trang/gioi-thieu.json');
  const { page, errors, close } = await openPage(served.browser);
  await page.goto(served.server.url + '/');
  await page.getByRole('navigation', { name: 'Menu chính' }).getByRole('link', { name: about.title }).click();
  await page.getByRole('heading', { level: 1, name: about.title }).waitFor();
  await page.getByText(about.lead).waitFor();
  await page.getByRole('navigation', { name: 'Menu chính' }).getByRole('link', { name: contact.title }).click();
  const officials = page.getByRole('region', { name: 'Cán bộ đầu mối' });
  for (const person of contact.contacts) {
    const card = officials.getByRole('listitem').filter({ has: page.getByRole('heading', { name: person.name }) });
    await card.getByText(person.role).waitFor();
    assert.equal(await card.getByRole('link', { name: person.phone }).getAttribute('href'), 'tel:' + person.phone.replace(/[^\d+]/g, ''));
    assert.equal(await card.getByRole('link', { name: person.email }).getAttribute('href'), 'mailto:' + person.email);
  }
  assert.match(await page.title(), new RegExp(`^${contact.title} \\| `));
  assert.deepEqual(errors, []);
  await close();
});

test('a video page plays the file with its poster and captions; a YouTube video plays through youtube-nocookie', async () => {
  const hosted = await articleWhere((a) => a.video?.src);
  const youtube = await articleWhere((a) => a.video?.youtube);
  const { page, errors, close } = await openPage(served.browser);
  await page.goto(served.server.url + `/chuyen-muc/${sidebarOf('videos').category.slug}`);
  await page.getByRole('link', { name: hosted.title }).click();
  const video = page.locator('video');
  await video.waitFor();
  assert.equal(await video.getAttribute('poster'), at(hosted.video.poster));
  assert.equal(await video.locator('source').getAttribute('src'), at(hosted.video.src));
  const track = video.locator('track');
  assert.equal(await track.getAttribute('kind'), 'captions');
  assert.equal(await track.getAttribute('srclang'), 'vi');
  assert.equal(await track.getAttribute('src'), at(hosted.video.captions));
  const playable = await video.evaluate((v) => new Promise((resolve) => {
    v.addEventListener('loadedmetadata', () => resolve(v.duration), { once: true });
    v.addEventListener('error', () => resolve(-1), { once: true });
    v.load();
  }));
  assert.ok(playable > 0, 'the shipped video file loads');
  await page.goto(served.server.url + `/tin-tuc/${youtube.slug}`);
  const frame = page.locator(`iframe[title="${youtube.video.title}"]`);
  assert.equal(await frame.getAttribute('src'), `https://www.youtube-nocookie.com/embed/${youtube.video.youtube}`);
  await page.getByText(`Thời lượng: ${youtube.video.duration}`).waitFor();
  assert.deepEqual(errors.filter((e) => !/youtube-nocookie|ERR_/.test(e)), []);
  await close();
});

test('the documents listing shows each file type and size, and listings page by number', async () => {
  const documents = sidebarOf('documents').category;
  const listing = await bundle(`chuyen-muc/${documents.slug}/1.json`);
  const { page, errors, close } = await openPage(served.browser);
  await page.goto(served.server.url + `/chuyen-muc/${documents.slug}`);
  await page.getByRole('heading', { level: 1, name: documents.name }).waitFor();
  for (const summary of listing.articles.filter((a) => a.attachment)) {
    const card = page.getByRole('article').filter({ has: page.getByRole('link', { name: summary.title }) });
    assert.match(await card.textContent(), new RegExp(` · ${summary.attachment.format}, `));
  }
  assert.deepEqual(errors, []);
  await close();
});

test('after a click the new page heading has the focus; back returns to the same scroll position', async () => {
  const { page, errors, close } = await openPage(served.browser, { viewport: { width: 1280, height: 600 } });
  await page.goto(served.server.url + '/');
  await live(page);
  const section = home.sections[0];
  const link = page.getByRole('link', { name: `Xem tất cả — ${section.category.name}` });
  await link.scrollIntoViewIfNeeded();
  const before = await page.evaluate(() => window.scrollY);
  assert.ok(before > 100, 'the link is below the fold');
  await link.click();
  await page.getByRole('heading', { level: 1, name: section.category.name }).waitFor();
  await page.waitForFunction(() => document.activeElement?.tagName === 'H1');
  assert.equal(await page.evaluate(() => document.activeElement.textContent), section.category.name);
  assert.ok((await page.evaluate(() => window.scrollY)) < 50, 'a new page starts at the top');
  await page.goBack();
  await page.waitForFunction((y) => Math.abs(window.scrollY - y) < 5, before);
  assert.deepEqual(errors, []);
  await close();
});

test('pointing at a link fetches its article before the click', async () => {
  const article = home.sections[0].articles[1];
  const { page, close } = await openPage(served.browser);
  await page.goto(served.server.url + '/');
  await live(page);
  const request = page.waitForRequest((r) => r.url().endsWith(`/data/tin-tuc/${article.slug}.json`));
  await page.getByRole('main').getByRole('link', { name: article.title }).first().hover();
  await request;
  await close();
});

test('a click while the pointed-at article is still arriving waits for that answer instead of asking again', async () => {
  const article = home.sections[0].articles[2];
  const path = `/data/tin-tuc/${article.slug}.json`;
  const { page, errors, close } = await openPage(served.browser, { serviceWorkers: 'block' });
  await page.goto(served.server.url + '/');
  await live(page);
  const asked = [];
  page.on('request', (r) => {
    if (sitePath(r.url()) === path) asked.push(Date.now());
  });
  served.server.setFault(path, { delay: 1500 });
  try {
    const link = page.getByRole('main').getByRole('link', { name: article.title }).first();
    await link.hover();
    await page.waitForTimeout(300);
    await link.click();
    await page.getByRole('heading', { level: 1, name: article.title }).waitFor();
  } finally {
    served.server.setFault(path, null);
  }
  assert.equal(asked.length, 1, `the bundle was asked for ${asked.length} times`);
  assert.deepEqual(errors, []);
  await close();
});

test('keyboard only: the skip link leads to the content, and links and buttons show a focus ring', async () => {
  const { page, close } = await openPage(served.browser);
  await page.goto(served.server.url + '/');
  await live(page);
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Bỏ qua, đến nội dung chính' });
  assert.ok(await skip.evaluate((a) => a === document.activeElement), 'the first Tab reaches the skip link');
  assert.ok((await skip.boundingBox()).y >= 0, 'the focused skip link is on screen');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => location.hash === '#noi-dung');
  await page.keyboard.press('Tab');
  const ring = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
  assert.notEqual(ring, 'none');
  await close();
});

test('printing leaves the article alone with its address', async () => {
  const article = home.sections[0].articles[0];
  const { page, close } = await openPage(served.browser);
  await page.goto(served.server.url + `/tin-tuc/${article.slug}`);
  await live(page);
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.getByRole('banner').isVisible(), false);
  assert.equal(await page.getByRole('contentinfo').isVisible(), false);
  assert.equal(await page.getByRole('group', { name: 'Chia sẻ' }).isVisible(), false);
  await page.getByText(`Nguồn: ${site.base_url}/tin-tuc/${article.slug}`).waitFor({ state: 'visible' });
  await close();
});

test('from 320 px wide to a wide screen nothing scrolls sideways', async () => {
  const article = await articleWhere((a) => a.body.some((b) => b.type === 'table'));
  for (const width of [320, 768, 1600]) {
    const { page, close } = await openPage(served.browser, { viewport: { width, height: 800 } });
    for (const path of ['/', `/tin-tuc/${article.slug}`, '/trang/lien-he']) {
      await page.goto(served.server.url + path);
      await live(page);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      assert.ok(overflow <= 0, `${path} at ${width}px overflows by ${overflow}px`);
    }
    await close();
  }
});

test('the search box and the language switch share one row: beside the name on a wide screen, under it on a phone', async () => {
  for (const [width, besideName] of [[390, false], [1280, true]]) {
    const { page, errors, close } = await openPage(served.browser, { viewport: { width, height: 800 } });
    await page.goto(served.server.url + '/');
    await live(page);
    const box = (locator) => locator.evaluate((e) => e.getBoundingClientRect().toJSON());
    const [name, search, english] = await Promise.all([
      box(page.getByRole('banner').getByRole('link', { name: site.name })),
      box(page.getByRole('search')),
      box(page.getByRole('button', { name: 'English' })),
    ]);
    const sameRow = (a, b) => a.top < b.bottom && b.top < a.bottom;
    assert.ok(sameRow(search, english), `at ${width} px: ${JSON.stringify({ search, english })}`);
    assert.ok(english.left >= search.right, `at ${width} px: the switch follows the box`);
    assert.equal(sameRow(name, search), besideName, `at ${width} px: ${JSON.stringify({ name, search })}`);
    // The search box keeps room to type in.
    const input = await box(page.getByRole('searchbox', { name: 'Tìm kiếm' }));
    assert.ok(input.width >= 140, `at ${width} px the box is ${input.width} px wide`);
    assert.deepEqual(errors, []);
    await close();
  }
});

test('the menu marks where the reader is (an article: its category); on a phone it is one row that scrolls sideways to that item', async () => {
  const menu = (page) => page.getByRole('navigation', { name: 'Menu chính' });
  const menuLink = (page, label) => menu(page).getByRole('link', { name: label, exact: true });
  const first = site.menu[0];
  const last = site.menu[site.menu.length - 1];
  const news = site.menu.find((item) => item.href.startsWith('/chuyen-muc/'));
  // A reader who has not touched the page yet: the app is not running.
  const phone = await openPage(served.browser, { viewport: { width: 390, height: 800 }, untouched: true });
  await phone.page.goto(served.server.url + last.href);
  await phone.page.waitForLoadState('networkidle');
  assert.equal(await phone.page.evaluate(() => window.wasmBindings), undefined);
  const boxes = await menu(phone.page).getByRole('listitem').evaluateAll((items) =>
    items.map((item) => item.getBoundingClientRect().toJSON()));
  assert.equal(new Set(boxes.map((box) => Math.round(box.top))).size, 1, 'one row');
  assert.ok(
    await menu(phone.page).getByRole('list').evaluate((list) => list.scrollWidth > list.clientWidth),
    'the row is wider than the phone: it scrolls',
  );
  // The last item, the page shown, was brought into view; the first went.
  const shown = await menuLink(phone.page, last.label).evaluate((link) => {
    const row = link.closest('ul').getBoundingClientRect();
    const item = link.getBoundingClientRect();
    return item.left >= row.left && item.right <= row.right;
  });
  assert.ok(shown, `"${last.label}" is in view`);
  assert.equal(await menuLink(phone.page, last.label).getAttribute('aria-current'), 'page');
  assert.equal(await menuLink(phone.page, first.label).getAttribute('aria-current'), null);
  // Moving in the app moves the mark.
  await phone.page.mouse.move(5, 300);
  await live(phone.page);
  const markedAs = (page, label, value) =>
    menu(page).locator(`a[aria-current="${value}"]`).filter({ hasText: label }).waitFor();
  await menuLink(phone.page, first.label).click();
  await markedAs(phone.page, first.label, 'page');
  await phone.page.waitForURL(served.server.url + first.href);
  assert.equal(await menuLink(phone.page, last.label).getAttribute('aria-current'), null);
  assert.deepEqual(phone.errors, []);
  await phone.close();

  // A wide screen shows the whole menu; a listing's later page marks its
  // category as the section the reader is in.
  const wide = await openPage(served.browser, { viewport: { width: 1280, height: 800 } });
  await wide.page.goto(served.server.url + `${news.href}/trang/2`);
  await live(wide.page);
  assert.ok(await menu(wide.page).getByRole('list').evaluate((list) => list.scrollWidth <= list.clientWidth));
  assert.equal(await menuLink(wide.page, news.label).getAttribute('aria-current'), 'true');
  // An article marks its category's item, once live; a subcategory's
  // listing marks its parent's. Leaving takes the mark away.
  const announcements = sidebarOf('announcements');
  const item = site.menu.find((i) => i.href === `/chuyen-muc/${announcements.category.slug}`);
  await wide.page.goto(served.server.url + `/tin-tuc/${announcements.articles[0].slug}`);
  await live(wide.page);
  await markedAs(wide.page, item.label, 'true');
  await menuLink(wide.page, first.label).click();
  await markedAs(wide.page, first.label, 'page');
  assert.equal(await menuLink(wide.page, item.label).getAttribute('aria-current'), null);
  const child = site.categories.find((c) => c.parent);
  const parentItem = site.menu.find((i) => i.href === `/chuyen-muc/${child.parent}`);
  await wide.page.goto(served.server.url + `/chuyen-muc/${child.slug}`);
  await live(wide.page);
  await markedAs(wide.page, parentItem.label, 'true');
  assert.deepEqual(wide.errors, []);
  await wide.close();
});

test('an announcement past its last day leaves the home sidebar, is marked in its listing and says so on its page', async () => {
  const announcements = sidebarOf('announcements').category;
  const listing = await bundle(`chuyen-muc/${announcements.slug}/1.json`);
  const expired = listing.articles.find((a) => a.expired);
  const current = listing.articles.find((a) => !a.expired);
  assert.ok(expired && current, 'the demo content has an expired and a current announcement');
  const { expires } = await bundle(`tin-tuc/${expired.slug}.json`);
  const { page, errors, close } = await openPage(served.browser);
  await page.goto(served.server.url + '/');
  const block = page
    .getByRole('complementary', { name: 'Thông tin khác' })
    .getByRole('region', { name: announcements.name });
  await block.getByRole('link', { name: current.title }).waitFor();
  assert.equal(await block.getByRole('link', { name: expired.title }).count(), 0, 'not on the home page');

  await page.goto(served.server.url + `/chuyen-muc/${announcements.slug}`);
  const card = (title) => page.locator('article.card').filter({ hasText: title });
  assert.match(await card(expired.title).textContent(), /· Đã hết hạn/);
  assert.doesNotMatch(await card(current.title).textContent(), /hết hạn/);

  await live(page);
  await page.getByRole('link', { name: expired.title }).click();
  await page.getByRole('heading', { level: 1, name: expired.title }).waitFor();
  const [year, month, day] = expires.split('-');
  const notice = await page.locator('.article-validity').textContent();
  assert.match(notice, new RegExp(`^Thông báo này đã hết hiệu lực sau ngày .*, ${day}/${month}/${year}\\.$`));
  assert.match(notice, VI_DATE);
  assert.deepEqual(errors, []);
  await close();
});

test('a subcategory: its parent lists its articles and links to it, and breadcrumbs name both', async () => {
  const child = site.categories.find((c) => c.parent);
  const parent = site.categories.find((c) => c.slug === child.parent);
  const parentListing = await bundle(`chuyen-muc/${parent.slug}/1.json`);
  const fromChild = parentListing.articles.find((a) => a.category.slug === child.slug);
  assert.ok(fromChild, 'the first page of the parent shows an article of the subcategory');
  const { page, errors, close } = await openPage(served.browser);
  const crumbs = () =>
    page.getByRole('navigation', { name: 'Đường dẫn' }).getByRole('listitem').allTextContents();

  await page.goto(served.server.url + `/chuyen-muc/${parent.slug}`);
  await page.getByRole('heading', { level: 2, name: fromChild.title }).waitFor();
  const links = page.getByRole('navigation', { name: 'Chuyên mục con' });
  await live(page);
  await links.getByRole('link', { name: child.name }).click();
  await page.getByRole('heading', { level: 1, name: child.name }).waitFor();
  assert.deepEqual(await crumbs(), ['Trang chủ', parent.name, child.name]);

  await page.getByRole('link', { name: fromChild.title }).click();
  await page.getByRole('heading', { level: 1, name: fromChild.title }).waitFor();
  assert.deepEqual(await crumbs(), ['Trang chủ', parent.name, child.name]);
  // The parent crumb leads back up, in the app.
  await page.getByRole('navigation', { name: 'Đường dẫn' }).getByRole('link', { name: parent.name }).click();
  await page.getByRole('heading', { level: 1, name: parent.name }).waitFor();
  // The site map lists the subcategory under its parent.
  await page.goto(served.server.url + '/so-do-trang');
  await live(page);
  const under = await page.evaluate((name) => {
    const link = [...document.querySelectorAll('.site-map-tree a')].find((a) => a.textContent === name);
    return [...(link?.parentElement.querySelectorAll(':scope > ul a') ?? [])].map((a) => a.textContent);
  }, parent.name);
  assert.deepEqual(under, [child.name]);
  assert.deepEqual(errors, []);
  await close();
});

test('a photo comes as the WebP copy the screen needs: small on a phone, sharper on a wide screen, never the original', async () => {
  const article = await articleWhere((a) => (a.image?.variants ?? []).length > 1);
  const copies = article.image.variants;
  const pictureLoaded = (page) =>
    page.waitForFunction(() => {
      const img = document.querySelector('.article figure img');
      return img && img.complete && img.naturalWidth > 0;
    });
  for (const [viewport, expected] of [
    [{ width: 390, height: 844 }, copies[0]],
    [{ width: 1280, height: 900 }, copies[1]],
  ]) {
    const { page, errors, close } = await openPage(served.browser, { viewport });
    const requested = [];
    page.on('request', (request) => requested.push(sitePath(request.url())));
    await page.goto(`${served.server.url}/tin-tuc/${article.slug}`);
    await pictureLoaded(page);
    const shown = await page.locator('.article figure img').evaluate((img) => ({
      src: img.currentSrc,
      alt: img.alt,
    }));
    shown.src = sitePath(shown.src);
    assert.equal(shown.src, expected.src, `at ${viewport.width} px`);
    assert.equal(shown.alt, article.image.alt);
    const [copy, original] = await Promise.all(
      [expected.src, article.image.src].map(async (src) => (await readFile(join(SITE_DIR, src))).length),
    );
    assert.ok(copy * 4 < original, `copy ${copy} B, original ${original} B`);
    assert.ok(!requested.includes(article.image.src), `the original was fetched at ${viewport.width} px`);
    const type = await page.evaluate(async (src) => (await fetch(src)).headers.get('content-type'), at(expected.src));
    assert.match(type, /image\/webp/);
    assert.deepEqual(errors, []);
    await close();
  }
  // Without JavaScript the prerendered page offers the same copies.
  const { page, close } = await openPage(served.browser, { javaScriptEnabled: false, viewport: { width: 390, height: 844 } });
  await page.goto(`${served.server.url}/tin-tuc/${article.slug}`);
  const srcset = await page.locator('.article figure source[type="image/webp"]').getAttribute('srcset');
  assert.equal(srcset, copies.map((c) => `${at(c.src)} ${c.width}w`).join(', '));
  await close();
});

test('a card shows its photo as a thumbnail beside its text, and a section alone in its row takes the whole row', async () => {
  for (const viewport of [{ width: 390, height: 844 }, { width: 1280, height: 900 }]) {
    const { page, errors, close } = await openPage(served.browser, { viewport });
    await page.goto(served.server.url + '/');
    await live(page);
    const cards = await page.locator('.home-section .card').evaluateAll((cards) =>
      cards.map((card) => {
        const box = (selector) => card.querySelector(selector)?.getBoundingClientRect().toJSON() ?? null;
        return { image: box('.card-image'), title: box('.card-title'), card: card.getBoundingClientRect().toJSON() };
      }),
    );
    const withImage = cards.filter((c) => c.image);
    assert.ok(withImage.length > 0, 'the demo home has a card with a photo');
    for (const { image, title, card } of withImage) {
      // Left of the title, level with it, and a thumbnail, not the card's width.
      assert.ok(image.right <= title.left, `at ${viewport.width} px: photo ${JSON.stringify(image)}, title ${JSON.stringify(title)}`);
      assert.ok(title.top < image.bottom && image.top < title.bottom, `at ${viewport.width} px: photo and title on one row`);
      assert.ok(image.width < card.width / 2, `at ${viewport.width} px: photo ${image.width} px wide in a ${card.width} px card`);
    }
    const [sections, last] = await Promise.all([
      page.locator('.home-sections').evaluate((s) => s.getBoundingClientRect().width),
      page.locator('.home-sections > .home-section').last().evaluate((s) => s.getBoundingClientRect().width),
    ]);
    if (home.sections.length % 2 === 1) {
      assert.equal(Math.round(last), Math.round(sections), `at ${viewport.width} px: the last section alone in its row`);
    }
    assert.deepEqual(errors, []);
    await close();
  }
});
