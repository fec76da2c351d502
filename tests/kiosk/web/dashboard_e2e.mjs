// The supervisor dashboard in Chromium against the real server and gateway:
// live queues and counters from the feed, the day statistics (refetched
// soon after a change on the feed), dossiers overdue and due soon with the
// day's report, the CSV reports, English, both screen sizes, and the server
// stopped and restarted. Run by hand (see counter_e2e_env.mjs).
import { assert, waitFor, startCentre, launchBrowser, newPage, byTestId, textOf, snap, CENTRE } from './counter_e2e_env.mjs';

const env = await startCentre({
  overdue: [
    { procedure_code: '1.001193', applicant_name: 'Trần Văn Hữu', ticket_number: 'B001' },
    { procedure_code: '2.000815', applicant_name: 'Lê Thị Ngọc Ánh' },
    { procedure_code: '2.000635', applicant_name: 'Phạm Quốc Dũng' },
  ],
});
const post = async (path, body) => {
  const r = await env.api('POST', path, body);
  assert.equal(r.status, 200, `${path}: ${JSON.stringify(r.body)}`);
  return r.body;
};
for (const [i, [code, name]] of [['2.000884', 'Đỗ Thị Hường'], ['2.000635', 'Vũ Đức Thắng'], ['2.000815', 'Hoàng Thị Lữ']].entries()) {
  await post('/dossiers', { procedure_code: code, request_id: `soon-${i}`, applicant_name: name, clerk_id: 'lan' });
}
const resolved = await post('/dossiers', { procedure_code: '2.000815', request_id: 'done-1', applicant_name: 'Ngô Bảo Châu', clerk_id: 'lan' });
await post(`/dossiers/${resolved.dossier.code}/resolve`, { clerk_id: 'lan' });

const clerks = { 1: 'Nguyen.Thi.Lan', 2: 'Tran.Van.Minh', 4: 'Le.Thi.Hoa', 5: 'Pham.Duc.Anh', 7: 'Do.Thu.Ha' };
for (const [counter, clerk] of Object.entries(clerks)) await post(`/counters/${counter}/open`, { clerk_id: clerk });
const c = (counter, action, body = {}) => post(`/counters/${counter}/${action}`, { clerk_id: clerks[counter], ...body });

// A morning in miniature: the clerks serve twelve, one of them a no-show,
// most served ones rated; one ticket cancelled; then counter 1 serves,
// counter 2 calls, counter 5 pauses for lunch, 4 and 7 stay idle.
const fields = ['chung_thuc', 'chung_thuc', 'ho_tich', 'chung_thuc', 'dat_dai', 'chung_thuc', 'ho_tich', 'chung_thuc',
  'ho_kinh_doanh', 'chung_thuc', 'ho_tich', 'chung_thuc', 'chung_thuc', 'ho_tich', 'chung_thuc', 'dat_dai', 'chung_thuc',
  'ho_tich', 'chung_thuc', 'chung_thuc', 'ho_kinh_doanh', 'chung_thuc'];
for (const f of fields) await env.issue(f);
await env.issue('chung_thuc', 'PRIORITY');
const levels = ['VERY_SATISFIED', 'VERY_SATISFIED', 'SATISFIED', 'VERY_SATISFIED', 'DISSATISFIED', 'SATISFIED'];
let turn = 0;
for (const counter of [1, 2, 4, 5, 7, 1, 2, 4, 5, 1, 2, 4]) {
  const t = (await c(counter, 'call-next')).ticket;
  if (turn === 3) {
    await c(counter, 'no-show', { number: t.number });
  } else {
    await c(counter, 'start', { number: t.number });
    await c(counter, 'complete', { number: t.number });
    if (turn % 5 !== 4) await post(`/tickets/${t.number}/rating`, { counter_id: String(counter), rating: levels[turn % levels.length] });
  }
  turn += 1;
}
const cancelled = await env.issue('ho_tich');
await post(`/tickets/${cancelled}/cancel`, { reason: 'Công dân về trước' });
await c(1, 'call-next');
await c(1, 'start');
await c(2, 'call-next');
await c(5, 'pause', { reason: 'Nghỉ trưa' });
const truth = (await env.api('GET', '/stats')).body;
assert.equal(truth.total.served, 11);
// Issued: the fields, the priority one and the cancelled one; gone: 12 called
// before, the cancelled one, the two at counters 1 and 2.
const waiting = fields.length + 2 - 12 - 1 - 2;

