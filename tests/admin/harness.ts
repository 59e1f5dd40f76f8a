/**
 * Browser-test harness for the admin app: builds it with Vite into a temp directory, serves the static
 * files with /graphql and /files proxied to a stack's gateway, and drives Debian's Chromium (never a
 * downloaded browser). Without /usr/bin/chromium the tests are skipped, with the install command.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import { extname, join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { heldSecondFactor, holdSecondFactor, nextSecondFactorCode, type HeldSecondFactor } from '@tandem/testkit';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM);
export const SKIP_REASON = `admin browser tests skipped: ${CHROMIUM} not found (install it with: sudo apt-get install -y chromium)`;
if (!hasChromium) console.warn(SKIP_REASON);

const REPO_ROOT = resolve(import.meta.dirname, '../..');
export const SCREENSHOT_DIR = resolve(REPO_ROOT, '.data/screenshots');

/** The participant app's address the built admin app's invitation links open. */
export const PARTICIPANT_APP_URL = 'https://app.tandem.test';

/**
 * `vite build` of one of the apps (apps/admin, apps/web) into a fresh temp directory. Two test files may build the
 * same app at once, each into its own directory; Vite 8 refuses a second build of one project while the first runs
 * ("Found another Vite build process", and its `--bypass-lock` is refused by the build command), so the later one
 * waits for the first and tries again.
 */
export function viteBuild(app: 'admin' | 'web', env: Record<string, string>): string {
  const outDir = mkdtempSync(join(os.tmpdir(), `tandem-${app}-`));
  const local = resolve(REPO_ROOT, `apps/${app}/node_modules/vite/bin/vite.js`);
  const vite = existsSync(local) ? local : resolve(REPO_ROOT, 'node_modules/vite/bin/vite.js');
  const deadline = Date.now() + 300_000;
  for (;;) {
    const res = spawnSync(
      process.execPath,
      [vite, 'build', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'warn'],
      {
        cwd: resolve(REPO_ROOT, `apps/${app}`),
        encoding: 'utf8',
        env: { ...process.env, NODE_ENV: 'production', ...env },
      },
    );
    if (res.status === 0) return outDir;
    const busy = /Found another Vite build process/.test(`${res.stdout}${res.stderr}`);
    if (!busy || Date.now() > deadline) throw new Error(`vite build failed:\n${res.stdout}\n${res.stderr}`);
    spawnSync('sleep', ['2']);
  }
}

/** `vite build` of apps/admin into a fresh temp directory. */
export function buildAdminApp(): string {
  return viteBuild('admin', { VITE_PARTICIPANT_APP_URL: PARTICIPANT_APP_URL });
}

const TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
};

export interface AdminServer {
  url: string;
  stop(): Promise<void>;
}

/**
 * Serves the built app (SPA fallback to index.html) and proxies /graphql and /files to the gateway. The live stream
 * (/live) is proxied as a stream only with `live: true`; otherwise it answers 503 like a gateway without live updates,
 * so the apps poll and Playwright's `networkidle` is reached (an open stream never lets the network go idle).
 */
