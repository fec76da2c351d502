// A centre's day through its pages, end to end, in Debian's Chromium against
// the real qms-server and qms-gateway (voice on, tickets printed to files):
//   1. a ticket taken on the kiosk is on the board, and its call is spoken
//      (the board asks the gateway for the phrase's WAV);
//   2. the counter console calls, recalls and completes it, and the citizen
//      rates it;
//   3. the console receives a dossier from it and shows the receipt slip;
//   4. the dashboard and the phone's ticket page show all of it;
//   5. a double tap on the kiosk issues one ticket;
//   6. with the server stopped every page says so, and recovers when it is
//      back.
// Screenshots of every page (the kiosk in both orientations) are kept under
// the build folder (QMS_E2E_SHOTS). Every wait is bounded.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Server, Gateway, SOURCE_DIR, tempDir, launchBrowser, screenshot, waitFor, json } from './harness.mjs';

const CENTRE = '09187';
const dir = tempDir('qms-day-');
const dist = join(dir, 'dist');
execFileSync(process.execPath, [join(SOURCE_DIR, 'kiosk/web/build.mjs'), '--out', dist], { stdio: 'ignore' });
const server = await new Server(dir).start();
const gateway = await new Gateway(dir, server.address, [CENTRE], ['--web-dir', dist]).start();
const browser = await launchBrowser();
after(async () => {
  await browser.close();
  await gateway.stop();
  await server.stop();
});

const url = (path) => `${gateway.url}${path}`;
const text = (page, id) => page.getByTestId(id).innerText();
const stats = async () => (await json(url(`/api/c/${CENTRE}/stats`))).body;

// Back to the kiosk's start screen (the ticket screen also goes back by
// itself after 30 s).
async function kioskToStart() {
  const done = kiosk.getByTestId('kiosk-done');
  if (await done.isVisible()) await done.click();
  await kiosk.getByTestId('kiosk-start').waitFor();
}

async function open(path, width, height) {
  const page = await browser.newPage({ viewport: { width, height } });
  await page.goto(url(path));
  return page;
}

// The pages the day runs on, opened once and kept open.
const kiosk = await open(`/c/${CENTRE}/kiosk`, 1080, 1920);
const board = await open(`/c/${CENTRE}/board`, 1920, 1080);
const voiceRequests = [];
board.on('request', (r) => {
  if (r.url().includes('/voice?')) voiceRequests.push(new URL(r.url()).searchParams);
});
const counter = await open(`/c/${CENTRE}/counter`, 1366, 768);
let number = '';

test('1. a ticket taken on the kiosk is printed, shown on the board, and its call spoken', async () => {
  await kiosk.getByTestId('kiosk-field-ho_tich').waitFor();
  await waitFor(async () => (await kiosk.getByTestId('kiosk-start').getAttribute('data-status')) === 'ok', 'kiosk ready');
  await screenshot(kiosk, 'kiosk-portrait-start');
  const landscape = await open(`/c/${CENTRE}/kiosk`, 1920, 1080);
  await landscape.getByTestId('kiosk-field-ho_tich').waitFor();
  await screenshot(landscape, 'kiosk-landscape-start');
  await landscape.close();

  await kiosk.getByTestId('kiosk-field-ho_tich').click();
  await kiosk.getByTestId('kiosk-skip').click();
  await kiosk.getByTestId('kiosk-ticket-number').waitFor();
  number = (await text(kiosk, 'kiosk-ticket-number')).trim();
  assert.match(number, /^B\d{3}$/);
  await waitFor(async () => (await kiosk.getByTestId('kiosk-print').getAttribute('data-state')) === 'printed', 'printed');
  await screenshot(kiosk, 'kiosk-portrait-ticket');
  const printed = readdirSync(join(dir, 'tickets'));
  assert.ok(printed.some((f) => f.includes(`-${number}-`) && f.endsWith('.escpos')), printed.join(' '));
  assert.ok(printed.some((f) => f.includes(`-${number}-`) && f.endsWith('.png')), printed.join(' '));

  // The board counts it among those waiting for Hộ tịch.
  await waitFor(async () => (await text(board, 'board-field-count-ho_tich')).includes('1'), 'board shows one waiting');
});

test('2. the console calls, recalls and completes the ticket, and the citizen rates it', async () => {
  await counter.getByTestId('signin-clerk').fill('Nguyễn Thị Lan');
  await counter.getByTestId('signin-counter-5').click();
  await counter.getByTestId('signin-open').click();
  await counter.getByTestId('act-next').waitFor();
  await waitFor(() => counter.getByTestId('act-next').isEnabled(), 'call next enabled');
  await counter.getByTestId('act-next').click();
  await waitFor(async () => (await counter.getByTestId('current-ticket').getAttribute('data-number')) === number, `${number} at counter 5`);

  await waitFor(async () => (await text(board, 'board-hero-number')).includes(number), `board calls ${number}`);
  await waitFor(() => voiceRequests.some((q) => q.get('number') === number && q.get('counter') === '5'), 'the call is spoken');
  await screenshot(board, 'board-call');

  await counter.getByTestId('act-recall').click();
  await waitFor(() => voiceRequests.some((q) => q.get('number') === number && q.get('recall') === '1'), 'the recall is spoken');
  await counter.getByTestId('act-start').click();
  await waitFor(async () => (await counter.getByTestId('current-ticket').getAttribute('data-state')) === 'SERVING', 'serving');
  await screenshot(counter, 'counter-serving');
});

