// The kiosk page in Debian's Chromium against the real qms-server and
// qms-gateway: every screen in portrait (1080×1920) and landscape
// (1920×1080), one tap one ticket (double tap, lost reply), the plain
// screens (field full, closed, unavailable), idle, and the server going
// away and coming back. Run by hand (see kiosk_e2e_env.mjs); screenshots
// go to QMS_E2E_SHOTS as kiosk-<orientation>-<screen>[-en].png.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { startCentre, buildPages, Gateway, launchBrowser, screenshot, json, testid } from './kiosk_e2e_env.mjs';

const SIZES = { portrait: { width: 1080, height: 1920 }, landscape: { width: 1920, height: 1080 } };
let centre;
let browser;
const pageErrors = [];

before(async () => {
  centre = await startCentre();
  browser = await launchBrowser();
});
after(async () => {
  if (browser) await browser.close();
  if (centre) await centre.stopAll();
});

async function kiosk(orientation, { centreId = '09187', clock = false } = {}) {
  const context = await browser.newContext({ viewport: SIZES[orientation], hasTouch: true });
  const page = await context.newPage();
  page.on('pageerror', (e) => pageErrors.push(e.message));
  if (clock) await page.clock.install();
  await page.goto(`${centre.gateway.url}/c/${centreId}/kiosk`);
  await page.waitForSelector(`${testid('kiosk-start')}[data-status="ok"]`);
  return page;
}
const shot = (page, orientation, name) => screenshot(page, `kiosk-${orientation}-${name}`);
const screenOf = (page) => page.getAttribute(testid('kiosk'), 'data-screen');
const tap = (page, id) => page.click(testid(id));
async function pressDigits(page, digits) {
  for (const d of digits) await tap(page, `kiosk-key-${d}`);
}
// POST bodies of ticket requests, as the page sent them.
function watchIssues(page) {
  const bodies = [];
  page.on('request', (r) => {
    if (r.method() === 'POST' && /\/api\/c\/\d+\/tickets$/.test(new URL(r.url()).pathname)) bodies.push(r.postDataJSON());
  });
  return bodies;
}

test('start, ID keypad and ticket in both orientations; Done resets the language and priority', async () => {
  const ids = { portrait: '001234567890', landscape: '123456789' };
  for (const orientation of Object.keys(SIZES)) {
    const page = await kiosk(orientation);
    assert.equal(await page.locator('[data-testid^="kiosk-field-queue-"]').count(), 4);
    assert.match(await page.textContent(testid('kiosk-field-ho_kinh_doanh')), /Hộ kinh doanh/);
    assert.match(await page.textContent(testid('kiosk-date')), /^Thứ .+, \d\d\/\d\d\/\d{4}$/);
    await shot(page, orientation, 'start');
    await page.click('.k-lang');
    await page.waitForSelector(`${testid('kiosk')}[data-lang="en"]`);
    assert.match(await page.textContent(testid('kiosk-priority')), /Priority: older people/);
    await shot(page, orientation, 'start-en');
    await page.click('.k-lang');

    await tap(page, 'kiosk-priority');
    assert.equal(await page.getAttribute(testid('kiosk-priority'), 'aria-pressed'), 'true');
    await tap(page, 'kiosk-field-ho_tich');
    await page.waitForSelector(testid('kiosk-id-screen'));
    await pressDigits(page, ids[orientation].slice(0, 5));
    assert.ok(await page.isDisabled(testid('kiosk-take')), '5 digits are not an ID');
    await pressDigits(page, ids[orientation].slice(5));
    assert.equal(await page.getAttribute(testid('kiosk-id-display'), 'data-digits'), String(ids[orientation].length));
    assert.ok(await page.isEnabled(testid('kiosk-take')));
    await shot(page, orientation, 'id');

    const bodies = watchIssues(page);
    await tap(page, 'kiosk-take');
    await page.waitForSelector(testid('kiosk-ticket'));
    assert.equal(bodies.length, 1);
    assert.equal(bodies[0].citizen_id, ids[orientation]);
    assert.equal(bodies[0].priority, 'PRIORITY');
    const number = await page.textContent(testid('kiosk-ticket-number'));
    assert.match(number, /^B\d{3}$/);
    await page.waitForSelector(`${testid('kiosk-print')}[data-state="printed"]`);
    assert.ok(await page.$eval(testid('kiosk-ticket-qr'), (img) => img.complete && img.naturalWidth > 0), 'the QR code loaded');
    assert.ok(readdirSync(join(centre.dir, 'tickets')).some((f) => f.includes(`-${number}-`)), 'the ticket was printed');
    await shot(page, orientation, 'ticket');
    await tap(page, 'kiosk-done');
    await page.waitForSelector(testid('kiosk-start'));
    assert.equal(await page.getAttribute(testid('kiosk-priority'), 'aria-pressed'), 'false');
    assert.equal(await page.getAttribute(testid('kiosk'), 'data-lang'), 'vi');
    await page.context().close();
  }
  const page = await kiosk('landscape');
  await page.click('.k-lang');
  await tap(page, 'kiosk-field-chung_thuc');
  await shot(page, 'landscape', 'id-en');
  await tap(page, 'kiosk-skip');
  await page.waitForSelector(`${testid('kiosk-print')}[data-state="printed"]`);
  assert.match(await page.textContent(testid('kiosk-ticket')), /Your number/);
  await shot(page, 'landscape', 'ticket-en');
  await page.context().close();
});

