// What the dashboard derives from the feed, DayStats and the daily report
// (kiosk/web/src/dashboard/stats_model.js).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applySnapshot } from '../../../kiosk/web/src/common/centre_model.js';
import {
  secondsText, percentText, counterKind, counterRows, counterSummary, fieldRows, clerkRows, headline, hourRange,
  hourSeries, openingHours, localWeekday,
} from '../../../kiosk/web/src/dashboard/stats_model.js';

const CENTRE = {
  fields: [{ field_id: 'chung_thuc', prefix: 'A' }, { field_id: 'ho_tich', prefix: 'B' }],
  counters: ['1', '2', '3', '4', '5'].map((id) => ({ counter_id: id, name: `Quầy ${id}`, fields: [] })),
  hours: [{ weekday: 2, opens: '07:30', closes: '11:30' }, { weekday: 2, opens: '13:30', closes: '17:00' }],
};
const live = (id, state, extra = {}) => ({ counter_id: id, name: `Quầy ${id}`, state, clerk_id: state === 'CLOSED' ? '' : `c${id}`, current_number: '', pause_reason: '', ...extra });
const model = applySnapshot({
  seq: '3',
  snapshot: {
    queues: [{ field_id: 'chung_thuc', waiting: 5, priority_waiting: 1, estimated_wait_minutes: 9 }, { field_id: 'ho_tich', waiting: 2 }],
    counters: [live('1', 'OPEN', { current_number: 'A001' }), live('2', 'OPEN', { current_number: 'A002' }), live('3', 'OPEN'),
      live('4', 'PAUSED', { pause_reason: 'Họp' }), live('5', 'CLOSED')],
    active: [{ number: 'A001', state: 'SERVING', counter_id: '1' }, { number: 'A002', state: 'CALLED', counter_id: '2' }],
  },
});
const dur = (count, mean, p50, p90) => ({ count, mean_seconds: mean, p50_seconds: p50, p90_seconds: p90, max_seconds: p90 });
const STATS = {
  total: { issued: 20, served: 11, no_show: 2, cancelled: 1 },
  wait: dur(13, 400, 360, 900),
  service: dur(11, 300, 280, 500),
  ratings: { very_satisfied: 5, satisfied: 2, dissatisfied: 1, rated: 8, satisfaction_share: 0.875 },
  fields: [{ field_id: 'ho_tich', tickets: { issued: 6, served: 3, no_show: 1 }, wait: dur(4, 700, 650, 1300), service: dur(3, 500, 480, 700) }],
  clerks: [
    { clerk_id: 'b', served: 3, no_show: 0, service: dur(3, 1, 1, 1), ratings: { rated: 0 } },
    { clerk_id: 'a', served: 8, no_show: 2, service: dur(8, 1, 1, 1), ratings: { rated: 0 } },
    { clerk_id: 'c', served: 3, no_show: 1, service: dur(3, 1, 1, 1), ratings: { rated: 0 } },
  ],
  counters: [{ counter: { counter_id: '1' }, served: 7, no_show: 1 }],
  hours: Array.from({ length: 24 }, (_, h) => ({ hour: h, issued: h === 6 ? 2 : h === 9 ? 10 : 0, called: 0, served: h === 9 ? 4 : 0,
    wait: h === 9 ? dur(4, 600, 540, 1260) : dur(0, 0, 0, 0) })),
};

test('durations and shares as people read them', () => {
  assert.equal(secondsText(45, 'vi'), '45 giây');
  assert.equal(secondsText(359, 'vi'), '6 phút');
  assert.equal(secondsText(3900, 'vi'), '1 giờ 05 phút');
  assert.equal(secondsText(3900, 'en'), '1 h 05 min');
  assert.equal(secondsText(0, 'vi', 0), '—', 'no sample is not "0 giây"');
  assert.equal(percentText(0.875), '88%');
  assert.equal(percentText(0, 0), '—');
});

test('counters: serving, called, idle, paused with the reason, closed; with the day served from the statistics', () => {
  assert.equal(counterKind(live('9', 'OPEN'), null), 'idle');
  const rows = counterRows(CENTRE, model, STATS);
  assert.deepEqual(rows.map((r) => r.kind), ['serving', 'called', 'idle', 'paused', 'closed']);
  assert.equal(rows[0].number, 'A001');
  assert.equal(rows[0].served, 7);
  assert.equal(rows[3].reason, 'Họp');
  assert.equal(rows[3].clerk_id, 'c4');
  assert.equal(rows[4].clerk_id, '');
  assert.deepEqual(counterSummary(rows), { open: 3, busy: 2, idle: 1, paused: 1, closed: 1 });
  assert.deepEqual(counterRows(CENTRE, null, null).map((r) => r.kind), ['closed', 'closed', 'closed', 'closed', 'closed'], 'before the feed');
});

test('fields: waiting now from the feed, the day from the statistics', () => {
  const rows = fieldRows(CENTRE, model, STATS);
  assert.deepEqual(rows.map((r) => [r.field.field_id, r.waiting, r.priority_waiting, r.estimate_minutes, r.issued, r.served]), [
    ['chung_thuc', 5, 1, 9, 0, 0],
    ['ho_tich', 2, 0, 0, 6, 3],
  ]);
  assert.equal(rows[0].wait.count, 0);
  assert.equal(rows[1].wait.p90_seconds, 1300);
});

test('clerks by served, then by id', () => {
  assert.deepEqual(clerkRows(STATS).map((c) => c.clerk_id), ['a', 'b', 'c']);
  assert.deepEqual(clerkRows(null), []);
});

test('the headline, before and after the statistics and the report arrive', () => {
  const empty = headline(model, null, null);
  assert.equal(empty.waiting, 7);
  assert.equal(empty.served, null);
  assert.equal(empty.on_time_rate, null);
  const h = headline(model, STATS, { total: { resolved_early: 1, resolved_on_time: 2, resolved_late: 1, on_time_rate: 0.75 } });
  assert.equal(h.served, 11);
  assert.equal(h.resolved, 4);
  assert.equal(h.on_time_rate, 0.75);
  assert.equal(h.ratings.satisfaction_share, 0.875);
});

test('the charts span the opening hours widened to the data; no wait point where nobody was called', () => {
  assert.deepEqual(openingHours(CENTRE, 2), [7, 16]);
  assert.deepEqual(openingHours(CENTRE, 7), [7, 17], 'a day without hours: the default');
  assert.deepEqual(hourRange(STATS, [7, 16]), [6, 16]);
  assert.deepEqual(hourRange(null, [7, 16]), [7, 16]);
  const s = hourSeries(STATS, [8, 10]);
  assert.deepEqual(s.hours, [8, 9, 10]);
  assert.deepEqual(s.issued, [0, 10, 0]);
  assert.deepEqual(s.served, [0, 4, 0]);
  assert.deepEqual(s.p50, [null, 9, null]);
  assert.deepEqual(s.p90, [null, 21, null]);
});

test('the local weekday is Hà Nội time', () => {
  assert.equal(localWeekday(Date.UTC(2026, 10, 30, 18, 0)), 2, 'Monday 18:00 UTC is Tuesday 01:00 in Hà Nội');
  assert.equal(localWeekday(Date.UTC(2026, 10, 29, 12, 0)), 7, 'Sunday');
});
