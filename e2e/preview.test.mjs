// `bantin serve` as an editor uses it: a tab open on the preview follows
// each save of a copy of the demo content (edits, new and deleted
// articles, a broken file and its fix), and editors' scratch files change
// nothing.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchBrowser, openPage } from './browser.mjs';

const BANTIN = process.env.BANTIN ?? '../target/tool/bantin';
const APP_DIR = process.env.APP_DIR ?? '../target/app';
let folder;
let content;
let preview;
let url;
let browser;

before(async () => {
  folder = await mkdtemp(join(tmpdir(), 'bantin-preview-'));
  content = join(folder, 'content');
  await cp('../content', content, { recursive: true });
  preview = spawn(BANTIN, ['serve', '--content', content, '--app', APP_DIR, '--port', '0'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  url = await new Promise((resolve, reject) => {
    let said = '';
    preview.stdout.on('data', (chunk) => {
      said += chunk;
      const found = said.match(/serving (\S+)/);
      if (found) resolve(found[1].replace(/\/$/, ''));
    });
    preview.stderr.resume();
    preview.on('exit', (code) => reject(new Error(`bantin serve ended (${code}): ${said}`)));
  });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  preview?.kill();
  await rm(folder, { recursive: true, force: true });
});

const article = (name) => join(content, 'articles', name);

/** Opens `path`; the tab notes it was not reloaded since by a mark on its window. */
async function openTab(path) {
  const tab = await openPage(browser);
  await tab.page.goto(url + path);
  await tab.page.evaluate(() => { window.__sameTab = true; });
  // Listening for changes before anything is saved.
  await tab.page.waitForFunction(() => window.bantinPreviewListening === true);
  return tab;
}

test('an edited title shows in the open tab; the page carries the live script only in the preview', async () => {
  const { page, errors, close } = await openTab('/tin-tuc/khanh-thanh-cau-kenh-xang');
  const source = await readFile(article('khanh-thanh-cau-kenh-xang.md'), 'utf8');
  await writeFile(article('khanh-thanh-cau-kenh-xang.md'), source.replace('title = "Khánh thành', 'title = "Đã sửa: Khánh thành'));
  await page.getByRole('heading', { level: 1, name: 'Đã sửa: Khánh thành cầu Kênh Xáng nối hai xã vùng sâu' }).waitFor({ timeout: 5000 });
  assert.equal(await page.evaluate(() => window.__sameTab), undefined, 'the tab reloaded');
  assert.deepEqual(errors, []);
  await close();
});

test('an edited paragraph shows in its tab, is found by search, and leaves other tabs alone', async () => {
  const reading = await openTab('/tin-tuc/mua-lua-he-thu-bao-dam');
  const home = await openTab('/');
  const file = article('mua-lua-he-thu-bao-dam.md');
  const source = await readFile(file, 'utf8');
  await writeFile(file, `${source.trimEnd()}\n\nNông dân xã Phước Long gieo sạ giống lúa thơm ST25 trên cánh đồng mẫu lớn.\n`);
  await reading.page.getByText('gieo sạ giống lúa thơm ST25').waitFor({ timeout: 5000 });
  assert.equal(await reading.page.evaluate(() => window.__sameTab), undefined, 'the tab reloaded');
  const search = await openPage(browser);
  await search.page.goto(`${url}/tim-kiem?q=${encodeURIComponent('lua thom ST25')}`);
  const title = await reading.page.getByRole('heading', { level: 1 }).textContent();
  await search.page.locator('.search-results').getByRole('link', { name: title }).waitFor({ timeout: 10000 });
  // The home page shows nothing of the paragraph: it was not reloaded.
  assert.equal(await home.page.evaluate(() => window.__sameTab), true, 'the home tab was reloaded');
  assert.deepEqual(reading.errors, []);
  await search.close();
  await reading.close();
  await home.close();
});

test('a new article is listed in its category and found by search', async () => {
  const listing = await openTab('/chuyen-muc/tin-tuc');
  await writeFile(article('cau-moi-xa-an-binh.md'), '+++\ntitle = "Cầu mới xã An Bình thông xe"\ndate = 2030-01-02\ncategory = "tin-tuc"\nlead = "Cây cầu nối hai ấp đã thông xe."\n+++\nNgười dân ấp Đông qua sông không còn phải chờ đò.\n');
  await listing.page.getByRole('link', { name: 'Cầu mới xã An Bình thông xe' }).waitFor({ timeout: 5000 });
  await listing.close();
  const search = await openPage(browser);
  await search.page.goto(`${url}/tim-kiem?q=${encodeURIComponent('cau moi an binh')}`);
  await search.page.locator('.search-results').getByRole('link', { name: 'Cầu mới xã An Bình thông xe' }).waitFor({ timeout: 10000 });
  await search.close();
});

test('a search tab open before a save lists the article by its new words', async () => {
  const search = await openPage(browser);
  await search.page.goto(`${url}/tim-kiem?q=${encodeURIComponent('hop tac xa nuoi ong')}`);
  await search.page.locator('.search-none').waitFor();
  const file = article('chuyen-doi-so-cap-xa.md');
  const source = await readFile(file, 'utf8');
  await writeFile(file, `${source.trimEnd()}\n\nHợp tác xã nuôi ong của xã vừa nhận chứng nhận.\n`);
  const title = source.match(/^title = "(.*)"$/m)[1];
  await search.page.locator('.search-results').getByRole('link', { name: title }).waitFor({ timeout: 5000 });
  assert.deepEqual(search.errors, []);
  // Its own words still find it.
  await search.page.goto(`${url}/tim-kiem?q=${encodeURIComponent(title)}`);
  await search.page.locator('.search-results').getByRole('link', { name: title }).waitFor({ timeout: 5000 });
  await writeFile(file, source);
  await search.close();
});

test('a broken date shows over the page at its line and column; other pages still serve; the fix clears it', async () => {
  const { page, close } = await openTab('/');
  const file = article('chuyen-doi-so-cap-xa.md');
  const good = await readFile(file, 'utf8');
  await writeFile(file, good.replace(/^date = .*$/m, 'date = 2024-02-30'));
  const overlay = page.getByRole('alert').filter({ hasText: 'chuyen-doi-so-cap-xa.md:3:' });
  await overlay.waitFor({ timeout: 5000 });
  assert.match(await overlay.textContent(), /chuyen-doi-so-cap-xa\.md:3:\d+: /);
  // The last good site is still served.
  const other = await openPage(browser);
  const response = await other.page.goto(`${url}/tin-tuc/khanh-thanh-cau-kenh-xang`);
  assert.equal(response.status(), 200);
  await other.page.getByRole('heading', { level: 1 }).waitFor();
  await other.close();
  await writeFile(file, good);
  await overlay.waitFor({ state: 'detached', timeout: 5000 });
  await close();
});

test('a deleted article is not found any more and leaves its listing', async () => {
  const gone = await openTab('/tin-tuc/dai-hoi-dang-bo-xa-tan-phu');
  const title = await gone.page.getByRole('heading', { level: 1 }).textContent();
  const listing = await openTab('/chuyen-muc/tin-tuc');
  await listing.page.getByRole('link', { name: title }).waitFor();
  await rm(article('dai-hoi-dang-bo-xa-tan-phu.md'));
  await gone.page.getByRole('heading', { name: 'Không tìm thấy trang' }).waitFor({ timeout: 5000 });
  await listing.page.getByRole('link', { name: title }).waitFor({ state: 'detached', timeout: 5000 });
  await gone.close();
  await listing.close();
});

test('editors\u2019 scratch files change nothing', async () => {
  const { page, close } = await openTab('/chuyen-muc/tin-tuc');
  for (const name of ['.mua-lua-he-thu-bao-dam.md.swp', 'mua-lua-he-thu-bao-dam.md~', '#mua-lua-he-thu-bao-dam.md#', '4913']) {
    await writeFile(article(name), '+++\nbroken');
  }
  await page.waitForTimeout(1500);
  assert.equal(await page.evaluate(() => window.__sameTab), true, 'the tab was reloaded');
  assert.equal(await page.getByRole('alert').count(), 0);
  await close();
});