test('a double tap gives one request; a lost reply is retried with the same id and gives the same ticket', async () => {
  const page = await kiosk('portrait');
  const bodies = watchIssues(page);
  await tap(page, 'kiosk-field-chung_thuc');
  // Two taps in the same moment, before the page can redraw.
  await page.$eval(testid('kiosk-skip'), (b) => {
    b.click();
    b.click();
  });
  await page.waitForSelector(testid('kiosk-ticket'));
  assert.equal(bodies.length, 1, 'one request for two taps');
  await tap(page, 'kiosk-done');

  // The first reply is lost on its way back: the server issued the ticket.
  let first = null;
  await page.route('**/api/c/09187/tickets', async (route) => {
    if (route.request().method() !== 'POST' || first) return route.continue();
    const response = await route.fetch();
    first = await response.json();
    await route.abort('connectionreset');
  });
  bodies.length = 0;
  await tap(page, 'kiosk-field-ho_kinh_doanh');
  await tap(page, 'kiosk-skip');
  await page.waitForSelector(testid('kiosk-ticket'));
  const number = await page.textContent(testid('kiosk-ticket-number'));
  assert.ok(first, 'the first request reached the server');
  assert.equal(number, first.issued.ticket.number);
  assert.equal(await page.getAttribute(testid('kiosk-ticket'), 'data-replayed'), 'true');
  assert.equal(bodies.length, 2);
  assert.equal(bodies[0].request_id, bodies[1].request_id);
  const next = `D${String(Number(number.slice(1)) + 1).padStart(3, '0')}`;
  assert.equal((await json(`${centre.gateway.url}/api/c/09187/tickets/${next}`)).status, 404, 'no second ticket');
  await page.context().close();
});

test('field full: the server\'s reason; the field then shows it is stopped', async () => {
  // Portrait: the field's daily cap (2) is reached while the citizen is on the ID screen.
  let page = await kiosk('portrait');
  await tap(page, 'kiosk-field-dat_dai');
  for (let i = 0; i < 2; i++) await centre.qmsctl('issue', '--centre', '09187', '--field', 'dat_dai');
  await tap(page, 'kiosk-skip');
  await page.waitForSelector(testid('kiosk-full'));
  assert.equal(await page.textContent(testid('kiosk-full-reason')), 'Lĩnh vực Đất đai đã hết số hôm nay (2 số)');
  await shot(page, 'portrait', 'full');
  await tap(page, 'kiosk-to-start');
  await page.waitForSelector(`${testid('kiosk-field-dat_dai')}[data-stopped="true"]`);
  assert.ok(await page.isDisabled(testid('kiosk-field-dat_dai')));
  await shot(page, 'portrait', 'start-field-stopped');
  await page.context().close();

  // Landscape: one ticket per citizen per field.
  page = await kiosk('landscape');
  for (const lang of ['vi', 'en']) {
    if (lang === 'en') await page.click('.k-lang');
    await tap(page, 'kiosk-field-ho_kinh_doanh');
    await pressDigits(page, '079123456789');
    await tap(page, 'kiosk-take');
    await page.waitForSelector(lang === 'vi' ? testid('kiosk-ticket') : testid('kiosk-full'));
    if (lang === 'vi') {
      await tap(page, 'kiosk-done');
      continue;
    }
    assert.equal(await page.textContent(testid('kiosk-full-reason')), 'At most 1 ticket(s) a day per field');
    await shot(page, 'landscape', 'full-en');
  }
  await page.context().close();
});

