// Hostile content: XSS payloads in every text field of every content kind
// (site settings, footer, menu, articles of each category kind, static
// pages, contacts, attachments, tags), built by the real bundler and opened
// in Chromium. Nothing may run (a planted `window.__xss` stays unset and no
// dialog opens); the payloads show as text. Dangerous links and raw HTML in
// Markdown are refused by `bantin check` with file:line for each.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { serveSite } from './cdn-server.mjs';
import { launchBrowser, openPage } from './browser.mjs';

const BANTIN = resolve(process.env.BANTIN ?? '../target/tool/bantin');
const APP = resolve(process.env.APP ?? '../target/app');

// Each calls __xss(): defined by the test, it records that script ran.
const RUN = '__xss()';
const VECTORS = [
  `<script>${RUN}</script>`,
  `<img src=x onerror=${RUN}>`,
  `<img src="x" onerror="&#95;&#95;xss()">`,
  `<svg onload=${RUN}>`,
  `<svg><script>${RUN}</script></svg>`,
  `<svg><animate onbegin=${RUN} attributeName=x dur=1s>`,
  `<math><mtext><table><mglyph><style><img src=x onerror=${RUN}>`,
  `<iframe srcdoc="<script>parent.${RUN}</script>"></iframe>`,
  `<iframe src="javascript:parent.${RUN}"></iframe>`,
  `<body onload=${RUN}>`,
  `<details open ontoggle=${RUN}>`,
  `<input autofocus onfocus=${RUN}>`,
  `<video><source onerror=${RUN}></video>`,
  `<audio src=x onerror=${RUN}>`,
  `<object data="javascript:${RUN}"></object>`,
  `<embed src="javascript:${RUN}">`,
  `<a href="javascript:${RUN}">bấm</a>`,
  `<form action="javascript:${RUN}"><button>gửi</button></form>`,
  `<meta http-equiv="refresh" content="0;url=javascript:${RUN}">`,
  `<base href="javascript:${RUN}//">`,
  `<div style="background:url(javascript:${RUN})">x</div>`,
  `<style>@import 'javascript:${RUN}';</style>`,
  `<link rel=stylesheet href="javascript:${RUN}">`,
  `"><script>${RUN}</script>`,
  `'><img src=x onerror=${RUN}>`,
  `</title><script>${RUN}</script>`,
  `</script><script>${RUN}</script>`,
  `</textarea><script>${RUN}</script>`,
  `<!--<script>${RUN}</script>-->`,
  `<![CDATA[<script>${RUN}</script>]]>`,
  `<template><script>${RUN}</script></template>`,
  `<noscript><p title="</noscript><img src=x onerror=${RUN}>">`,
  `<scr<script>ipt>${RUN}</scr</script>ipt>`,
  `<SCRIPT>${RUN}</SCRIPT>`,
  `<marquee onstart=${RUN}>chữ chạy</marquee>`,
  `<x onclick=${RUN}>bấm vào</x>`,
  `{{constructor.constructor('${RUN}')()}}`,
  `\${${RUN}}`,
  `javascript:${RUN}`,
  `data:text/html,<script>${RUN}</script>`,
  `vbscript:msgbox(1)`,
  `&lt;script&gt;${RUN}&lt;/script&gt;`,
  `%3Cscript%3E${RUN}%3C/script%3E`,
  `\u003cscript\u003e${RUN}\u003c/script\u003e`,
  `＜script＞${RUN}＜/script＞`,
  `\u202e<script>${RUN}</script>`,
  `<scr\u200bipt>${RUN}</script>`,
  `<img src=x onerror=eval(atob('X194c3MoKQ=='))>`,
  `<svg><use href="data:image/svg+xml,<svg id='x' xmlns='http://www.w3.org/2000/svg'><image href='x' onerror='${RUN}'/></svg>#x"/></svg>`,
  `<isindex action=javascript:${RUN} type=image>`,
];
// Each vector as is and after ordinary Vietnamese text: 100 payloads.
export const PAYLOADS = VECTORS.flatMap((v) => [v, `Tin tức Hòa Lâm ${v} đường mới`]);

/** TOML basic string. */
const toml = (text) => JSON.stringify(text);

let root;
let site;
let server;
let browser;
const report = { payloads: PAYLOADS.length, places: 0, pages: 0, executed: 0, refused_links: 0 };

