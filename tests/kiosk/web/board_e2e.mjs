// The display board in Debian's Chromium against the real qms-server and
// qms-gateway (1920×1080): calls from qmsctl are shown and spoken one at a
// time (the voice WAV is requested for each, after the previous one ended),
// a recall is spoken as a recall, a gateway restart neither loses nor
// repeats a call, the server going away shows the link state, and a browser
// that refuses sound gets the "Bật âm thanh" button. Run by hand (see
// kiosk_e2e_env.mjs); screenshots: board-*.png.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startCentre, buildPages, Gateway, launchBrowser, screenshot, waitFor, testid } from './kiosk_e2e_env.mjs';

const SIZE = { width: 1920, height: 1080 };
let centre;
let browser;
const pageErrors = [];

before(async () => {
  centre = await startCentre();
  browser = await launchBrowser();
  for (const counter of ['1', '4', '5', '7']) {
    await centre.qmsctl('open', '--centre', '09187', '--counter', counter, '--clerk', `clerk${counter}`);
  }
  for (const field of ['chung_thuc', 'ho_tich', 'ho_tich', 'ho_tich', ...Array(8).fill('chung_thuc')]) {
    await centre.qmsctl('issue', '--centre', '09187', '--field', field);
  }
});
after(async () => {
  if (browser) await browser.close();
  if (centre) await centre.stopAll();
});

// Every play() of the page, with the number the announcer was speaking and
// when it started and ended (page clock), and every voice request.
async function board({ lang = 'vi', refuseSoundUntilTouch = false, gateway = centre.gateway } = {}) {
  const context = await browser.newContext({ viewport: SIZE });
  await context.addInitScript((refuse) => {
    window.__plays = [];
    let touched = false;
    window.addEventListener('pointerdown', () => { touched = true; }, true);
    const play = HTMLMediaElement.prototype.play;
    HTMLMediaElement.prototype.play = function () {
      if (refuse && !touched) return Promise.reject(new DOMException('needs a gesture', 'NotAllowedError'));
      const a = window.__qmsBoardAnnouncer;
      const entry = { number: a && a.current ? a.current.number : '', start: Date.now(), end: 0 };
      window.__plays.push(entry);
      this.addEventListener('ended', () => { entry.end = Date.now(); }, { once: true });
      return play.call(this);
    };
  }, refuseSoundUntilTouch);
  const page = await context.newPage();
  page.on('pageerror', (e) => pageErrors.push(e.message));
  const voice = [];
  page.on('request', (r) => {
    const url = new URL(r.url());
    if (url.pathname.endsWith('/voice')) {
      voice.push({ number: url.searchParams.get('number'), counter: url.searchParams.get('counter'),
        recall: url.searchParams.get('recall') === '1', at: Date.now() });
    }
  });
  await page.goto(`${gateway.url}/c/09187/board${lang === 'en' ? '?lang=en' : ''}`);
  await page.waitForSelector(`${testid('board-link')}[data-state="live"]`);
  await page.waitForSelector(testid('board-counter-1'));
  return { page, voice };
}
const plays = (page) => page.evaluate(() => window.__plays.map((p) => ({ ...p })));
const results = (page) => page.evaluate(() => window.__qmsBoardAnnouncer.results.map((r) => r.result));
async function call(counter) {
  const out = await centre.qmsctl('call-next', '--centre', '09187', '--counter', counter, '--clerk', `clerk${counter}`);
  return /Số ([A-Z]\d+)/.exec(out)[1];
}
async function spokenAll(page, n, what) {
  await waitFor(async () => (await plays(page)).filter((p) => p.end > 0).length >= n, what, 60000, 200);
}

