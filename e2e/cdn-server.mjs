// Serves a built site the way a static CDN does (GitHub Pages' rules): files
// as they are, a folder's index.html, and for any other address the site's
// 404.html with status 404 (the app then renders that address itself).
import { createServer } from 'node:http';
import { createSecureServer } from 'node:http2';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.webp': 'image/webp',
  '.txt': 'text/plain; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
};

async function fileAt(root, urlPath) {
  const path = normalize(join(root, decodeURIComponent(urlPath)));
  if (!path.startsWith(root)) return null;
  try {
    const info = await stat(path);
    if (info.isFile()) return path;
    if (info.isDirectory()) {
      const index = join(path, 'index.html');
      if ((await stat(index)).isFile()) return index;
    }
  } catch {
    // not there
  }
  return null;
}

/**
 * The site's `_headers` rules (Netlify / Cloudflare Pages syntax), as
 * [{ pattern, headers }]. Caching rules are left out: tests must see every
 * change at once.
 */
async function headerRules(root) {
  const text = await readFile(join(root, '_headers'), 'utf8').catch(() => '');
  const rules = [];
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    if (!/^\s/.test(line)) {
      const glob = line.trim().replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*');
      rules.push({ pattern: new RegExp(`^${glob}$`), headers: {} });
    } else if (rules.length > 0) {
      const at = line.indexOf(':');
      const name = line.slice(0, at).trim().toLowerCase();
      if (name !== 'cache-control') rules.at(-1).headers[name] = line.slice(at + 1).trim();
    }
  }
  return rules;
}

/**
 * A throwaway self-signed certificate for 127.0.0.1 (browsers speak HTTP/2
 * only over TLS; the bench's browser is told to accept it).
 */
function selfSigned() {
  const dir = mkdtempSync(join(tmpdir(), 'bantin-tls-'));
  try {
    execFileSync('openssl', [
      'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1',
      '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'),
    ], { stdio: 'ignore' });
    return { key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Starts serving `siteDir` on a free loopback port; resolves to { url, close }.
 * `{ http2: true }` serves HTTP/2 over TLS, as CDNs do (many files fetched
 * at once share one connection); the tests use plain HTTP/1.1.
 */
export async function serveSite(siteDir, { http2 = false, prefix = '' } = {}) {
  const root = resolve(siteDir);
  const rules = await headerRules(root);
  let down = false;
  const faults = new Map();
  // A site built under a path is served only there, as a GitHub Pages
  // project or a folder of an agency's site is: anything else is noted
  // and gets a bare 404.
  const outside = [];
  const handle = async (request, response) => {
    if (down) {
      // As if the network were gone: the connection drops unanswered.
      request.socket.destroy();
      return;
    }
    const urlPath = new URL(request.url, 'http://localhost').pathname;
    if (prefix && urlPath !== prefix && !urlPath.startsWith(prefix + '/')) {
      outside.push(urlPath);
      response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
      response.end('outside the site');
      return;
    }
    const filePath = urlPath.slice(prefix.length) || '/';
    const fault = faults.get(filePath);
    if (fault?.delay) {
      // A stalled connection: the answer comes, but only after `delay` ms.
      await new Promise((ok) => setTimeout(ok, fault.delay));
      if (response.destroyed) return;
    } else if (fault) {
      response.writeHead(fault.status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
      response.end(fault.body);
      return;
    }
    let path = await fileAt(root, filePath);
    let status = 200;
    if (!path) {
      status = 404;
      path = await fileAt(root, '/404.html');
    }
    if (!path) {
      response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
      response.end('not found');
      return;
    }
    const headers = {
      'content-type': TYPES[extname(path)] ?? 'application/octet-stream',
      'cache-control': 'no-cache',
      vary: 'accept-encoding',
    };
    // As the CDN would: the security headers of _headers (the CSP above all).
    for (const rule of rules) if (rule.pattern.test(urlPath)) Object.assign(headers, rule.headers);
    // Send the bundler's precompressed copy when the browser takes brotli.
    let body;
    if (/\bbr\b/.test(request.headers['accept-encoding'] ?? '')) {
      body = await readFile(path + '.br').catch(() => null);
      if (body) headers['content-encoding'] = 'br';
    }
    body ??= await readFile(path);
    response.writeHead(status, headers);
    response.end(body);
  };
  const server = http2 ? createSecureServer({ ...selfSigned(), allowHTTP1: true }, handle) : createServer(handle);
  const sessions = new Set();
  server.on('session', (session) => {
    sessions.add(session);
    session.on('close', () => sessions.delete(session));
  });
  const dropAll = () => {
    server.closeAllConnections?.();
    for (const session of sessions) session.destroy();
  };
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address();
  return {
    url: `${http2 ? 'https' : 'http'}://127.0.0.1:${port}${prefix}`,
    /** Addresses asked for outside `prefix`. */
    outside,
    /** Answers `path` (from the site's root) with `status` and `body`, or the file after `delay` ms, until cleared with `null`. */
    setFault: (path, fault) => {
      if (fault) faults.set(path, fault);
      else faults.delete(path);
    },
    /** Drops every request while `isDown`, to play a lost network. */
    setDown: (isDown) => {
      down = isDown;
      if (isDown) dropAll();
    },
    close: () => {
      dropAll();
      return new Promise((ok) => server.close(ok));
    },
  };
}