async function hostileContent(dir) {
  await mkdir(join(dir, 'articles'), { recursive: true });
  await mkdir(join(dir, 'pages'), { recursive: true });
  await mkdir(join(dir, 'media'), { recursive: true });
  await writeFile(join(dir, 'media', 'bao-cao.pdf'), '%PDF-1.4\n% test file\n');
  const p = (i) => PAYLOADS[i % PAYLOADS.length];
  let next = 0;
  const take = () => p(next++);
  const siteToml = `name = ${toml(take())}
tagline = ${toml(take())}
description = ${toml(take())}
base_url = "https://thu-nghiem.example.gov.vn"
page_size = 50

[[menu]]
label = ${toml(take())}
href = "/"

[[categories]]
slug = "tin-tuc"
name = ${toml(take())}
description = ${toml(take())}

[[categories]]
slug = "thong-bao"
name = ${toml(take())}
kind = "announcements"

[[categories]]
slug = "bao-cao"
name = ${toml(take())}
kind = "documents"

[[categories]]
slug = "video"
name = ${toml(take())}
kind = "videos"

[[portals]]
label = ${toml(take())}
href = "https://chinhphu.vn"

[footer]
agency = ${toml(take())}
managing_unit = ${toml(take())}
licence = ${toml(take())}
address = ${toml(take())}
republication_notice = ${toml(take())}
`;
  await writeFile(join(dir, 'site.toml'), siteToml);
  const categories = ['tin-tuc', 'thong-bao', 'bao-cao', 'video'];
  // Every remaining payload lands in some article field; bodies hold them
  // as inline code and escaped text (raw HTML in Markdown is refused).
  let n = 0;
  while (next < PAYLOADS.length * 2) {
    const category = categories[n % categories.length];
    const extra =
      category === 'bao-cao'
        ? `\n[[attachments]]\nfile = "/media/bao-cao.pdf"\ntitle = ${toml(take())}\n`
        : category === 'video'
          ? `youtube = "abcdefghijk"\n`
          : '';
    const body = [
      `Đoạn mở đầu với mã \`${take().replace(/`/g, "'")}\` trong câu.`,
      `## ${take().replace(/[<>&]/g, (c) => '\\' + c)}`,
      `- ${take().replace(/[<>&*_[\]`\\]/g, (c) => '\\' + c)}`,
      `> ${take().replace(/[<>&*_[\]`\\]/g, (c) => '\\' + c)}`,
      `[Liên kết an toàn](https://example.gov.vn/?q=${encodeURIComponent(take())})`,
    ].join('\n\n');
    await writeFile(
      join(dir, 'articles', `bai-${n}.md`),
      `+++
title = ${toml(take())}
date = 2024-06-${String((n % 28) + 1).padStart(2, '0')}
category = "${category}"
lead = ${toml(take())}
author = ${toml(take())}
tags = [${toml(take())}, ${toml(take())}]
${extra}+++
${body}
`,
    );
    n += 1;
  }
  await writeFile(
    join(dir, 'pages', 'lien-he.md'),
    `+++
title = ${toml(take())}
lead = ${toml(take())}
order = 1

[[contacts]]
name = ${toml(take())}
role = ${toml(take())}
phone = "0296.3700555"
email = "bientap@example.gov.vn"
+++
Nội dung \`${take().replace(/`/g, "'")}\`.
`,
  );
  return next;
}

before(async () => {
  root = await mkdtemp(join(tmpdir(), 'bantin-hostile-'));
  if (process.env.KEEP) console.log('# kept in ' + root);
  const content = join(root, 'content');
  site = join(root, 'site');
  report.places = await hostileContent(content);
  execFileSync(BANTIN, ['build', '--content', content, '--out', site, '--app', APP], { stdio: 'pipe' });
  server = await serveSite(site);
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.close();
  if (root && !process.env.KEEP) await rm(root, { recursive: true, force: true });
  console.log(
    `# hostile content: ${report.payloads} payloads in ${report.places} places, ${report.pages} pages opened, ` +
      `${report.executed} executed; ${report.refused_links} dangerous links and raw HTML refused`,
  );
});

async function visit(page, path) {
  await page.goto(server.url + path);
  await page.waitForFunction(() => window.wasmBindings !== undefined);
  await page.locator('main h1, main [role=alert]').first().waitFor({ state: 'attached' });
  // Give event handlers (onerror, onload, ontoggle, autofocus) their chance.
  await page.waitForTimeout(150);
  report.pages += 1;
}