test('closed: the refusal outside opening hours, then the start screen says when it opens', async () => {
  for (const orientation of Object.keys(SIZES)) {
    const page = await kiosk(orientation, { centreId: '07696' });
    if (orientation === 'landscape') await page.click('.k-lang');
    await tap(page, 'kiosk-field-ho_tich');
    await tap(page, 'kiosk-skip');
    await page.waitForSelector(testid('kiosk-closed'));
    const text = await page.textContent(testid('kiosk-closed'));
    assert.match(text, orientation === 'portrait' ? /Trung tâm đang ngoài giờ nhận số/ : /not issuing tickets now/);
    assert.match(await page.textContent(testid('kiosk-closed-next')), /07:30/);
    await shot(page, orientation, orientation === 'portrait' ? 'closed' : 'closed-en');
    await tap(page, 'kiosk-to-start');
    await page.waitForSelector(`${testid('kiosk-start')}[data-status="closed"]`);
    assert.equal(await page.locator('[data-testid^="kiosk-field-"]').count(), 0, 'no field to tap');
    await shot(page, orientation, orientation === 'portrait' ? 'start-closed' : 'start-closed-en');
    await page.context().close();
  }
});

test('unavailable after retries; "Thử lại" sends the same request id', async () => {
  for (const orientation of Object.keys(SIZES)) {
    const page = await kiosk(orientation);
    if (orientation === 'landscape') await page.click('.k-lang');
    const bodies = watchIssues(page);
    await page.route('**/api/c/09187/tickets', (route) => route.abort('connectionrefused'));
    await tap(page, 'kiosk-field-ho_tich');
    await tap(page, 'kiosk-skip');
    await page.waitForSelector(testid('kiosk-unavailable'));
    assert.equal(bodies.length, 3, 'the first try and two retries');
    assert.equal(new Set(bodies.map((b) => b.request_id)).size, 1);
    await shot(page, orientation, orientation === 'portrait' ? 'unavailable' : 'unavailable-en');
    await page.unroute('**/api/c/09187/tickets');
    await tap(page, 'kiosk-retry');
    await page.waitForSelector(testid('kiosk-ticket'));
    assert.equal(bodies.at(-1).request_id, bodies[0].request_id);
    await page.context().close();
  }
});

test('idle: the question with a countdown, "Tiếp tục", then back to the start in Vietnamese', async () => {
  for (const orientation of Object.keys(SIZES)) {
    const page = await kiosk(orientation, { clock: true });
    // A choice left on the start screen is undone quietly.
    await page.click('.k-lang');
    await tap(page, 'kiosk-priority');
    await page.clock.runFor(46000);
    await page.waitForSelector(`${testid('kiosk')}[data-lang="vi"]`);
    assert.equal(await page.getAttribute(testid('kiosk-priority'), 'aria-pressed'), 'false');

    if (orientation === 'landscape') await page.click('.k-lang');
    await tap(page, 'kiosk-field-ho_tich');
    // runFor fires every timer due on the way, in order (fastForward fires
    // each at most once and missed the idle timer now and then).
    await page.clock.runFor(40000);
    assert.equal(await page.$(testid('kiosk-idle')), null, 'no question before 45 s');
    await page.clock.runFor(6000);
    await page.waitForSelector(testid('kiosk-idle'));
    const left = await page.textContent(testid('kiosk-idle-seconds'));
    assert.ok(Number(left) >= 20, `${left} s left`);
    await shot(page, orientation, orientation === 'portrait' ? 'idle' : 'idle-en');
    await tap(page, 'kiosk-idle-continue');
    await page.waitForSelector(testid('kiosk-idle'), { state: 'detached' });
    assert.equal(await screenOf(page), 'id');
    await page.clock.runFor(46000);
    await page.waitForSelector(testid('kiosk-idle'));
    await page.clock.runFor(26000);
    await page.waitForSelector(testid('kiosk-start'));
    assert.equal(await page.getAttribute(testid('kiosk'), 'data-lang'), 'vi');

    // The ticket screen goes back by itself after 30 s.
    await tap(page, 'kiosk-field-ho_tich');
    await tap(page, 'kiosk-skip');
    await page.waitForSelector(testid('kiosk-ticket'));
    await page.clock.runFor(31000);
    await page.waitForSelector(testid('kiosk-start'));
    await page.context().close();
  }
});

