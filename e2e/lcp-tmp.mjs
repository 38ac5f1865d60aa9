import { serveSite } from '/work/main/e2e/cdn-server.mjs';
import { launchBrowser } from '/work/main/e2e/browser.mjs';
const server = await serveSite(process.env.SITE);
const browser = await launchBrowser();
for (let i = 0; i < 3; i++) {
const context = await browser.newContext({ viewport: { width: 412, height: 823 }, locale: 'vi-VN' });
const page = await context.newPage();
const cdp = await context.newCDPSession(page);
await cdp.send('Network.enable');
await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 562.5, downloadThroughput: 180_000, uploadThroughput: 84_375 });
await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
await page.addInitScript(() => { window.__e = []; new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__e.push([Math.round(e.startTime), e.element ? e.element.tagName + '.' + e.element.className + ' ' + (e.element.textContent||'').slice(0,40) : '', e.url, e.size]); }).observe({ type: 'largest-contentful-paint', buffered: true }); });
await page.goto(server.url + '/', { waitUntil: 'load' });
await page.waitForTimeout(3000);
console.log(JSON.stringify(await page.evaluate(() => window.__e)));
const fcp = await page.evaluate(() => performance.getEntriesByName('first-contentful-paint')[0]?.startTime);
console.log('fcp', fcp);
await context.close();
}
await browser.close(); await server.close();
