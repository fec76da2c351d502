// The end-to-end harness: the real qms-server and qms-gateway on loopback
// ports the kernel picks, in a fresh temp folder, and Debian's Chromium
// driven by playwright-core. Every wait is bounded; every child is killed
// when the test process ends.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { mkdtempSync, mkdirSync, rmSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
export const SOURCE_DIR = resolve(here, '../../..');
const BUILD_DIR = process.env.QMS_BUILD_DIR || join(SOURCE_DIR, 'build');
export const SERVER_BIN = process.env.QMS_SERVER_BIN || join(BUILD_DIR, 'services/server/qms-server');
export const GATEWAY_BIN = process.env.QMS_GATEWAY_BIN || join(BUILD_DIR, 'kiosk/gateway/qms-gateway');
export const QMSCTL_BIN = process.env.QMS_QMSCTL_BIN || join(BUILD_DIR, 'services/qmsctl/qmsctl');
export const SHOTS_DIR = process.env.QMS_E2E_SHOTS || join(BUILD_DIR, 'tests/kiosk/e2e/screenshots');

const children = new Set();
function killAll() {
  for (const child of children) {
    try {
      child.kill('SIGKILL');
    } catch (e) {}
  }
}
process.on('exit', killAll);
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => { killAll(); process.exit(1); });

// Polls `check` (sync or async) until it returns a truthy value; throws
// `what` after `timeoutMs`.
export async function waitFor(check, what, timeoutMs = 10000, everyMs = 50) {
  const until = Date.now() + timeoutMs;
  let last;
  while (Date.now() < until) {
    try {
      last = await check();
      if (last) return last;
    } catch (e) {
      last = e;
    }
    await new Promise((r) => setTimeout(r, everyMs));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${last instanceof Error ? `: ${last.message}` : ''}`);
}

class Child {
  constructor(name, bin, args) {
    this.name = name;
    this.bin = bin;
    this.args = args;
    this.log = '';
    this.exited = null;
  }
  start() {
    this.exited = null;
    this.proc = spawn(this.bin, this.args, { stdio: ['ignore', 'pipe', 'pipe'] });
    children.add(this.proc);
    const append = (d) => { this.log += d.toString(); };
    this.proc.stdout.on('data', append);
    this.proc.stderr.on('data', append);
    this.proc.on('exit', (code, signal) => {
      this.exited = { code, signal };
      children.delete(this.proc);
    });
    return this;
  }
  async waitForLine(regex, timeoutMs = 30000) {
    const from = this.log.length;
    return waitFor(() => {
      if (this.exited) throw new Error(`${this.name} exited (${JSON.stringify(this.exited)}):\n${this.log}`);
      return regex.exec(this.log.slice(from));
    }, `${this.name}: ${regex}`, timeoutMs);
  }
  async stop(signal = 'SIGTERM') {
    if (!this.proc || this.exited) return;
    this.proc.kill(signal);
    await waitFor(() => this.exited, `${this.name} to exit`, 15000);
  }
}

// config/demo.yaml as a test's server takes it, written to dir/demo.yaml:
// the same except that no field stops taking tickets when its wait would
// run past closing time, so that what a test is issued does not depend on
// the hour it runs at (the demo closes at 17:00, 10:00 UTC).
export function demoConfigAnyHour(dir) {
  const on = 'stop_when_wait_past_closing: true';
  const demo = readFileSync(join(SOURCE_DIR, 'config/demo.yaml'), 'utf8');
  if (!demo.includes(on)) throw new Error(`config/demo.yaml no longer says ${on}`);
  const path = join(dir, 'demo.yaml');
  writeFileSync(path, demo.replace(on, 'stop_when_wait_past_closing: false'));
  return path;
}

// A qms-server on the demo config (demoConfigAnyHour), in `dir`. `listen` defaults to a free
// port; a restart keeps its address. `security`: access control and TLS
// flags (default: none, --insecure-no-auth).
export class Server extends Child {
  constructor(dir, listen = '127.0.0.1:0', security = ['--insecure-no-auth']) {
    super('qms-server', SERVER_BIN, ['--config', demoConfigAnyHour(dir), '--data-dir', join(dir, 'data'), ...security, '--listen', listen]);
  }
  async start() {
    super.start();
    const m = await this.waitForLine(/listening on (127\.0\.0\.1:\d+)/);
    this.address = m[1];
    this.args[this.args.length - 1] = this.address;  // a restart takes the same port
    return this;
  }
}

// A qms-gateway for `centres`, printing into dir/tickets/.
export class Gateway extends Child {
  constructor(dir, server, centres = ['09187'], extra = []) {
    mkdirSync(join(dir, 'tickets'), { recursive: true });
    super('qms-gateway', GATEWAY_BIN, ['--server', server, '--centres', centres.join(','), '--listen', '127.0.0.1:0',
      '--printer', `file:${join(dir, 'tickets')}/`, ...extra]);
  }
  async start() {
    super.start();
    const m = await this.waitForLine(/listening on (http:\/\/127\.0\.0\.1:\d+)/);
    this.url = m[1];
    this.args[this.args.indexOf('--listen') + 1] = this.url.replace('http://', '');
    return this;
  }
}

export function tempDir(prefix = 'qms-e2e-') {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

// Debian's Chromium, headless, with the flags this sandbox needs (no
// network beyond loopback) and sound allowed without a click (the board).
export async function launchBrowser() {
  // playwright-core is one of the pages' npm packages (kiosk/web).
  const { chromium } = createRequire(join(SOURCE_DIR, 'kiosk/web/package.json'))('playwright-core');
  return chromium.launch({
    executablePath: process.env.QMS_CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--autoplay-policy=no-user-gesture-required'],
  });
}

export async function screenshot(page, name) {
  mkdirSync(SHOTS_DIR, { recursive: true });
  const path = join(SHOTS_DIR, `${name}.png`);
  await page.screenshot({ path, fullPage: false });
  return path;
}

export async function json(url, options = {}) {
  const r = await fetch(url, { ...options, headers: { 'Content-Type': 'application/json', ...(options.headers || {}) } });
  return { status: r.status, body: await r.json() };
}

export const readText = (path) => readFileSync(path, 'utf8');
