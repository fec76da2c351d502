// The phone's ticket page in Debian's Chromium (390×844) against the real
// qms-server and qms-gateway: waiting with people ahead (updated live when
// the queue moves), called (large, the phone buzzes, the title changes),
// serving, done, the other ends (no-show, parked, cancelled, transferred),
// a number that does not exist, and the server going away and coming back.
// Run by hand (see kiosk_e2e_env.mjs); screenshots: ticket-*.png.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startCentre, launchBrowser, screenshot, testid, json } from './kiosk_e2e_env.mjs';

const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };
let centre;
let browser;
const pageErrors = [];

before(async () => {
  centre = await startCentre();
  browser = await launchBrowser();
  for (const counter of ['1', '5', '6']) {
    await centre.qmsctl('open', '--centre', '09187', '--counter', counter, '--clerk', `clerk${counter}`);
  }
});
after(async () => {
  if (browser) await browser.close();
  if (centre) await centre.stopAll();
});

async function issue(field) {
  const r = await json(`${centre.gateway.url}/api/c/09187/tickets`, {
    method: 'POST',
    body: JSON.stringify({ field_id: field, request_id: `e2e-${Math.random()}`, priority: 'NORMAL', citizen_id: '' }),
  });
  assert.equal(r.status, 200);
  return r.body.issued.ticket.number;
}
const act = (action, counter, ...more) =>
  centre.qmsctl(action, '--centre', '09187', '--counter', counter, '--clerk', `clerk${counter}`, ...more);

async function phone(number, lang = 'vi') {
  const context = await browser.newContext({ ...PHONE, locale: lang === 'en' ? 'en-GB' : 'vi-VN' });
  await context.addInitScript((l) => {
    localStorage.setItem('qms-ticket-lang', l);
    window.__vibrations = [];
    navigator.vibrate = (pattern) => {
      window.__vibrations.push(pattern);
      return true;
    };
  }, lang);
  const page = await context.newPage();
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await page.goto(`${centre.gateway.url}/c/09187/t/${number}`);
  return page;
}
const stateIs = (page, state) => page.waitForSelector(`${testid('ticket-page')}[data-state="${state}"]`, { timeout: 20000 });
const headline = (page) => page.textContent(testid('ticket-headline'));

test('waiting, people ahead updated live, called, serving, done', async () => {
  const first = await issue('ho_tich');
  const second = await issue('ho_tich');
  const mine = await issue('ho_tich');
  const page = await phone(mine);
  await stateIs(page, 'WAITING');
  assert.equal(await page.textContent(testid('ticket-number')), mine);
  assert.equal(await page.textContent(testid('ticket-ahead')), '2');
  assert.match(await page.textContent(testid('ticket-field')), /Hộ tịch/);
  assert.match(await page.title(), new RegExp(`${mine} · 2 người trước bạn`));
  await screenshot(page, 'ticket-waiting');

  await act('call-next', '5');  // calls `first`
  await page.waitForFunction((id) => document.querySelector(id).textContent === '1', testid('ticket-ahead'));
  await act('complete', '5');
  await act('call-next', '5');  // `second`
  await page.waitForFunction((id) => document.querySelector(id).textContent === 'Không có ai', testid('ticket-ahead'));
  await act('complete', '5');

  await act('call-next', '5');
  await stateIs(page, 'CALLED');
  assert.equal(await headline(page), 'Mời bạn đến quầy số 5');
  assert.match(await page.title(), /Mời bạn đến quầy số 5/);
  assert.equal(await page.evaluate(() => window.__vibrations.length), 1, 'the phone buzzed once');
  await screenshot(page, 'ticket-called');
  await act('recall', '5');
  await page.waitForFunction(() => window.__vibrations.length === 2);

  await act('start', '5');
  await stateIs(page, 'SERVING');
  assert.equal(await headline(page), 'Bạn đang được phục vụ tại quầy số 5');
  await act('complete', '5');
  await stateIs(page, 'DONE');
  assert.equal(await headline(page), 'Đã phục vụ xong. Cảm ơn bạn!');
  await screenshot(page, 'ticket-done');
  await page.context().close();
  assert.ok(first && second);
});

