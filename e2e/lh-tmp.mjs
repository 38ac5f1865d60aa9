import { serveSite } from './cdn-server.mjs';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
const server = await serveSite('../target/bench-site');
const cli = '/root/.cache/bantin/tools/lighthouse-13.5.0/node_modules/.bin/lighthouse';
const flags = '--headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking --disable-component-update --disable-sync';
for (const path of process.argv.slice(2)) {
  const { stdout } = await promisify(execFile)(cli, [`${server.url}${path}`, '--output=json', '--quiet', '--only-categories=performance', `--chrome-flags=${flags}`],
    { encoding: 'utf8', env: { ...process.env, CHROME_PATH: '/usr/bin/chromium' }, maxBuffer: 64 << 20, timeout: 300000 });
  const r = JSON.parse(stdout);
  const a = r.audits;
  const m = ['first-contentful-paint','largest-contentful-paint','total-blocking-time','cumulative-layout-shift','speed-index'];
  console.log(path, Math.round(r.categories.performance.score*100), m.map(k => `${k.split('-').map(w=>w[0]).join('')}=${a[k].displayValue}(${a[k].score})`).join(' '));
  const lt = a['long-tasks']?.details?.items?.slice(0,5).map(i => `${i.url?.split('/').pop()}:${Math.round(i.duration)}@${Math.round(i.startTime)}`).join(' ');
  console.log('  long tasks:', lt);
  const bt = a['bootup-time']?.details?.items?.slice(0,4).map(i => `${i.url.split('/').pop()}:${Math.round(i.total)}/${Math.round(i.scripting)}`).join(' ');
  console.log('  bootup:', bt);
  const lcpEl = a['largest-contentful-paint-element']?.details?.items?.[0]?.items?.[0]?.node?.snippet;
  console.log('  lcp el:', lcpEl?.slice(0,120));
}
await server.close();
