// When the CDN answers badly, the reader gets a clear message in the part
// of the page that failed, the rest keeps working, and "Thử lại" recovers
// once the fault clears — without reloading the page.
//
// Every kind of file the app fetches (site, home, listing, article, search
// chunk, visitor figures) meets every fault: 404, 500, malformed data, data
// of the wrong shape, a newer format, a body cut in half, no network, and a
// 15 s stall. The run prints how many faults were tried and survived.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { openPage } from './browser.mjs';
import { bundle, servedSite } from './harness.mjs';

const served = servedSite();
let home;
let site;
let search;

before(async () => {
  home = await bundle('home.json');
  site = await bundle('site.json');
  search = await bundle('search.json');
});

const tally = { tried: 0, survived: 0 };
after(() => {
  console.log(`faults: ${tally.tried} tried, ${tally.survived} survived (message in place, retry recovered, no reload)`);
});

const url = (path) => served.server.url + path;
const menu = (page) => page.getByRole('navigation', { name: 'Menu chính' });
const waitLive = (page) => page.waitForFunction(() => window.wasmBindings !== undefined);

/**
 * Each kind of file: where it lives, how a reader makes the app fetch it,
 * the part of the page that must carry the message, what must still work
 * beside it, and what shows once it loads.
 */
const KINDS = [
  {
    kind: 'site',
    path: () => '/data/site.json',
    // 404.html renders in the browser, so it fetches site.json itself.
    open: (page) => page.goto(url('/khong-co-trang-nay')),
    area: (page) => page.getByRole('banner'),
    // The 404 page's own message.
    otherAlerts: 1,
    intact: async (page) => {
      await page.getByRole('main').getByRole('heading', { name: 'Không tìm thấy trang' }).waitFor();
      // The missing page offers a search for its address's words; the
      // header's message is about the site bundle, not the address.
      await page.getByRole('main').getByRole('link', { name: 'khong co trang nay', exact: true }).waitFor();
      assert.equal(await page.getByRole('banner').getByText('Tìm bài viết theo các từ trong địa chỉ:').count(), 0);
    },
    loaded: (page) => page.getByRole('banner').getByText(site.name).waitFor(),
  },
  {
    kind: 'home',
    path: () => '/data/home.json',
    // Not an article: its sidebar comes from the home bundle, which the
    // home page would then show from memory.
    start: () => '/so-do-trang',
    open: (page) => menu(page).getByRole('link', { name: 'Trang chủ', exact: true }).click(),
    area: (page) => page.getByRole('main'),
    loaded: (page) => page.getByRole('region', { name: 'Tin nổi bật' }).waitFor(),
    elsewhere: true,
  },
  {
    kind: 'listing',
    path: () => `/data/chuyen-muc/${home.sections[0].category.slug}/1.json`,
    start: () => '/',
    open: (page) => menu(page).getByRole('link', { name: home.sections[0].category.name, exact: true }).click(),
    area: (page) => page.getByRole('main'),
    loaded: (page) => page.getByRole('heading', { level: 1, name: home.sections[0].category.name }).waitFor(),
    elsewhere: true,
  },
  {
    kind: 'article',
    path: () => `/data/tin-tuc/${home.sections[0].articles[0].slug}.json`,
    start: () => '/',
    open: (page) =>
      page.getByRole('region', { name: 'Tin nổi bật' }).getByRole('link', { name: home.sections[0].articles[0].title }).click(),
    area: (page) => page.getByRole('main'),
    loaded: (page) => page.getByRole('heading', { level: 1, name: home.sections[0].articles[0].title }).waitFor(),
    elsewhere: true,
  },
  {
    kind: 'search chunk',
    binary: true,
    path: () => `/data/search/${search.build}/0.bin`,
    open: (page) => page.goto(url('/tim-kiem?q=duong')),
    area: (page) => page.locator('.search-outcome'),
    intact: async (page) => assert.equal(await page.locator('#search-text').inputValue(), 'duong'),
    loaded: async (page) => {
      await page.locator('[data-query="duong"]').waitFor();
      assert.ok((await page.locator('.search-result').count()) > 0);
    },
    elsewhere: true,
  },
  {
    kind: 'visitor figures',
    path: () => site.counter,
    // Prerendered pages carry the figures of the build; the 404 page
    // renders in the browser and fetches them.
    open: (page) => page.goto(url('/khong-co-trang-nay')),
    area: (page) => page.getByRole('contentinfo').getByRole('region', { name: 'Lượt truy cập' }),
    otherAlerts: 1,
    intact: (page) => page.getByRole('main').getByRole('heading', { name: 'Không tìm thấy trang' }).waitFor(),
    loaded: (page) =>
      page.getByRole('contentinfo').getByRole('region', { name: 'Lượt truy cập' }).getByText('Tất cả:').waitFor(),
    elsewhere: true,
  },
];