test('the server and the gateway go away: fields disabled with the notice; back by themselves', async () => {
  const pages = { portrait: await kiosk('portrait'), landscape: await kiosk('landscape') };
  await pages.landscape.click('.k-lang');
  await centre.server.stop();
  for (const [orientation, page] of Object.entries(pages)) {
    await page.waitForSelector(`${testid('kiosk-start')}[data-status="unavailable"]`, { timeout: 20000 });
    assert.ok(await page.isDisabled(testid('kiosk-field-chung_thuc')));
    assert.match(await page.textContent(testid('kiosk-unavailable-banner')),
      orientation === 'portrait' ? /Hệ thống tạm thời không sẵn sàng.*Vui lòng đến quầy hướng dẫn\./ : /temporarily unavailable/);
    await shot(page, orientation, orientation === 'portrait' ? 'start-unavailable' : 'start-unavailable-en');
  }
  await centre.server.start();
  for (const page of Object.values(pages)) {
    await page.waitForSelector(`${testid('kiosk-start')}[data-status="ok"]`, { timeout: 20000 });
  }
  const page = pages.portrait;
  await tap(page, 'kiosk-field-chung_thuc');
  await tap(page, 'kiosk-skip');
  await page.waitForSelector(testid('kiosk-ticket'));
  await tap(page, 'kiosk-done');

  await centre.gateway.stop();
  await page.waitForSelector(`${testid('kiosk-start')}[data-status="unavailable"]`, { timeout: 20000 });
  await centre.gateway.start();
  await page.waitForSelector(`${testid('kiosk-start')}[data-status="ok"]`, { timeout: 20000 });
  await tap(page, 'kiosk-field-chung_thuc');
  await tap(page, 'kiosk-skip');
  await page.waitForSelector(testid('kiosk-ticket'));
  for (const p of Object.values(pages)) await p.context().close();
});

test('paper: a failed print asks to note the number (and can be printed again); no printer, no word of paper', async () => {
  // A second gateway on the same server whose printer for 09187 refuses connections.
  const failing = new Gateway(centre.dir, centre.server.address, ['09187'],
    ['--web-dir', buildPages(), '--printer', '09187=tcp:127.0.0.1:1']);
  await failing.start();
  // And a third without any printer.
  const paperless = new Gateway(centre.dir, centre.server.address, ['09187'], ['--web-dir', buildPages()]);
  paperless.args.splice(paperless.args.indexOf('--printer'), 2);
  await paperless.start();
  try {
    const context = await browser.newContext({ viewport: SIZES.portrait, hasTouch: true });
    const page = await context.newPage();
    await page.goto(`${failing.url}/c/09187/kiosk`);
    await page.waitForSelector(`${testid('kiosk-start')}[data-status="ok"]`);
    await tap(page, 'kiosk-field-chung_thuc');
    await tap(page, 'kiosk-skip');
    await page.waitForSelector(`${testid('kiosk-print')}[data-state="failed"]`);
    assert.match(await page.textContent(testid('kiosk-print')), /vui lòng ghi lại số hoặc chụp mã QR/);
    await shot(page, 'portrait', 'print-failed');
    const reprints = [];
    page.on('request', (r) => r.method() === 'POST' && r.url().endsWith('/print') && reprints.push(r.url()));
    await Promise.all([
      page.waitForRequest((r) => r.method() === 'POST' && r.url().endsWith('/print')),
      tap(page, 'kiosk-reprint'),
    ]);
    await page.waitForSelector(`${testid('kiosk-print')}[data-state="failed"]`);
    assert.equal(reprints.length, 1, 'one tap, one print');

    await page.goto(`${paperless.url}/c/09187/kiosk`);
    await page.waitForSelector(`${testid('kiosk-start')}[data-status="ok"]`);
    await tap(page, 'kiosk-field-chung_thuc');
    await tap(page, 'kiosk-skip');
    await page.waitForSelector(testid('kiosk-ticket'));
    assert.equal(await page.$(testid('kiosk-print')), null);
    assert.doesNotMatch(await page.textContent(testid('kiosk-ticket')), /in vé/);
    await context.close();
  } finally {
    await failing.stop();
    await paperless.stop();
  }
});

test('locked down: no selection, no context menu, no zoom', async () => {
  const page = await kiosk('portrait');
  assert.equal(await page.$eval('body', (b) => getComputedStyle(b).userSelect), 'none');
  assert.equal(await page.$eval('body', (b) => getComputedStyle(b).touchAction), 'pan-x pan-y');
  const prevented = await page.evaluate(() => {
    const e = new MouseEvent('contextmenu', { bubbles: true, cancelable: true });
    document.querySelector('[data-testid="kiosk-field-ho_tich"]').dispatchEvent(e);
    return e.defaultPrevented;
  });
  assert.ok(prevented);
  assert.match(await page.getAttribute('meta[name="viewport"]', 'content'), /user-scalable=no/);
  assert.equal(await page.$$eval('input, textarea, select', (els) => els.length), 0, 'nothing to type');
  await page.context().close();
  assert.deepEqual(pageErrors, []);
  assert.ok(existsSync(join(centre.dir, 'tickets')));
});
