// The counter console in Chromium against the real server and gateway:
// sign-in, every queue action (buttons and keys), two consoles refusing the
// same ticket, receiving a dossier and its slip (on screen and in print
// media), the dossier panel with overdue dossiers, an extension and its
// apology letter, English, and both screen sizes. Screenshots of each state.
// Run by hand (see counter_e2e_env.mjs for the variables).
import {
  assert, waitFor, startCentre, launchBrowser, newPage, byTestId, textOf, snap, signIn, waitForCurrent, press,
  printPreview, printedPages,
} from './counter_e2e_env.mjs';

const env = await startCentre({
  overdue: [
    { procedure_code: '1.001193', applicant_name: 'Trần Văn Hữu', ticket_number: 'B001' },
    { procedure_code: '2.000815', applicant_name: 'Lê Thị Ngọc Ánh' },
    { procedure_code: '2.000635', applicant_name: 'Phạm Quốc Dũng' },
  ],
});
for (const [i, name] of ['Đỗ Thị Hường', 'Vũ Đức Thắng'].entries()) {
  const r = await env.api('POST', '/dossiers', { procedure_code: '2.000884', request_id: `soon-${i}`, applicant_name: name, clerk_id: 'lan' });
  assert.equal(r.status, 200);
}
const browser = await launchBrowser();
const a = await newPage(browser);
let b = null;
try {

console.log('sign-in');
await a.goto(env.url('/counter'));
await byTestId(a, 'signin-counter-5').waitFor();
await snap(a, 'counter-signed-out');
await byTestId(a, 'signin-open').click();
assert.match(await textOf(a, 'signin-message'), /họ tên hoặc mã cán bộ/);
await signIn(a, env, 'Nguyễn Thị Lan', '5');
assert.equal(await textOf(a, 'console-clerk'), 'Cán bộ: Nguyễn Thị Lan');
await snap(a, 'counter-idle');

console.log('reload comes back to the counter');
await a.reload();
await byTestId(a, 'console').waitFor();
assert.equal(await textOf(a, 'console-counter'), 'Quầy 5');

console.log('call next (key G), recall, start');
const numbers = [];
for (const f of ['ho_tich', 'ho_tich', 'chung_thuc', 'ho_tich', 'ho_tich']) numbers.push(await env.issue(f));
const priority = await env.issue('ho_tich', 'PRIORITY');
await waitFor(async () => (await textOf(a, 'queues-total')) === '6', 'six waiting');
await press(a, 'g');
await waitForCurrent(a, priority, 'CALLED');
assert.equal(await textOf(a, 'current-priority'), 'Ưu tiên');
assert.ok(await byTestId(a, 'act-next').isDisabled(), 'no second call while a ticket is at the counter');
assert.ok(await byTestId(a, 'act-pause').isDisabled());
await snap(a, 'counter-called');
await byTestId(a, 'act-recall').click();
await waitFor(async () => (await textOf(a, 'console-message')).includes('Đã gọi lại'), 'recall done');
await byTestId(a, 'act-start').click();
await waitForCurrent(a, priority, 'SERVING');
assert.ok(await byTestId(a, 'act-recall').isDisabled());
await snap(a, 'counter-serving');

console.log('receive a dossier, its slip, print media');
await press(a, 'n');
await byTestId(a, 'dialog-receive').waitFor();
await waitFor(async () => (await a.locator('[data-testid="receive-procedure"] option').count()) > 1, 'procedures');
await byTestId(a, 'receive-submit').click();
assert.match(await textOf(a, 'dialog-message'), /chọn thủ tục/);
await byTestId(a, 'receive-procedure').selectOption('1.001193');
await byTestId(a, 'receive-applicant').fill('Nguyễn Thị Ngọc Diệp');
await snap(a, 'dialog-receive');
await byTestId(a, 'receive-submit').click();
await byTestId(a, 'receipt-slip').first().waitFor();
const slipCode = await textOf(a, 'slip-code');
assert.match(slipCode, /^000\.17\.22\.H56-\d{6}-\d{4}$/);
assert.match(await textOf(a, 'slip-due'), /^17 giờ 00 phút, ngày \d\d\/\d\d\/\d{4}$/);
await byTestId(a, 'server-text-toggle').click();
assert.match(await textOf(a, 'server-text'), /GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ/);
await snap(a, 'dialog-receipt-slip');
await a.emulateMedia({ media: 'print' });
assert.equal(await a.locator('#app').isVisible(), false, 'only the slip on paper');
assert.equal(await a.locator('#print-root [data-testid="receipt-slip"]').isVisible(), true);
await a.emulateMedia({ media: null });
await printPreview(a, 'print-receipt-slip-a5', 148 - 22, 210 - 20);
assert.deepEqual(await printedPages(a, 'receipt-slip'), [[420, 595]], 'one A5 page');
await byTestId(a, 'dialog-close').click();

console.log('complete (key H): the rating overlay, skipped with Esc');
await press(a, 'h');
await byTestId(a, 'rating-overlay').waitFor();
await a.keyboard.press('Escape');
await byTestId(a, 'rating-overlay').waitFor({ state: 'detached' });
await waitForCurrent(a, '', 'none');
assert.match(await textOf(a, 'last-served'), new RegExp(priority));

console.log('no-show, park, resume, transfer');
await byTestId(a, 'act-next').click();
await waitForCurrent(a, numbers[0], 'CALLED');
await press(a, 'v');
await waitForCurrent(a, '', 'none');
assert.match(await textOf(a, 'console-message'), /vắng mặt/);
await press(a, 'g');
await waitForCurrent(a, numbers[1], 'CALLED');
await press(a, 't');
await byTestId(a, `parked-${numbers[1]}`).waitFor();
await snap(a, 'counter-parked');
await press(a, 'k');
await byTestId(a, 'dialog-resume').waitFor();
await snap(a, 'dialog-resume');
await byTestId(a, 'resume-submit').click();
await waitForCurrent(a, numbers[1], 'CALLED');
await byTestId(a, `parked-${numbers[1]}`).waitFor({ state: 'detached' });
await press(a, 'c');
await byTestId(a, 'dialog-transfer').waitFor();
await byTestId(a, 'transfer-field').selectOption('dat_dai');
await byTestId(a, 'transfer-at-end').check();
await snap(a, 'dialog-transfer');
await byTestId(a, 'transfer-submit').click();
await waitForCurrent(a, '', 'none');
const moved = await env.api('GET', `/tickets/${numbers[1]}`);
assert.equal(moved.body.ticket.field_id, 'dat_dai');
assert.equal(moved.body.ticket.state, 'WAITING');

console.log('two consoles, one ticket: the second is refused');
b = await newPage(browser);
await signIn(b, env, 'minh', '4');
await press(a, 's');
await byTestId(a, 'dialog-call').waitFor();
await byTestId(a, 'call-number').fill(numbers[3].toLowerCase());
await snap(a, 'dialog-call');
await byTestId(a, 'call-submit').click();
await waitForCurrent(a, numbers[3], 'CALLED');
await press(b, 's');
await byTestId(b, 'call-number').fill(numbers[3]);
await byTestId(b, 'call-submit').click();
await byTestId(b, 'dialog-message').waitFor();
const refusal = await textOf(b, 'dialog-message');
assert.match(refusal, new RegExp(`Số ${numbers[3]} đã được Quầy 5 gọi\\.`));
assert.match(refusal, /Lý do từ hệ thống: Không làm được việc này ở trạng thái hiện tại\. \(ticket .* is CALLED/);
await snap(b, 'refusal-two-consoles');
await byTestId(b, 'dialog-close').click();
await press(a, 'h');
await byTestId(a, 'rating-overlay').waitFor();
await byTestId(a, 'rating-skip').click();
await waitForCurrent(a, '', 'none');

console.log('pause with a reason, reopen');
await press(a, 'p');
await byTestId(a, 'dialog-pause').waitFor();
await byTestId(a, 'pause-other').click();
await byTestId(a, 'pause-submit').click();
assert.match(await textOf(a, 'dialog-message'), /ghi rõ lý do/);
await byTestId(a, 'pause-other-text').fill('Mất điện tầng 2');
await snap(a, 'dialog-pause');
await byTestId(a, 'pause-submit').click();
await waitFor(async () => (await a.getAttribute('[data-testid="console"]', 'data-counter-state')) === 'PAUSED', 'paused');
assert.equal(await textOf(a, 'console-pause-reason'), 'Lý do: Khác: Mất điện tầng 2');
assert.ok(await byTestId(a, 'act-next').isDisabled());
await snap(a, 'counter-paused');
await press(a, 'm');
await waitFor(async () => (await a.getAttribute('[data-testid="console"]', 'data-counter-state')) === 'OPEN', 'reopened');

console.log('dossiers overdue and due soon; supplement, resume, extend with Form 04');
await waitFor(async () => (await textOf(a, 'tab-overdue')).includes('(3)'), 'three overdue');
await waitFor(async () => /\((3|4)\)/.test(await textOf(a, 'tab-due-soon')), 'due soon listed');
await snap(a, 'counter-dossiers-overdue');
const firstOverdue = a.locator('[data-testid="dossier-list-overdue"] .dossier-open').first();
assert.match(await firstOverdue.textContent(), /trễ \d+ ngày/);
await firstOverdue.click();
await byTestId(a, 'dialog-dossier').waitFor();
await byTestId(a, 'dossier-facts').waitFor();
await snap(a, 'dialog-dossier');
await byTestId(a, 'dossier-act-supplement').click();
await byTestId(a, 'dossier-confirm-submit').click();
assert.match(await textOf(a, 'dialog-message'), /cần ghi lý do/);
await byTestId(a, 'dossier-reason').fill('Thiếu bản sao giấy chứng sinh');
await byTestId(a, 'dossier-confirm-submit').click();
await waitFor(async () => (await a.getAttribute('[data-testid="detail-status"]', 'data-status')) === 'SUPPLEMENT_REQUESTED', 'supplement');
await byTestId(a, 'dossier-act-resume').click();
await byTestId(a, 'dossier-confirm-submit').click();
await waitFor(async () => (await a.getAttribute('[data-testid="detail-status"]', 'data-status')) === 'PROCESSING', 'processing');
await byTestId(a, 'dossier-act-extend').click();
await byTestId(a, 'extend-reason').fill('Cần xác minh thông tin với Ủy ban nhân dân tỉnh');
await byTestId(a, 'extend-letter-no').fill('15/XL-TTPVHCC');
await snap(a, 'dialog-extend');
await byTestId(a, 'extend-submit').click();
await byTestId(a, 'apology-letter').first().waitFor();
assert.match(await textOf(a, 'letter-new-due'), /giờ .* phút, ngày/);
await snap(a, 'dialog-apology-letter');
await printPreview(a, 'print-apology-letter-a4', 210 - 40, 297 - 36);
assert.deepEqual(await printedPages(a, 'apology-letter'), [[595, 842]], 'one A4 page');
await byTestId(a, 'dialog-close').click();
await waitFor(async () => (await textOf(a, 'tab-overdue')).includes('(2)'), 'extended dossier no longer overdue');

console.log('English, and 1920x1080');
await a.locator('.lang-toggle').click();
await waitFor(async () => (await textOf(a, 'act-next')).includes('Call next'), 'English');
await press(a, 'g');
await waitForCurrent(a, numbers[4], 'CALLED');
await snap(a, 'counter-called-en');
await a.locator('.lang-toggle').click();
await a.setViewportSize({ width: 1920, height: 1080 });
await snap(a, 'counter-called-1920');
await byTestId(a, 'act-start').click();
await waitForCurrent(a, numbers[4], 'SERVING');
await byTestId(b, 'console').waitFor();
await b.setViewportSize({ width: 1920, height: 1080 });
await snap(b, 'counter-idle-1920-other-console');

console.log('sign out');
await byTestId(b, 'signout').click();
await snap(b, 'dialog-signout');
await byTestId(b, 'signout-close').click();
await byTestId(b, 'signin').waitFor();
await waitFor(async () => (await textOf(b, 'signin-counter-state-4')).includes('Đã đóng'), 'counter 4 closed');
assert.match(await textOf(b, 'signin-counter-state-5'), /Đang do Nguyen\.Thi\.Lan mở, đang có số/);
await snap(b, 'counter-signed-out-1920-states');

} catch (e) {
  await snap(a, 'FAILED-a');
  if (b) await snap(b, 'FAILED-b');
  throw e;
}
await browser.close();
await env.gateway.stop();
await env.server.stop();
console.log('counter e2e: ok');
