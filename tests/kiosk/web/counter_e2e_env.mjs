// The browser runs of the staff pages (counter_e2e.mjs, counter_e2e_rating.mjs,
// dashboard_e2e.mjs) share this: the pages built into a temp folder, a real
// qms-server and qms-gateway (tests/kiosk/e2e/harness.mjs), a week-old day of
// dossiers so that some are overdue, and small helpers. Run by hand:
//   QMS_SERVER_BIN=/work/wt/bin/qms-server QMS_GATEWAY_BIN=/work/wt/bin/qms-gateway \
//   QMS_E2E_SHOTS=/tmp/shots node tests/kiosk/web/counter_e2e.mjs
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import assert from 'node:assert/strict';
import { Server, Gateway, SOURCE_DIR, SHOTS_DIR, tempDir, launchBrowser, screenshot, waitFor, json } from '../e2e/harness.mjs';

export { assert, waitFor, screenshot, launchBrowser };
export const CENTRE = '09187';

export function buildPages(dir) {
  const out = join(dir, 'dist');
  execFileSync(process.execPath, [join(SOURCE_DIR, 'kiosk/web/build.mjs'), '--out', out], { stdio: 'inherit' });
  return out;
}

// "2026-11-24T09:00": 09:00 local (UTC+7) on the latest Tuesday up to
// today, `weeksBack` weeks earlier. The server runs from that moment (its
// clock then moves in real time), so that what is due soon and what is
// overdue does not depend on the hour the test runs: a same-day dossier
// received after 15:00 is due the next working day, past the lists' 8
// working hours, and one received at the weekend later still.
export function aTuesdayAt9(weeksBack = 0) {
  const local = new Date(Date.now() + 7 * 3600e3);
  const daysBack = ((local.getUTCDay() - 2 + 7) % 7) + 7 * weeksBack;
  const d = new Date(local.getTime() - daysBack * 86400e3);
  const pad = (n) => String(n).padStart(2, '0');
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T09:00`;
}

// Server and gateway, the server's clock from a Tuesday at 09:00
// (aTuesdayAt9); with `overdue` dossiers received a week before that first
// (the server runs once on a clock a week further back).
export async function startCentre({ overdue = [], extraGateway = [] } = {}) {
  const dir = tempDir('qms-staff-');
  const dist = buildPages(dir);
  const server = new Server(dir);
  if (overdue.length > 0) {
    const listen = server.args.indexOf('--listen');
    server.args.splice(listen, 0, '--clock-start', aTuesdayAt9(1));
    await server.start();
    const gateway = await new Gateway(dir, server.address, [CENTRE], ['--web-dir', dist, '--no-voice']).start();
    for (const [i, d] of overdue.entries()) {
      const r = await json(`${gateway.url}/api/c/${CENTRE}/dossiers`, {
        method: 'POST',
        body: JSON.stringify({ request_id: `old-${i}`, clerk_id: 'lan', ...d }),
      });
      assert.equal(r.status, 200, JSON.stringify(r.body));
    }
    await gateway.stop();
    await server.stop();
    server.args.splice(server.args.indexOf('--clock-start'), 2);
  }
  server.args.splice(server.args.indexOf('--listen'), 0, '--clock-start', aTuesdayAt9());
  await server.start();
  const gateway = await new Gateway(dir, server.address, [CENTRE], ['--web-dir', dist, '--no-voice', ...extraGateway]).start();
  const api = async (method, path, body) => {
    const r = await json(`${gateway.url}/api/c/${CENTRE}${path}`, { method, body: body === undefined ? undefined : JSON.stringify(body) });
    return r;
  };
  let issued = 0;
  const issue = async (field_id, priority = 'NORMAL') => {
    const r = await api('POST', '/tickets', { field_id, priority, request_id: `e2e-${++issued}-${Date.now()}` });
    assert.equal(r.status, 200, JSON.stringify(r.body));
    return r.body.issued.ticket.number;
  };
  return { dir, dist, server, gateway, api, issue, url: (path) => `${gateway.url}/c/${CENTRE}${path}` };
}

// A page of its own browser context (its own localStorage), at a size.
export async function newPage(browser, width = 1366, height = 768) {
  const context = await browser.newContext({ viewport: { width, height }, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
  const page = await context.newPage();
  page.on('pageerror', (e) => console.log(`pageerror: ${e.message}`));
  page.on('console', (m) => m.type() === 'error' && !/favicon|status of 4\d\d|status of 5\d\d/.test(m.text()) && console.log(`console: ${m.text()}`));
  return page;
}

export const byTestId = (page, id) => page.locator(`[data-testid="${id}"]`);

export async function textOf(page, id) {
  return (await byTestId(page, id).first().textContent()) || '';
}

// Screenshots are named in order: 01-..., 02-...
let shot = 0;
export async function snap(page, name) {
  shot += 1;
  const path = await screenshot(page, `${String(shot).padStart(2, '0')}-${name}`);
  console.log(`  screenshot ${path}`);
  return path;
}

// The page printed to PDF as Chromium would print it (print media, @page
// sizes): the size of each page in points, e.g. [[420, 595]] for one A5.
export async function printedPages(page, name) {
  mkdirSync(SHOTS_DIR, { recursive: true });
  await page.emulateMedia({ media: 'print' });
  const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
  await page.emulateMedia({ media: null });
  writeFileSync(join(SHOTS_DIR, `${name}.pdf`), pdf);
  const boxes = [...pdf.toString('latin1').matchAll(/\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/g)];
  return boxes.map((m) => [Math.round(Number(m[1])), Math.round(Number(m[2]))]);
}

// A screenshot of print media at the paper's printable width (the page
// size less its margins), as a print preview.
export async function printPreview(page, name, widthMm, heightMm) {
  const before = page.viewportSize();
  await page.emulateMedia({ media: 'print' });
  await page.setViewportSize({ width: Math.round((widthMm * 96) / 25.4), height: Math.round((heightMm * 96) / 25.4) });
  const path = await snap(page, name);
  await page.emulateMedia({ media: null });
  await page.setViewportSize(before);
  return path;
}

export async function signIn(page, env, name, counterId) {
  await page.goto(env.url('/counter'));
  await byTestId(page, 'signin-clerk').fill(name);
  await byTestId(page, `signin-counter-${counterId}`).click();
  await waitFor(async () => !(await byTestId(page, 'signin-open').isDisabled()), 'sign-in ready');
  await byTestId(page, 'signin-open').click();
  await byTestId(page, 'console').waitFor();
  await waitFor(async () => (await page.getAttribute('[data-testid="console"]', 'data-counter-state')) === 'OPEN', 'counter open');
}

// Waits until the ticket at the console is `number` in `state` ('none' for none).
export async function waitForCurrent(page, number, state) {
  await waitFor(async () => {
    const el = byTestId(page, 'current-ticket');
    const s = await el.getAttribute('data-state');
    if (state === 'none') return s === 'none';
    return s === state && (await el.getAttribute('data-number')) === number;
  }, `ticket ${number} ${state}`);
}

export async function press(page, key) {
  await page.evaluate(() => document.activeElement && document.activeElement.blur && document.activeElement.blur());
  await page.keyboard.press(key);
}