/** The file's own bytes, cut in half. */
async function truncated(path) {
  const whole = Buffer.from(await (await fetch(url(path))).arrayBuffer());
  return { status: 200, body: whole.subarray(0, Math.floor(whole.length / 2)) };
}

/** Each fault: the answer it gives for a kind, and the heading the reader sees. */
const FAULTS = [
  { name: '404', answer: async () => ({ status: 404, body: '' }), heading: 'Không tìm thấy trang' },
  { name: '500', answer: async () => ({ status: 500, body: 'Internal Server Error' }), heading: 'Máy chủ đang gặp sự cố' },
  {
    name: 'malformed data',
    answer: async (kind) => ({ status: 200, body: kind.binary ? 'BTI1\u00ff\u00ff\u00ff' : '{"schema_version": 1, "slug": ' }),
    heading: 'Dữ liệu bị lỗi',
  },
  {
    name: 'data of the wrong shape',
    // Valid JSON, but every bundle's required field has the wrong type
    // (and a search chunk is not JSON at all).
    answer: async () => ({
      status: 200,
      body: '{"schema_version": 1, "name": 42, "title": 42, "sections": 7, "articles": 7, "total": "nhiều", "terms": []}',
    }),
    heading: 'Dữ liệu bị lỗi',
  },
  {
    name: 'a newer format',
    answer: async (kind) => ({ status: 200, body: kind.binary ? 'BTI9\u0001\u0002' : '{"schema_version": 99, "total": 1}' }),
    heading: 'Cổng thông tin vừa được cập nhật',
    reload: true,
  },
  { name: 'a truncated body', answer: async (kind) => truncated(kind.path()), heading: 'Dữ liệu bị lỗi' },
  { name: 'no network', network: true, heading: 'Không tải được nội dung' },
];

/** Loses the network for `path` only (the connection fails, as offline). */
async function cutNetwork(page, path) {
  await page.route(
    (address) => address.pathname === path,
    (route) => route.abort('internetdisconnected'),
  );
}

/** Opens the kind's starting point, live, marked so that a reload would show. */
async function start(page, kind) {
  if (kind.start) {
    await page.goto(url(kind.start()));
    await waitLive(page);
  }
}

async function markNoReload(page) {
  await page.evaluate(() => {
    window.__sameDocument = true;
  });
}

/** The message is in the kind's area, with its buttons; the rest still works. */
async function expectMessage(page, kind, heading, reload) {
  const alert = kind.area(page).getByRole('alert');
  await alert.getByRole('heading', { name: heading }).waitFor();
  await alert.getByRole('button', { name: 'Thử lại' }).waitFor();
  if (reload) await alert.getByRole('button', { name: 'Tải lại trang' }).waitFor();
  // Only the affected area carries a message.
  assert.equal(await page.getByRole('alert').count(), 1 + (kind.otherAlerts ?? 0), `one message for ${kind.kind}`);
  if (kind.kind !== 'site') {
    await menu(page).getByRole('link', { name: 'Trang chủ', exact: true }).waitFor();
  }
  await kind.intact?.(page);
}