test('3. the console receives a dossier from the served ticket and shows its receipt slip', async () => {
  await counter.getByTestId('act-receive').click();
  await counter.getByTestId('dialog-receive').waitFor();
  const options = counter.locator('[data-testid="receive-procedure"] option');
  await waitFor(async () => (await options.count()) > 1, 'the procedures of Hộ tịch');
  await counter.getByTestId('receive-procedure').selectOption('1.001193');  // Đăng ký khai sinh, same day
  await counter.getByTestId('receive-applicant').fill('Trần Văn Hữu');
  await counter.getByTestId('receive-submit').click();
  const slip = counter.getByTestId('slip-view');
  await slip.getByTestId('receipt-slip').waitFor();
  const code = (await slip.getByTestId('slip-code').innerText()).trim();
  assert.match(code, /^000\.17\.22\.H56-\d{6}-\d{4}$/);
  assert.ok((await slip.getByTestId('slip-due').innerText()).trim().length > 0);
  await screenshot(counter, 'counter-receipt-slip');
  await counter.getByTestId('dialog-close').click();

  await counter.getByTestId('act-complete').click();
  await counter.getByTestId('rating-overlay').waitFor();
  await screenshot(counter, 'counter-rating');
  await counter.getByTestId('rating-VERY_SATISFIED').click();
  await counter.getByTestId('rating-done').waitFor();
  const rated = (await json(url(`/api/c/${CENTRE}/tickets/${number}`))).body.ticket;
  assert.equal(rated.state, 'DONE');
  assert.equal(rated.rating, 'VERY_SATISFIED');
});

test('4. the dashboard and the phone page show the day', async () => {
  const dashboard = await open(`/c/${CENTRE}/dashboard`, 1920, 1080);
  await waitFor(async () => (await text(dashboard, 'kpi-served-value')).trim() === '1', 'one served');
  await waitFor(async () => (await text(dashboard, 'sat-count-VERY_SATISFIED')).trim() === '1', 'one very satisfied');
  await waitFor(async () => (await text(dashboard, 'report-received')).trim() === '1', 'one dossier received');
  await screenshot(dashboard, 'dashboard');
  await dashboard.close();

  const phone = await open(`/c/${CENTRE}/t/${number}`, 390, 844);
  await waitFor(async () => (await phone.getByTestId('ticket-page').getAttribute('data-state')) === 'DONE', 'phone shows done');
  await screenshot(phone, 'ticket-phone-done');
  await phone.close();
});

test('5. a double tap on the kiosk issues one ticket', async () => {
  await kioskToStart();
  const before = (await stats()).total.issued;
  const posts = [];
  kiosk.on('request', (r) => {
    if (r.method() === 'POST' && r.url().endsWith(`/api/c/${CENTRE}/tickets`)) posts.push(r);
  });
  await kiosk.getByTestId('kiosk-field-chung_thuc').click();
  await kiosk.getByTestId('kiosk-skip').dblclick();
  await kiosk.getByTestId('kiosk-ticket-number').waitFor();
  await new Promise((r) => setTimeout(r, 500));  // a second POST would have left by now
  assert.equal(posts.length, 1);
  assert.equal((await stats()).total.issued, before + 1);
});

test('6. with the server stopped the pages say so, and recover when it is back', async () => {
  await kioskToStart();
  await server.stop();
  await waitFor(async () => (await kiosk.getByTestId('kiosk-start').getAttribute('data-status')) === 'unavailable', 'kiosk unavailable', 20000);
  await waitFor(async () => (await board.getByTestId('board-link').getAttribute('data-state')) === 'server', 'board link down', 20000);
  await counter.getByTestId('link-status').waitFor({ timeout: 20000 });
  await screenshot(kiosk, 'kiosk-portrait-unavailable');
  await screenshot(board, 'board-server-down');
  await screenshot(counter, 'counter-server-down');

  await server.start();
  await waitFor(async () => (await kiosk.getByTestId('kiosk-start').getAttribute('data-status')) === 'ok', 'kiosk back', 30000);
  await waitFor(async () => (await board.getByTestId('board-link').getAttribute('data-state')) === 'live', 'board back', 30000);
  await counter.getByTestId('link-status').waitFor({ state: 'detached', timeout: 30000 });
  // And it works again: a ticket taken now reaches the board.
  await kiosk.getByTestId('kiosk-field-dat_dai').click();
  await kiosk.getByTestId('kiosk-skip').click();
  await kiosk.getByTestId('kiosk-ticket-number').waitFor();
  await waitFor(async () => (await text(board, 'board-field-count-dat_dai')).includes('1'), 'board sees the new ticket');
  await screenshot(board, 'board-recovered');
});
