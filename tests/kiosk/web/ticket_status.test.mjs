// The phone's ticket page in words (kiosk/web/src/ticket/status.js).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  ticketOfPath, counterPhrase, ticketView, changeConcerns, callAlertKey, pageTitle, FINAL_STATES,
} from '../../../kiosk/web/src/ticket/status.js';

const centre = {
  fields: [
    { field_id: 'chung_thuc', prefix: 'A', name_vi: 'Chứng thực', name_en: 'Certification' },
    { field_id: 'ho_tich', prefix: 'B', name_vi: 'Hộ tịch', name_en: 'Civil status' },
  ],
  counters: [
    { counter_id: '5', name: 'Quầy 5' },
    { counter_id: '7', name: 'Quầy ưu tiên', priority_counter: true },
  ],
};
const reply = (extra = {}, more = {}) => ({
  ticket: { number: 'B023', field_id: 'ho_tich', original_field_id: 'ho_tich', priority: 'NORMAL', state: 'WAITING',
    counter_id: '', recall_count: 0, directed_counter_id: '', called_at_us: '0', ...extra },
  position_ahead: 3,
  estimated_wait_minutes: 12,
  ...more,
});

test('the address gives the centre and the number', () => {
  assert.deepEqual(ticketOfPath('/c/09187/t/B023'), { centre: '09187', number: 'B023' });
  assert.deepEqual(ticketOfPath('/c/09187/t/b023/'), { centre: '09187', number: 'B023' });
  assert.deepEqual(ticketOfPath('/c/09187/kiosk'), { centre: '', number: '' });
});

test('counters in words', () => {
  assert.equal(counterPhrase(centre.counters[0], 'vi'), 'quầy số 5');
  assert.equal(counterPhrase(centre.counters[0], 'en'), 'counter 5');
  assert.equal(counterPhrase(centre.counters[1], 'vi'), 'Quầy ưu tiên');
  assert.equal(counterPhrase(centre.counters[1], 'en'), 'the priority counter');
});

test('waiting: people ahead and the wait', () => {
  const v = ticketView(reply(), centre, 'vi');
  assert.equal(v.headline, 'Đang chờ đến lượt');
  assert.equal(v.showWait, true);
  assert.equal(v.ahead, 3);
  assert.equal(v.minutes, 12);
  assert.equal(v.fieldName, 'Hộ tịch');
  assert.equal(v.called, false);
  assert.equal(pageTitle('B023', v, 'vi'), 'B023 · 3 người trước bạn');
});

test('called: "Mời bạn đến quầy số 5", and a recall says so', () => {
  const v = ticketView(reply({ state: 'CALLED', counter_id: '5' }), centre, 'vi');
  assert.equal(v.headline, 'Mời bạn đến quầy số 5');
  assert.equal(v.tone, 'call');
  assert.equal(v.called, true);
  assert.equal(v.showWait, false);
  assert.match(pageTitle('B023', v, 'vi'), /Mời bạn đến quầy số 5/);
  assert.equal(ticketView(reply({ state: 'CALLED', counter_id: '5' }), centre, 'en').headline, 'Please go to counter 5');
  const again = ticketView(reply({ state: 'CALLED', counter_id: '7', recall_count: 2 }), centre, 'vi');
  assert.equal(again.headline, 'Mời bạn đến Quầy ưu tiên');
  assert.deepEqual(again.notes, ['Gọi lại lần 2']);
});

test('every state after the call has its words', () => {
  const words = (state, lang = 'vi') => ticketView(reply({ state, counter_id: '5' }), centre, lang).headline;
  assert.equal(words('SERVING'), 'Bạn đang được phục vụ tại quầy số 5');
  assert.equal(words('DONE'), 'Đã phục vụ xong. Cảm ơn bạn!');
  assert.equal(words('NO_SHOW'), 'Bạn đã không có mặt khi được gọi');
  assert.equal(words('PARKED'), 'Lượt của bạn đang được tạm giữ');
  assert.equal(words('CANCELLED'), 'Số này đã bị hủy');
  assert.equal(words('EXPIRED'), 'Số này đã hết hiệu lực (hết ngày làm việc)');
  assert.equal(words('EXPIRED', 'en'), 'This number expired at the end of the day');
  for (const s of ['DONE', 'NO_SHOW', 'CANCELLED', 'EXPIRED']) assert.ok(FINAL_STATES.has(s), s);
  for (const s of ['WAITING', 'CALLED', 'SERVING', 'PARKED']) assert.ok(!FINAL_STATES.has(s), s);
});

test('a transferred ticket waits in its new field, and a directed one names its counter', () => {
  const moved = ticketView(reply({ field_id: 'chung_thuc', original_field_id: 'ho_tich' }), centre, 'vi');
  assert.equal(moved.fieldName, 'Chứng thực');
  assert.equal(moved.showWait, true);
  assert.deepEqual(moved.notes, ['Đã chuyển sang lĩnh vực Chứng thực']);
  const directed = ticketView(reply({ directed_counter_id: '7' }), centre, 'en');
  assert.deepEqual(directed.notes, ['You will be called to the priority counter']);
});

test('which changes make the page read the ticket again', () => {
  assert.equal(changeConcerns({ ticket: { number: 'B023', field_id: 'x' } }, 'B023', 'ho_tich'), 'now');
  assert.equal(changeConcerns({ ticket: { number: 'B020', field_id: 'ho_tich' } }, 'B023', 'ho_tich'), 'soon');
  assert.equal(changeConcerns({ queues: [{ field_id: 'ho_tich' }] }, 'B023', 'ho_tich'), 'soon');
  assert.equal(changeConcerns({ from_field_id: 'ho_tich', ticket: { number: 'B001', field_id: 'chung_thuc' } }, 'B023', 'ho_tich'), 'soon');
  assert.equal(changeConcerns({ ticket: { number: 'A001', field_id: 'chung_thuc' }, queues: [{ field_id: 'chung_thuc' }] }, 'B023', 'ho_tich'), '');
  assert.equal(changeConcerns({ kind: 'COUNTER_OPENED', counter: {} }, 'B023', 'ho_tich'), '');
});

test('the phone buzzes once per call or recall', () => {
  const called = { number: 'B023', state: 'CALLED', recall_count: 0, called_at_us: '5' };
  assert.equal(callAlertKey({ ...called, state: 'WAITING' }), '');
  assert.notEqual(callAlertKey(called), '');
  assert.equal(callAlertKey({ ...called }), callAlertKey(called));
  assert.notEqual(callAlertKey({ ...called, recall_count: 1 }), callAlertKey(called));
});