test('calls are shown, requested as WAV and spoken one at a time, in order', async () => {
  const { page, voice } = await board();
  assert.match(await page.textContent(testid('board-hero')), /Chưa có số nào được gọi/);
  await screenshot(page, 'board-before-calls');
  const numbers = [await call('1'), await call('5'), await call('4')];
  await page.waitForSelector(`${testid('board-hero')}[data-speaking="${numbers[0]}"]`);
  assert.match(await page.textContent(testid('board-hero-sentence')), new RegExp(`Mời số ${numbers[0]} đến quầy 1`));
  await screenshot(page, 'board-announcing');
  await spokenAll(page, 3, 'three calls spoken');

  assert.deepEqual(voice.map((v) => [v.number, v.counter, v.recall]), [
    [numbers[0], '1', false], [numbers[1], '5', false], [numbers[2], '4', false],
  ]);
  const p = await plays(page);
  assert.deepEqual(p.map((x) => x.number), numbers);
  for (let i = 1; i < p.length; i++) {
    assert.ok(p[i].start >= p[i - 1].end, `call ${i + 1} started after call ${i} ended`);
    assert.ok(voice[i].at >= p[i - 1].end, `call ${i + 1} was fetched after call ${i} ended`);
  }
  assert.deepEqual(await results(page), ['ended', 'ended', 'ended']);
  await page.waitForSelector(`${testid('board-hero')}[data-speaking=""]`);
  assert.equal(await page.getAttribute(testid('board-recent-0'), 'data-number'), numbers[2]);
  assert.equal(await page.getAttribute(testid('board-counter-5'), 'data-number'), numbers[1]);

  // A recall is spoken as one; a paused counter says so.
  await centre.qmsctl('recall', '--centre', '09187', '--counter', '5', '--clerk', 'clerk5');
  await centre.qmsctl('pause', '--centre', '09187', '--counter', '7', '--clerk', 'clerk7', '--reason', 'Họp giao ban');
  await spokenAll(page, 4, 'the recall spoken');
  assert.deepEqual(voice.at(-1), { ...voice.at(-1), number: numbers[1], counter: '5', recall: true });
  assert.match(await page.textContent(testid('board-counter-7')), /Tạm dừng/);
  await screenshot(page, 'board-calls');

  const en = await board({ lang: 'en' });
  assert.match(await en.page.textContent(testid('board-counter-7')), /Paused/);
  assert.match(await en.page.textContent(testid('board-hero-sentence')), /please go to counter 5/);
  await screenshot(en.page, 'board-calls-en');
  assert.equal(en.voice.length, 0, 'a board that opens does not read out the calls it finds');
  await en.page.context().close();
  await page.context().close();
});

test('a gateway restart loses no call and repeats none; the server away shows the link state', async () => {
  const { page, voice } = await board();
  await centre.qmsctl('complete', '--centre', '09187', '--counter', '1', '--clerk', 'clerk1');
  const before = await call('1');
  await spokenAll(page, 1, 'the call before the restart');

  await centre.gateway.stop();
  await page.waitForSelector(`${testid('board-link')}[data-state="gateway"]`, { timeout: 20000 });
  await centre.qmsctl('complete', '--centre', '09187', '--counter', '1', '--clerk', 'clerk1');
  const missed = await call('1');
  await centre.gateway.start();
  await page.waitForSelector(`${testid('board-link')}[data-state="live"]`, { timeout: 30000 });
  await spokenAll(page, 2, 'the call made while the gateway was down');
  assert.deepEqual(voice.map((v) => v.number), [before, missed], 'each call once');
  await page.waitForSelector(`${testid('board-counter-1')}[data-number="${missed}"]`);

  await centre.server.stop();
  await page.waitForSelector(`${testid('board-link')}[data-state="server"]`, { timeout: 20000 });
  assert.match(await page.textContent(testid('link-status')), /Hệ thống tạm thời không sẵn sàng/);
  await screenshot(page, 'board-server-down');
  await centre.server.start();
  await page.waitForSelector(`${testid('board-link')}[data-state="live"]`, { timeout: 30000 });
  await centre.qmsctl('complete', '--centre', '09187', '--counter', '1', '--clerk', 'clerk1');
  const after = await call('1');
  await spokenAll(page, 3, 'a call after the server came back');
  assert.deepEqual(voice.map((v) => v.number), [before, missed, after]);
  await page.context().close();
});

test('sound refused by the browser: the button, then the call is spoken', async () => {
  const { page, voice } = await board({ refuseSoundUntilTouch: true });
  await centre.qmsctl('complete', '--centre', '09187', '--counter', '4', '--clerk', 'clerk4');
  const number = await call('4');
  await page.waitForSelector(testid('board-sound-on'));
  assert.match(await page.textContent(testid('board-sound-on')), /Bật âm thanh \/ Turn sound on/);
  assert.match(await page.textContent(testid('board-hero')), new RegExp(number), 'the call is shown meanwhile');
  await screenshot(page, 'board-sound-blocked');
  await page.click(testid('board-sound-on'));
  await spokenAll(page, 1, 'the call spoken after the touch');
  assert.deepEqual((await plays(page)).map((p) => p.number), [number]);
  assert.ok(voice.every((v) => v.number === number));
  await page.waitForSelector(testid('board-sound-on'), { state: 'detached' });
  await page.context().close();
});

test('a gateway without voice (--no-voice): calls are shown in turn, without sound', async () => {
  const silent = new Gateway(centre.dir, centre.server.address, ['09187'], ['--web-dir', buildPages(), '--no-voice']);
  await silent.start();
  try {
    const { page, voice } = await board({ gateway: silent });
    await centre.qmsctl('complete', '--centre', '09187', '--counter', '4', '--clerk', 'clerk4');
    const number = await call('4');
    await page.waitForSelector(`${testid('board-hero')}[data-speaking="${number}"]`);
    await waitFor(async () => (await results(page)).length === 1, 'the call shown without sound', 20000, 200);
    assert.deepEqual(await results(page), ['novoice']);
    assert.equal(voice.length, 1, 'asked once, not retried');
    assert.equal((await plays(page)).length, 0);
    await page.context().close();
  } finally {
    await silent.stop();
  }
  assert.deepEqual(pageErrors, []);
});
