// When the CDN answers badly, the reader gets a clear message in the part
// of the page that failed, the rest keeps working, and "Thử lại" recovers
// once the fault clears — without reloading the page.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { openPage } from './browser.mjs';
import { bundle, servedSite } from './harness.mjs';

const served = servedSite();
let home;

before(async () => {
  home = await bundle('home.json');
});

const FAULTS = [
  { name: 'a server error', fault: { status: 500, body: 'Internal Server Error' }, heading: 'Máy chủ đang gặp sự cố', action: 'Thử lại' },
  { name: 'malformed JSON', fault: { status: 200, body: '{"schema_version": 1, "slug": ' }, heading: 'Dữ liệu bị lỗi', action: 'Thử lại' },
  { name: 'JSON of the wrong shape', fault: { status: 200, body: '{"schema_version": 1, "title": 42}' }, heading: 'Dữ liệu bị lỗi', action: 'Thử lại' },
  { name: 'a newer schema', fault: { status: 200, body: '{"schema_version": 99}' }, heading: 'Cổng thông tin vừa được cập nhật', action: 'Tải lại trang' },
];

for (const { name, fault, heading, action } of FAULTS) {
  test(`an article bundle answering with ${name} shows "${heading}" and the page keeps working`, async () => {
    const { page, errors, close } = await openPage(served.browser);
    const article = home.sections[0].articles[0];
    const path = `/data/tin-tuc/${article.slug}.json`;
    await page.goto(served.server.url + '/');
    await page.waitForFunction(() => window.wasmBindings !== undefined);
    served.server.setFault(path, fault);
    try {
      await page.getByRole('region', { name: 'Tin nổi bật' }).getByRole('link', { name: article.title }).click();
      const alert = page.getByRole('alert');
      await alert.getByRole('heading', { name: heading }).waitFor();
      await alert.getByRole('button', { name: action }).waitFor();
      // The header and the menu still work.
      await page.getByRole('navigation', { name: 'Menu chính' }).getByRole('link', { name: 'Trang chủ' }).waitFor();
    } finally {
      served.server.setFault(path, null);
    }
    if (action === 'Thử lại') {
      await page.getByRole('button', { name: 'Thử lại' }).click();
      await page.getByRole('heading', { level: 1, name: article.title }).waitFor();
    }
    assert.deepEqual(errors.filter((e) => !/status of (500)/.test(e)), []);
    await close();
  });
}

test('a failing site bundle is reported in the header while the page below still renders', async () => {
  const { page, close } = await openPage(served.browser);
  served.server.setFault('/data/site.json', { status: 503, body: '' });
  try {
    // 404.html renders in the browser, so it fetches site.json itself.
    await page.goto(served.server.url + '/khong-co-trang-nay');
    const header = page.getByRole('banner');
    await header.getByRole('heading', { name: 'Máy chủ đang gặp sự cố' }).waitFor();
    await page.getByRole('main').getByRole('heading', { name: 'Không tìm thấy trang' }).waitFor();
  } finally {
    served.server.setFault('/data/site.json', null);
  }
  await page.getByRole('banner').getByRole('button', { name: 'Thử lại' }).click();
  await page.getByRole('banner').getByText((await bundle('site.json')).name).waitFor();
  await close();
});

const SEARCH_FAULTS = [
  { name: 'a server error', fault: { status: 500, body: 'Internal Server Error' }, heading: 'Máy chủ đang gặp sự cố' },
  { name: 'bytes that are not an index', fault: { status: 200, body: 'BTI1\u00ff\u00ff\u00ff' }, heading: 'Dữ liệu bị lỗi' },
  { name: 'a truncated chunk', truncate: true, heading: 'Dữ liệu bị lỗi' },
];