const browser = await launchBrowser();
const page = await newPage(browser, 1920, 1080);
let statsRequests = 0;
page.on('request', (r) => /\/api\/c\/\d+\/stats$/.test(r.url()) && (statsRequests += 1));
try {
  await page.goto(env.url('/dashboard'));
  await byTestId(page, 'stats-updated').waitFor();
  await waitFor(async () => (await page.getAttribute('[data-testid="counter-1"]', 'data-kind')) === 'serving', 'counter 1 serving');
  assert.equal(await page.getAttribute('[data-testid="counter-2"]', 'data-kind'), 'called');
  assert.equal(await page.getAttribute('[data-testid="counter-4"]', 'data-kind'), 'idle');
  assert.equal(await page.getAttribute('[data-testid="counter-5"]', 'data-kind'), 'paused');
  assert.equal(await page.getAttribute('[data-testid="counter-6"]', 'data-kind'), 'closed');
  assert.match(await textOf(page, 'counter-reason-5'), /Nghỉ trưa/);
  assert.equal(await textOf(page, 'counters-summary'), '4 mở (2 trống) · 1 tạm dừng · 2 đóng');
  await waitFor(async () => (await textOf(page, 'dash-overdue-count')) === '3', 'three overdue');
  await waitFor(async () => Number(await textOf(page, 'dash-dueSoon-count')) >= 3, 'due soon');
  assert.equal(await textOf(page, 'report-received'), '4');
  assert.equal(await textOf(page, 'report-on-time'), '100%');
  assert.equal(await textOf(page, 'kpi-waiting-value'), String(waiting));
  assert.equal(await textOf(page, 'kpi-served-value'), '11');
  assert.equal(await textOf(page, 'kpi-no-show-value'), '1');
  assert.equal(await textOf(page, 'kpi-cancelled-value'), '1');
  assert.equal(await textOf(page, 'sat-count-VERY_SATISFIED'), String(truth.ratings.very_satisfied));
  assert.equal(await textOf(page, 'kpi-satisfaction-value'), `${Math.round(truth.ratings.satisfaction_share * 100)}%`);
  assert.equal(await textOf(page, 'field-served-chung_thuc'), String(truth.fields[0].tickets.served));
  await byTestId(page, 'clerk-Nguyen.Thi.Lan').waitFor();
  await page.waitForTimeout(300);
  await snap(page, 'dashboard-1920');

  console.log('a change on the feed: the counter at once, the statistics within seconds');
  const before = statsRequests;
  await c(4, 'call-next');
  await waitFor(async () => (await page.getAttribute('[data-testid="counter-4"]', 'data-kind')) === 'called', 'counter 4 called');
  await waitFor(() => statsRequests > before, 'statistics fetched again after the change', 9000);
  assert.equal(await textOf(page, 'kpi-waiting-value'), String(waiting - 1));

  console.log('CSV links');
  assert.equal(await page.getAttribute('[data-testid="csv-report"]', 'href'), `/api/c/${CENTRE}/report.csv`);
  assert.equal(await page.getAttribute('[data-testid="csv-dossiers"]', 'href'), `/api/c/${CENTRE}/daily-report?format=csv`);
  for (const [path, expect] of [['/daily-report?format=csv', /^day,centre_id,centre_name/], ['/report.csv', /Nguyen\.Thi\.Lan/]]) {
    const r = await fetch(`${env.gateway.url}/api/c/${CENTRE}${path}`);
    assert.equal(r.status, 200, path);
    assert.match(r.headers.get('content-type'), /text\/csv/);
    assert.match(await r.text(), expect);
  }

  console.log('English; 1366x768');
  await page.locator('.lang-toggle').click();
  await waitFor(async () => (await textOf(page, 'counters-summary')).includes('open'), 'English');
  await page.waitForTimeout(300);
  await snap(page, 'dashboard-1920-en');
  await page.locator('.lang-toggle').click();
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.waitForTimeout(400);
  await snap(page, 'dashboard-1366-top');
  await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
  await page.waitForTimeout(200);
  await snap(page, 'dashboard-1366-bottom');
  await page.evaluate(() => window.scrollTo(0, 0));

  console.log('the server stops and comes back');
  await env.server.stop();
  await waitFor(async () => (await page.getAttribute('[data-testid="link-status"]', 'data-problem')) === 'server', 'server away', 20000);
  await snap(page, 'dashboard-server-unavailable');
  await env.server.start();
  await byTestId(page, 'link-status').waitFor({ state: 'detached', timeout: 30000 });
  const after = statsRequests;
  await c(1, 'complete');
  await waitFor(async () => (await page.getAttribute('[data-testid="counter-1"]', 'data-kind')) === 'idle', 'counter 1 idle after the restart');
  await waitFor(() => statsRequests > after, 'statistics again after the restart', 20000);
  await waitFor(async () => (await textOf(page, 'kpi-served-value')) === '12', 'served counts the completion');
} catch (e) {
  await snap(page, 'FAILED-dashboard');
  throw e;
}
await browser.close();
await env.gateway.stop();
await env.server.stop();
console.log('dashboard e2e: ok');