/** Another route works while the fault lasts; back again shows the message. */
async function expectOtherRoutes(page, kind, heading) {
  await page.getByRole('contentinfo').getByRole('link', { name: 'Sơ đồ trang' }).click();
  await page.getByRole('heading', { level: 1, name: 'Sơ đồ trang' }).waitFor();
  await page.goBack();
  await kind.area(page).getByRole('alert').getByRole('heading', { name: heading }).waitFor();
}

/** Clears the fault, retries, and checks the content came without a reload. */
async function expectRecovery(page, kind) {
  await kind.area(page).getByRole('alert').getByRole('button', { name: 'Thử lại' }).click();
  await kind.loaded(page);
  assert.equal(await page.getByRole('alert').count(), kind.otherAlerts ?? 0);
  assert.equal(await page.evaluate(() => window.__sameDocument === true), true, 'recovered without a reload');
}

/** Console lines that only report the fault itself (not a panic or a bug). */
const faultEcho = (line) => /Failed to load resource|ERR_INTERNET_DISCONNECTED|ERR_FAILED|status of \d{3}/.test(line);

for (const kind of KINDS) {
  for (const fault of FAULTS) {
    test(`${kind.kind} answering with ${fault.name}: "${fault.heading}" in its place, retry recovers`, async () => {
      tally.tried += 1;
      const { page, errors, close } = await openPage(served.browser, { serviceWorkers: 'block' });
      const path = kind.path();
      try {
        await start(page, kind);
        if (kind.start) await markNoReload(page);
        if (fault.network) await cutNetwork(page, path);
        else served.server.setFault(path, await fault.answer(kind));
        await kind.open(page);
        if (!kind.start) await markNoReload(page);
        await expectMessage(page, kind, fault.heading, fault.reload);
        if (kind.elsewhere) await expectOtherRoutes(page, kind, fault.heading);
      } finally {
        served.server.setFault(path, null);
        await page.unrouteAll();
      }
      await expectRecovery(page, kind);
      assert.deepEqual(errors.filter((line) => !faultEcho(line)), []);
      await close();
      tally.survived += 1;
    });
  }
}

/** Stalls each kind's file for 15 s at once, in separate pages. */
async function stallAll(kinds) {
  const pages = await Promise.all(kinds.map(() => openPage(served.browser, { serviceWorkers: 'block' })));
  try {
    await Promise.all(
      kinds.map(async (kind, at) => {
        tally.tried += 1;
        const { page } = pages[at];
        await start(page, kind);
        if (kind.start) await markNoReload(page);
        served.server.setFault(kind.path(), { delay: 15_000 });
        const asked = Date.now();
        await kind.open(page);
        if (!kind.start) await markNoReload(page);
        await expectMessage(page, kind, 'Máy chủ phản hồi quá lâu', false);
        const waited = Date.now() - asked;
        assert.ok(waited >= 9_000, `${kind.kind}: the message waited for the timeout (${waited} ms)`);
      }),
    );
  } finally {
    for (const kind of kinds) served.server.setFault(kind.path(), null);
  }
  await Promise.all(
    kinds.map(async (kind, at) => {
      const { page, errors, close } = pages[at];
      await expectRecovery(page, kind);
      assert.deepEqual(errors.filter((line) => !faultEcho(line)), []);
      await close();
      tally.survived += 1;
    }),
  );
}

// The visitor figures are fetched once the site bundle is in, so they stall
// in a second round.
test('every kind stalled for 15 s: "Máy chủ phản hồi quá lâu" after 10 s, retry recovers', async () => {
  await stallAll(KINDS.filter((kind) => kind.kind !== 'visitor figures'));
  await stallAll(KINDS.filter((kind) => kind.kind === 'visitor figures'));
});