export async function serveAdminApp(
  dir: string,
  gatewayGraphqlUrl: string,
  port = 0,
  options: { live?: boolean } = {},
): Promise<AdminServer> {
  const gateway = new URL(gatewayGraphqlUrl).origin;
  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    try {
      if (url.pathname === '/live') {
        if (!options.live) {
          res.writeHead(503, { 'content-type': 'application/json', 'retry-after': '60' });
          res.end(
            '{"errors":[{"message":"Live updates are off in this test.","extensions":{"code":"SERVICE_UNAVAILABLE"}}]}',
          );
          return;
        }
        const abort = new AbortController();
        res.on('close', () => abort.abort());
        const headers: Record<string, string> = {};
        for (const h of ['authorization', 'accept', 'last-event-id', 'accept-language']) {
          const v = req.headers[h];
          if (typeof v === 'string') headers[h] = v;
        }
        const upstream = await fetch(gateway + url.pathname, { headers, signal: abort.signal });
        res.writeHead(upstream.status, {
          'content-type': upstream.headers.get('content-type') ?? 'text/plain',
          'cache-control': 'no-cache',
        });
        res.flushHeaders();
        if (!upstream.body) return void res.end();
        try {
          for await (const chunk of upstream.body) res.write(chunk);
        } catch {
          // the browser or the gateway went away
        }
        res.end();
        return;
      }
      if (url.pathname.startsWith('/graphql') || url.pathname.startsWith('/files')) {
        const chunks: Buffer[] = [];
        for await (const c of req) chunks.push(c as Buffer);
        const headers: Record<string, string> = {};
        for (const [k, v] of Object.entries(req.headers))
          if (typeof v === 'string' && !['host', 'connection', 'content-length'].includes(k)) headers[k] = v;
        const upstream = await fetch(gateway + url.pathname + url.search, {
          method: req.method,
          headers,
          body: chunks.length ? Buffer.concat(chunks) : undefined,
        });
        const out: Record<string, string> = {};
        upstream.headers.forEach((v, k) => {
          if (!['content-encoding', 'content-length', 'transfer-encoding', 'connection'].includes(k)) out[k] = v;
        });
        res.writeHead(upstream.status, out);
        res.end(Buffer.from(await upstream.arrayBuffer()));
        return;
      }
      let file = join(dir, decodeURIComponent(url.pathname));
      if (!file.startsWith(dir) || !existsSync(file) || statSync(file).isDirectory()) file = join(dir, 'index.html');
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
      res.end(readFileSync(file));
    } catch (error) {
      res.writeHead(502, { 'content-type': 'text/plain' });
      res.end(String(error));
    }
  });
  await new Promise<void>((r) => server.listen(port, '127.0.0.1', r));
  const { port: bound } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${bound}`,
    stop: () =>
      new Promise<void>((r) => {
        server.close(() => r());
        server.closeAllConnections(); // open live streams would keep it waiting
      }),
  };
}

/**
 * The system Chromium. Under `npm test -- --clock-offset N` (libfaketime preloaded into every process) Chromium
 * itself would hang, so it runs on the real clock and each of its contexts gets the shifted one from Playwright's
 * clock instead (Node's `Date.now()` here is the shifted time; time then flows and timers fire as usual).
 */
export async function launchBrowser(): Promise<Browser> {
  const shifted = !!process.env.FAKETIME;
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-quic',
      '--disable-sync',
    ],
    env: shifted ? withoutFaketime(process.env) : undefined,
  });
  if (!shifted) return browser;
  const newContext = browser.newContext.bind(browser);
  browser.newContext = async (options) => {
    const context = await newContext(options);
    await context.clock.install({ time: Date.now() });
    return context;
  };
  return browser;
}

function withoutFaketime(env: NodeJS.ProcessEnv): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) {
    if (value === undefined || key.startsWith('FAKETIME')) continue;
    if (key === 'LD_PRELOAD') {
      const rest = value.split(':').filter((lib) => lib && !lib.includes('libfaketime'));
      if (rest.length) kept[key] = rest.join(':');
      continue;
    }
    kept[key] = value;
  }
  return kept;
}

/** A full-page screenshot under .data/screenshots/<name>.png (kept as a test artifact). */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const path = join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/**
 * Signs in through the form and waits for the shell. Staff whose sign-in asks for a second factor answer it as a
 * person with an authenticator app would: one they must set up is set up on the page (the secret read from it,
 * the code generated with otplib, the recovery codes kept), and the testkit holds it (per email, shared with the
 * API sign-ins of the same test file) to answer later challenges.
 */
export async function signIn(page: Page, baseUrl: string, email: string, password: string): Promise<void> {
  await page.goto(`${baseUrl}/sign-in`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  // the shell's sign-out, in English or (an account whose saved language is French) in French
  const signedIn = page.getByRole('button', { name: /^(Sign out|Se déconnecter)$/ });
  const code = page.getByLabel('Authentication code');
  const enrol = page.getByLabel('Code from your app');
  await signedIn.or(code).or(enrol).first().waitFor();
  if (await enrol.isVisible()) {
    const secret = (await page.getByTestId('totp-secret').textContent())!.trim();
    const factor: HeldSecondFactor = { secret, lastStep: 0, recoveryCodes: [] };
    await enrol.fill(await nextSecondFactorCode(factor));
    await page.getByRole('button', { name: 'Confirm' }).click();
    const codes = page.getByRole('list', { name: 'Recovery codes' }).locator('code');
    await codes.first().waitFor();
    factor.recoveryCodes = (await codes.allTextContents()).map((c) => c.trim());
    holdSecondFactor(email, factor);
    await page.getByRole('button', { name: 'I have saved my recovery codes' }).click();
  } else if (await code.isVisible()) {
    const factor = heldSecondFactor(email);
    if (!factor) throw new Error(`${email} has a second factor the tests do not hold`);
    await code.fill(await nextSecondFactorCode(factor));
    await page.getByRole('button', { name: 'Verify' }).click();
  }
  await signedIn.waitFor();
}

export function removeDir(dir: string | undefined): void {
  if (dir) rmSync(dir, { recursive: true, force: true });
}
