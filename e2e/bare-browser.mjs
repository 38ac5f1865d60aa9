// A headless Chromium driven over its DevTools pipe with nothing but
// `Runtime.evaluate`: a browser as a reader has it, for timing figures.
//
// Why not Playwright for timings: Playwright turns on the DevTools network
// domain for every page it drives, and Chromium then does extra work on the
// page's thread for every request (it records who asked for it). On this
// machine ten small fetches at once took 30–47 ms under Playwright and
// 21–30 ms here. A benchmark that counts bytes per request still needs those
// network events, so it keeps Playwright for that.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHROMIUM, CHROMIUM_ARGS } from './browser.mjs';

/**
 * Starts Chromium with one blank page; resolves to { evaluate, goto, close }.
 * `evaluate(source)` runs an expression (a promise is awaited) in the page
 * and gives its JSON-able value; an exception in the page rejects.
 */
export async function launchBareBrowser() {
  const profile = mkdtempSync(join(tmpdir(), 'bantin-bare-'));
  const child = spawn(
    CHROMIUM,
    [
      ...CHROMIUM_ARGS,
      // The benchmark's server has a throwaway certificate.
      '--ignore-certificate-errors',
      '--remote-debugging-pipe',
      `--user-data-dir=${profile}`,
      'about:blank',
    ],
    // DevTools reads commands on fd 3 and writes answers on fd 4.
    { stdio: ['ignore', 'ignore', 'ignore', 'pipe', 'pipe'] },
  );
  const [, , , commands, answers] = child.stdio;
  const waiting = new Map();
  let next = 0;
  let pending = '';
  answers.on('data', (data) => {
    pending += data.toString();
    for (let end = pending.indexOf('\0'); end >= 0; end = pending.indexOf('\0')) {
      const message = JSON.parse(pending.slice(0, end));
      pending = pending.slice(end + 1);
      const answer = waiting.get(message.id);
      if (answer) {
        waiting.delete(message.id);
        answer(message);
      }
    }
  });
  const exited = new Promise((ok) => {
    child.once('exit', ok);
    child.once('error', ok);
  });
  // A Chromium that cannot start, or dies, fails what waits on it instead
  // of leaving the benchmark hanging.
  let dead = null;
  const gone = (why) => {
    dead ??= why;
    for (const answer of waiting.values()) answer({ error: { message: why } });
    waiting.clear();
  };
  child.once('error', (error) => gone(`${CHROMIUM}: ${error.message}`));
  child.once('exit', (code, signal) => gone(`Chromium exited (${signal ?? code})`));
  commands.on('error', (error) => gone(`DevTools pipe: ${error.message}`));
  const send = (method, params = {}, sessionId = undefined) =>
    new Promise((ok, fail) => {
      if (dead) return fail(new Error(`${method}: ${dead}`));
      const id = ++next;
      waiting.set(id, (message) =>
        message.error ? fail(new Error(`${method}: ${message.error.message}`)) : ok(message.result),
      );
      commands.write(`${JSON.stringify({ id, method, params, sessionId })}\0`);
    });
  const { targetId } = await send('Target.createTarget', { url: 'about:blank' });
  const { sessionId } = await send('Target.attachToTarget', { targetId, flatten: true });

  async function evaluate(expression) {
    const { result, exceptionDetails } = await send(
      'Runtime.evaluate',
      { expression, awaitPromise: true, returnByValue: true },
      sessionId,
    );
    if (exceptionDetails) {
      throw new Error(exceptionDetails.exception?.description ?? exceptionDetails.text);
    }
    return result.value;
  }

  /** Opens `url` and resolves once `ready` (an expression) is true. */
  async function goto(url, ready = 'document.readyState === "complete"', timeoutMs = 60_000) {
    await send('Page.navigate', { url }, sessionId);
    const started = Date.now();
    for (;;) {
      // The old document can still answer right after navigating.
      const now = await evaluate(`location.href === ${JSON.stringify(url)} && (${ready})`).catch(() => false);
      if (now) return;
      if (Date.now() - started > timeoutMs) throw new Error(`${url}: not ready after ${timeoutMs} ms`);
      await new Promise((ok) => setTimeout(ok, 50));
    }
  }

  async function close() {
    // Asked to close, Chromium ends its helper processes too; killed, some
    // would go on writing to the profile folder as it is removed.
    const closed = send('Browser.close').catch(() => {});
    const late = setTimeout(() => child.kill('SIGKILL'), 5_000);
    await Promise.all([closed, exited]);
    clearTimeout(late);
    commands.end();
    rmSync(profile, { recursive: true, force: true, maxRetries: 10 });
  }

  return { evaluate, goto, close };
}