test('in English: waiting, called, done; no-show', async () => {
  const number = await issue('dat_dai');
  let page = await phone(number, 'en');
  await stateIs(page, 'WAITING');
  assert.equal(await headline(page), 'Waiting for your turn');
  await screenshot(page, 'ticket-waiting-en');
  await act('call-next', '6');
  await stateIs(page, 'CALLED');
  assert.equal(await headline(page), 'Please go to counter 6');
  await screenshot(page, 'ticket-called-en');
  await act('start', '6');
  await act('complete', '6');
  await stateIs(page, 'DONE');
  assert.equal(await headline(page), 'Your visit is complete. Thank you!');
  await screenshot(page, 'ticket-done-en');
  await page.context().close();

  page = await phone(await issue('ho_kinh_doanh'), 'en');
  await stateIs(page, 'WAITING');
  await act('call-next', '6');
  await stateIs(page, 'CALLED');
  await act('no-show', '6');
  await stateIs(page, 'NO_SHOW');
  assert.equal(await headline(page), 'You were not there when called');
  await screenshot(page, 'ticket-no-show-en');
  await page.context().close();
});

test('parked, transferred, cancelled, and a number that does not exist', async () => {
  const parked = await issue('chung_thuc');
  let page = await phone(parked);
  await stateIs(page, 'WAITING');
  await act('call-next', '1');
  await stateIs(page, 'CALLED');
  await act('park', '1');
  await stateIs(page, 'PARKED');
  assert.equal(await headline(page), 'Lượt của bạn đang được tạm giữ');
  await screenshot(page, 'ticket-parked');
  await page.context().close();

  const moved = await issue('chung_thuc');
  page = await phone(moved);
  await stateIs(page, 'WAITING');
  await act('call-next', '1');
  await stateIs(page, 'CALLED');
  await act('transfer', '1', '--to-field', 'ho_kinh_doanh');
  await page.waitForFunction((id) => /Hộ kinh doanh/.test(document.querySelector(id).textContent), testid('ticket-field'));
  await stateIs(page, 'WAITING');
  assert.match(await page.textContent(testid('ticket-card')), /Đã chuyển sang lĩnh vực Hộ kinh doanh/);
  await screenshot(page, 'ticket-transferred');
  await page.context().close();

  const cancelled = await issue('chung_thuc');
  page = await phone(cancelled);
  await stateIs(page, 'WAITING');
  await centre.qmsctl('cancel', '--centre', '09187', cancelled);
  await stateIs(page, 'CANCELLED');
  assert.equal(await headline(page), 'Số này đã bị hủy');
  await page.context().close();

  page = await phone('B999');
  await stateIs(page, 'NOT_FOUND');
  assert.match(await page.textContent(testid('ticket-not-found')), /Không tìm thấy số B999 hôm nay/);
  await screenshot(page, 'ticket-not-found');
  await page.context().close();
  page = await phone('B999', 'en');
  await stateIs(page, 'NOT_FOUND');
  assert.match(await page.textContent(testid('ticket-not-found')), /Number B999 was not found today/);
  await screenshot(page, 'ticket-not-found-en');
  await page.context().close();
});

test('the server away: the notice; back: the ticket read again and followed', async () => {
  const number = await issue('ho_tich');
  const page = await phone(number);
  await stateIs(page, 'WAITING');
  await centre.server.stop();
  await page.waitForSelector(`${testid('link-status')}[data-problem="server"]`, { timeout: 20000 });
  await screenshot(page, 'ticket-server-down');
  await centre.server.start();
  await page.waitForSelector(testid('link-status'), { state: 'detached', timeout: 30000 });
  await act('call-next', '5');
  await stateIs(page, 'CALLED');
  await page.context().close();
  assert.deepEqual(pageErrors, []);
});
