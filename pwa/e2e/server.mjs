// Starts the real `rjhub` server for browser tests: demo accounts, a fresh data directory, the
// built PWA (`npm run build` first), a free port. Stop it with `await server.stop()`.
//
//   const server = await startServer();
//   await page.goto(server.url + '/');
//
// The binary is ../target/debug/rjhub unless RJHUB_BIN says otherwise.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

export const PWA_DIST = resolve(here, '..', 'dist');
export const DEFAULT_BIN = resolve(here, '..', '..', 'target', 'debug', 'rjhub');

/** The demo accounts `rjhub serve --demo` loads; they all share this password. */
export const DEMO_PASSWORD = 'rjhub-demo-2026';
export const demoEmail = (who) => `${who}@demo.rjhub.test`;

/** A TCP port nobody is listening on just now. */
export function freePort() {
  return new Promise((resolvePort, reject) => {
    const probe = createServer();
    probe.unref();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolvePort(port));
    });
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * With `localhost`, the server is browsed as http://localhost:PORT (its public address, so
 * passkeys work: WebAuthn needs a host name, not an IP address); it still listens on 127.0.0.1.
 * @param {{ bin?: string, pwaDir?: string, env?: Record<string, string>, readyTimeoutMs?: number, localhost?: boolean }} [options]
 */
export async function startServer(options = {}) {
  const bin = options.bin ?? process.env.RJHUB_BIN ?? DEFAULT_BIN;
  const pwaDir = options.pwaDir ?? PWA_DIST;
  const readyTimeoutMs = options.readyTimeoutMs ?? 60_000;
  if (!existsSync(bin)) throw new Error(`rjhub binary not found at ${bin} (set RJHUB_BIN)`);
  if (!existsSync(join(pwaDir, 'index.html'))) {
    throw new Error(`${pwaDir}/index.html is missing: run \`npm run build\` in pwa/ first`);
  }

  const dataDir = await mkdtemp(join(tmpdir(), 'rjhub-e2e-'));
  const port = await freePort();
  const listening = `http://127.0.0.1:${port}`;
  const url = options.localhost ? `http://localhost:${port}` : listening;
  const args = ['serve', '--demo', '--bind', `127.0.0.1:${port}`, '--data-dir', dataDir, '--pwa-dir', pwaDir];

  // The server's own settings come from these flags only, not from the developer's shell.
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('RJHUB_') && k !== 'DATABASE_URL'));
  const child = spawn(bin, args, {
    // Nudges and digests off: tests that read the mail count what they caused.
    env: {
      ...env,
      RJHUB_LOG: 'info',
      RJHUB_NUDGES: 'false',
      ...(options.localhost ? { RJHUB_PUBLIC_URL: url } : {}),
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });

  const lines = [];
  const keep = (chunk) => {
    lines.push(...chunk.toString().split('\n').filter(Boolean));
    if (lines.length > 300) lines.splice(0, lines.length - 300);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  let exited = null;
  const exit = new Promise((r) =>
    child.once('exit', (code, signal) => {
      exited = { code, signal };
      r(exited);
    }),
  );

  const output = () => lines.join('\n');

  async function stop() {
    if (!exited) {
      child.kill('SIGTERM');
      const done = await Promise.race([exit, sleep(5_000).then(() => null)]);
      if (!done) {
        child.kill('SIGKILL');
        await exit;
      }
    }
    await rm(dataDir, { recursive: true, force: true });
  }

  const deadline = Date.now() + readyTimeoutMs;
  for (;;) {
    if (exited) {
      await rm(dataDir, { recursive: true, force: true });
      throw new Error(`rjhub exited before it was ready (${JSON.stringify(exited)}):\n${output()}`);
    }
    try {
      const res = await fetch(`${listening}/readyz`, { signal: AbortSignal.timeout(2_000) });
      if (res.status === 200) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`rjhub did not answer GET /readyz with 200 within ${readyTimeoutMs} ms:\n${output()}`);
    }
    await sleep(150);
  }

  /**
   * The newest e-mail in the data directory's outbox (no SMTP configured) addressed to `to`;
   * with `matching`, the newest whose text also matches it (one person may get several).
   * @param {string} to
   * @param {number} [timeoutMs]
   * @param {RegExp} [matching]
   */
  async function waitForMail(to, timeoutMs = 15_000, matching) {
    const dir = join(dataDir, 'outbox');
    const until = Date.now() + timeoutMs;
    for (;;) {
      const names = existsSync(dir) ? (await readdir(dir)).filter((n) => n.endsWith('.eml')).sort() : [];
      for (const name of names.reverse()) {
        const text = await readFile(join(dir, name), 'utf8');
        if (text.toLowerCase().includes(to.toLowerCase()) && (!matching || matching.test(text))) return text;
      }
      if (Date.now() > until) throw new Error(`no e-mail to ${to}${matching ? ` matching ${matching}` : ''} in ${dir} after ${timeoutMs} ms`);
      await sleep(200);
    }
  }

  return { url, port, dataDir, output, stop, waitForMail };
}
