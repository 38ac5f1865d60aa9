// Headless Debian Chromium driven by playwright-core (browser downloads do
// not work offline), with the flags that keep it off the network.
import { chromium } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Flags of every Chromium the tests and benchmarks start. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function launchBrowser() {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

/**
 * A new page that records every console error and uncaught exception.
 *
 * On a prerendered page the app starts at the reader's first touch, scroll,
 * pointer move or key press (the bundler's app_start.js). This reader moves
 * the pointer as each page appears, as a desktop reader does, so tests of
 * the running app find it running; `untouched: true` gives a reader who has
 * not yet done anything.
 */
export async function openPage(browser, { untouched = false, ...options } = {}) {
  const context = await browser.newContext({ locale: 'vi-VN', ...options });
  if (!untouched) {
    await context.addInitScript(() => {
      addEventListener('DOMContentLoaded', () => dispatchEvent(new PointerEvent('pointermove')));
    });
  }
  const page = await context.newPage();
  const errors = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(String(error)));
  return { page, errors, close: () => context.close() };
}