test('no payload runs on any page, prerendered or drawn by the app, and they show as text', async () => {
  const { page, errors, close } = await openPage(browser);
  const dialogs = [];
  page.on('dialog', (d) => { dialogs.push(d.message()); d.dismiss(); });
  await page.exposeFunction('__xssCalled', () => { report.executed += 1; });
  await page.addInitScript(() => {
    window.__xss = () => { window.__ran = true; window.__xssCalled(); };
  });
  const home = JSON.parse(await (await fetch(server.url + '/data/home.json')).text());
  const articles = [home.featured, ...home.sections.flatMap((s) => s.articles), ...home.sidebar.flatMap((s) => s.articles)]
    .filter(Boolean)
    .map((a) => `/tin-tuc/${a.slug}`);
  const paths = [
    '/', '/chuyen-muc/tin-tuc', '/chuyen-muc/thong-bao', '/chuyen-muc/bao-cao', '/chuyen-muc/video',
    ...new Set(articles), '/trang/lien-he', '/so-do-trang',
    `/tim-kiem?q=${encodeURIComponent('đường mới')}`, `/tim-kiem?q=${encodeURIComponent(PAYLOADS[0])}`,
  ];
  for (const path of paths) await visit(page, path);
  // In-app navigation draws the same content with the WASM renderer.
  await visit(page, '/');
  for (const path of articles.slice(0, 5)) {
    await page.evaluate((href) => {
      const link = document.querySelector(`a[href="${href}"]`);
      link?.click();
    }, path);
    await page.waitForURL(`**${path}`).catch(() => {});
    await page.waitForTimeout(150);
    report.pages += 1;
  }
  assert.equal(await page.evaluate(() => window.__ran ?? false), false);
  assert.equal(report.executed, 0);
  assert.deepEqual(dialogs, []);
  // The text is there, as text: the site name (a payload) is in the header.
  await page.goto(server.url + '/');
  const siteName = await page.locator('.site-name').textContent();
  assert.equal(siteName, PAYLOADS[0]);
  assert.equal(await page.locator('header script, main script').count(), 0);
  assert.deepEqual(errors.filter((e) => !/status of 404|youtube|ERR_|net::/i.test(e)), []);
  await close();
});

test('dangerous links and raw HTML in Markdown are refused, each at its file and line', async () => {
  const dir = join(root, 'links');
  await mkdir(join(dir, 'articles'), { recursive: true });
  await writeFile(join(dir, 'site.toml'), 'name = "Thử"\nbase_url = "https://x.example.gov.vn"\n\n[[categories]]\nslug = "tin-tuc"\nname = "Tin tức"\n');
  const links = [
    'javascript:__xss()', 'JAVASCRIPT:__xss()', ' javascript:__xss()', 'java\tscript:__xss()',
    'data:text/html,<script>__xss()</script>', 'vbscript:msgbox(1)', 'javascript&colon;__xss()',
    'file:///etc/passwd', '//evil.example/x',
  ];
  const html = VECTORS.filter((v) => v.startsWith('<'));
  const lines = [
    ...links.map((href) => `[bấm vào đây](<${href}>)`),
    ...html,
  ];
  await writeFile(
    join(dir, 'articles', 'bai.md'),
    `+++\ntitle = "Bài"\ndate = 2024-06-01\ncategory = "tin-tuc"\n+++\n${lines.join('\n\n')}\n`,
  );
  const run = spawnSync(BANTIN, ['check', '--content', dir], { encoding: 'utf8' });
  assert.equal(run.status, 1, run.stdout + run.stderr);
  const problems = run.stderr.split('\n').filter((l) => /bai\.md:\d+/.test(l));
  report.refused_links = problems.length;
  // Front matter takes lines 1–5, then a blank line between payload lines.
  const named = new Set(problems.map((l) => Number(l.match(/bai\.md:(\d+)/)[1])));
  const lineOf = (i) => 6 + i * 2;
  const missing = links.filter((_, i) => !named.has(lineOf(i)));
  assert.deepEqual(missing, [], run.stderr);
  assert.ok(!/Borrowed|Boxed/.test(run.stderr), 'messages quote the link as written');
  // A line CommonMark does not read as HTML (an unquoted attribute value
  // with "(" in it, a tag name with an invisible character) is plain text:
  // it must build, and show as text without running.
  const asText = html.filter((_, i) => !named.has(lineOf(links.length + i)));
  assert.ok(asText.length < html.length / 4, `${asText.length} of ${html.length} not refused`);
  if (asText.length > 0) {
    await writeFile(
      join(dir, 'articles', 'bai.md'),
      `+++\ntitle = "Bài"\ndate = 2024-06-01\ncategory = "tin-tuc"\n+++\n${asText.join('\n\n')}\n`,
    );
    const out = join(root, 'links-site');
    execFileSync(BANTIN, ['build', '--content', dir, '--out', out, '--app', APP], { stdio: 'pipe' });
    const textServer = await serveSite(out);
    const { page, close } = await openPage(browser);
    await page.exposeFunction('__xssCalled', () => { report.executed += 1; });
    await page.addInitScript(() => { window.__xss = () => window.__xssCalled(); });
    await page.goto(textServer.url + '/tin-tuc/bai');
    await page.waitForFunction(() => window.wasmBindings !== undefined);
    await page.waitForTimeout(200);
    const body = await page.locator('.article-body').innerText();
    for (const line of asText) assert.ok(body.includes(line.replace(/\u200b/g, '\u200b')), line);
    assert.equal(report.executed, 0);
    report.pages += 1;
    await close();
    await textServer.close();
  }
});
