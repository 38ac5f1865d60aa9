import { serveSite } from './cdn-server.mjs';
import { launchBrowser } from './browser.mjs';
import * as bp from './bench-phone.mjs';
const server = await serveSite(process.env.SITE_DIR);
const browser = await launchBrowser();
const context = await browser.newContext({ viewport: bp.PHONE.viewport, isMobile: true, hasTouch: true, locale: 'vi-VN', serviceWorkers: 'block' });
const page = await context.newPage();
const cdp = await context.newCDPSession(page);
await cdp.send('Network.enable');
await cdp.send('Network.emulateNetworkConditions', bp.PHONE.network);
await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
await page.addInitScript(() => {
  window.__marks = [];
  const look = new MutationObserver(() => {
    if (document.querySelector('.search-outcome [data-query]')) { window.__resultsAt ??= performance.now(); look.disconnect(); }
  });
  addEventListener('DOMContentLoaded', () => { window.__dcl = performance.now(); look.observe(document.body, { childList: true, subtree: true }); });
  addEventListener('TrunkApplicationStarted', () => { window.__appStarted = performance.now(); });
  window.__longTasks = [];
  new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__longTasks.push([Math.round(e.startTime), Math.round(e.duration)]); }).observe({ type: 'longtask', buffered: true });
});
const t0 = Date.now(); const reqs = []; page.on('requestfinished', (r) => { const t = r.timing(); reqs.push([r.url().replace(server.url,'').slice(0,70), Math.round(t.startTime - t0), Math.round(t.responseEnd)]); });
await page.goto(`${server.url}/tim-kiem?q=phu%20nu`, { waitUntil: 'load' });
await page.waitForFunction(() => window.__resultsAt !== undefined, null, { timeout: 60000 });
const out = await page.evaluate(() => ({ results: Math.round(window.__resultsAt), dcl: Math.round(window.__dcl), app: Math.round(window.__appStarted), tasks: window.__longTasks,
  res: performance.getEntriesByType('resource').map((r) => [r.name.replace(location.origin, '').slice(0, 60), Math.round(r.startTime), Math.round(r.responseStart), Math.round(r.responseEnd), r.transferSize]) }));
console.log('results', out.results, 'dcl', out.dcl, 'appStarted', out.app, 'tasks', JSON.stringify(out.tasks));
for (const r of out.res) console.log(r.join('\t'));
for (const r of reqs) console.log('req', r.join('\t'));
await browser.close(); process.exit(0);