for (const { name, fault, truncate, heading } of SEARCH_FAULTS) {
  test(`a search chunk answering with ${name} shows "${heading}" in the results, and retry recovers`, async () => {
    const { page, errors, close } = await openPage(served.browser, { serviceWorkers: 'block' });
    const manifest = await bundle('search.json');
    const path = `/data/search/${manifest.build}/0.bin`;
    let answer = fault;
    if (truncate) {
      const whole = await (await fetch(served.server.url + path)).arrayBuffer();
      answer = { status: 200, body: Buffer.from(whole).subarray(0, Math.floor(whole.byteLength / 2)) };
    }
    served.server.setFault(path, answer);
    try {
      await page.goto(served.server.url + '/tim-kiem?q=duong');
      const alert = page.locator('.search-outcome').getByRole('alert');
      await alert.getByRole('heading', { name: heading }).waitFor();
      // The search box, the header and the menu still work.
      await page.getByRole('navigation', { name: 'Menu chính' }).getByRole('link', { name: 'Trang chủ' }).waitFor();
      assert.equal(await page.locator('#search-text').inputValue(), 'duong');
    } finally {
      served.server.setFault(path, null);
    }
    await page.getByRole('button', { name: 'Thử lại' }).click();
    await page.locator('[data-query="duong"]').waitFor();
    assert.ok((await page.locator('.search-result').count()) > 0);
    assert.deepEqual(errors.filter((e) => !/status of (500)/.test(e)), []);
    await close();
  });
}

// The home and listing bundles, fetched when the reader moves there inside
// the app: a server error, a body cut in half, and a missing file.
const MOVES = [
  { kind: 'home', start: (home) => `/tin-tuc/${home.featured.slug}`, path: () => '/data/home.json', link: 'Trang chủ', heading: async () => null },
  {
    kind: 'listing',
    start: () => '/',
    path: (home) => `/data/chuyen-muc/${home.sections[0].category.slug}/1.json`,
    link: (home) => home.sections[0].category.name,
    heading: async (home) => home.sections[0].category.name,
  },
];
const BODY_FAULTS = [
  { name: 'a server error', fault: async () => ({ status: 502, body: 'Bad Gateway' }), heading: 'Máy chủ đang gặp sự cố', retry: true },
  {
    name: 'a truncated body',
    fault: async (url) => {
      const whole = await (await fetch(url)).text();
      return { status: 200, body: whole.slice(0, Math.floor(whole.length / 2)) };
    },
    heading: 'Dữ liệu bị lỗi',
    retry: true,
  },
  { name: 'a missing file', fault: async () => ({ status: 404, body: '' }), heading: 'Không tìm thấy trang', retry: false },
];

for (const move of MOVES) {
  for (const { name, fault, heading, retry } of BODY_FAULTS) {
    test(`the ${move.kind} bundle answering with ${name} shows "${heading}" in the main area only`, async () => {
      const { page, errors, close } = await openPage(served.browser, { serviceWorkers: 'block' });
      const path = move.path(home);
      await page.goto(served.server.url + move.start(home));
      await page.waitForFunction(() => window.wasmBindings !== undefined);
      served.server.setFault(path, await fault(served.server.url + path));
      const menu = page.getByRole('navigation', { name: 'Menu chính' });
      const linkName = typeof move.link === 'function' ? move.link(home) : move.link;
      try {
        await menu.getByRole('link', { name: linkName, exact: true }).click();
        const alert = page.getByRole('main').getByRole('alert');
        await alert.getByRole('heading', { name: heading }).waitFor();
        // The header and the menu are untouched.
        await menu.getByRole('link', { name: 'Trang chủ', exact: true }).waitFor();
        assert.equal(await page.getByRole('banner').getByRole('alert').count(), 0);
      } finally {
        served.server.setFault(path, null);
      }
      if (retry) {
        await page.getByRole('button', { name: 'Thử lại' }).click();
        const title = await move.heading(home);
        if (title) await page.getByRole('heading', { level: 1, name: title }).waitFor();
        else await page.getByRole('region', { name: 'Tin nổi bật' }).waitFor();
      } else {
        assert.equal(await page.getByRole('button', { name: 'Thử lại' }).count(), 0);
        await page.getByRole('main').getByRole('link', { name: 'Về trang chủ' }).waitFor();
      }
      assert.deepEqual(errors.filter((e) => !/status of (404|502)/.test(e)), []);
      await close();
    });
  }
}
