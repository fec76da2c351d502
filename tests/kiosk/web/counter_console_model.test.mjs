// What the console shows and allows (kiosk/web/src/counter/console_model.js).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applySnapshot, applyChange } from '../../../kiosk/web/src/common/centre_model.js';
import {
  counterOf, currentTicket, queuesOf, enabledActions, heldByOther, applyTicketReply, applyCounterReply, trackParked,
  loadParked, saveParked, minutesSince, normaliseNumber,
} from '../../../kiosk/web/src/counter/console_model.js';
import { memoryStorage } from './counter_test_storage.mjs';

const CENTRE = {
  counters: [
    { counter_id: '4', name: 'Quầy 4', fields: [{ field_id: 'chung_thuc', weight: 1 }, { field_id: 'ho_tich', weight: 0.3 }] },
    { counter_id: '5', name: 'Quầy 5', fields: [{ field_id: 'chung_thuc', weight: 0.5 }, { field_id: 'ho_tich', weight: 1 }] },
  ],
};
const counter = (id, extra = {}) => ({ ...CENTRE.counters.find((c) => c.counter_id === id), state: 'OPEN', clerk_id: 'lan', current_number: '', ...extra });
const ticket = (number, state, extra = {}) => ({ number, state, field_id: 'ho_tich', counter_id: '5', called_at_us: '0', ...extra });

function model() {
  return applySnapshot({
    seq: '7',
    snapshot: {
      service_day: 20261201,
      queues: [{ field_id: 'ho_tich', waiting: 4, priority_waiting: 1, estimated_wait_minutes: 12 }, { field_id: 'chung_thuc', waiting: 2 }],
      counters: [counter('4', { clerk_id: 'minh', current_number: 'A001' }), counter('5')],
      active: [ticket('A001', 'SERVING', { counter_id: '4', field_id: 'chung_thuc' })],
    },
  });
}

test('the counter is its configuration with the live state over it', () => {
  const m = model();
  const c = counterOf(m, CENTRE, '4');
  assert.equal(c.name, 'Quầy 4');
  assert.equal(c.clerk_id, 'minh');
  assert.equal(c.state, 'OPEN');
  assert.equal(counterOf(null, CENTRE, '5').state, undefined, 'before the feed: no state');
  assert.equal(counterOf(m, CENTRE, '9'), null);
});

test('the ticket at the counter, and the queues of its fields by weight', () => {
  const m = model();
  assert.equal(currentTicket(m, counterOf(m, CENTRE, '4')).number, 'A001');
  assert.equal(currentTicket(m, counterOf(m, CENTRE, '5')), null);
  const q = queuesOf(m, counterOf(m, CENTRE, '5'));
  assert.deepEqual(q.map((x) => [x.field_id, x.waiting, x.priority_waiting, x.estimated_wait_minutes]), [
    ['ho_tich', 4, 1, 12],
    ['chung_thuc', 2, 0, 0],
  ]);
  // A call the counter's current_number has not caught up with is still found.
  const called = applyTicketReply(m, ticket('B002', 'CALLED'));
  const stale = { ...called, counters: { ...called.counters, 5: counter('5') } };
  assert.equal(currentTicket(stale, counterOf(stale, CENTRE, '5')).number, 'B002');
});

const on = (args) => [...enabledActions({ clerkId: 'lan', busy: false, online: true, lastServed: null, ...args })].sort();

test('each counter and ticket state enables only what the server allows', () => {
  assert.deepEqual(on({ counter: counter('5', { state: 'CLOSED', clerk_id: '' }), ticket: null }), ['open']);
  assert.deepEqual(on({ counter: counter('5'), ticket: null }), ['call', 'close', 'next', 'pause', 'resume']);
  assert.deepEqual(on({ counter: counter('5'), ticket: ticket('B001', 'CALLED') }), ['complete', 'noShow', 'park', 'recall', 'start', 'transfer']);
  assert.deepEqual(on({ counter: counter('5'), ticket: ticket('B001', 'SERVING') }), ['complete', 'park', 'receive', 'transfer']);
  assert.deepEqual(on({ counter: counter('5', { state: 'PAUSED' }), ticket: null }), ['close', 'open']);
  assert.deepEqual(on({ counter: counter('5'), ticket: null, lastServed: ticket('B001', 'DONE') }),
    ['call', 'close', 'next', 'pause', 'receive', 'resume']);
});

test('nothing while busy, offline, before the feed, or at a counter another clerk holds', () => {
  assert.deepEqual(on({ counter: counter('5'), ticket: null, busy: true }), []);
  assert.deepEqual(on({ counter: counter('5'), ticket: null, online: false }), []);
  assert.deepEqual(on({ counter: null, ticket: null }), []);
  assert.deepEqual(on({ counter: counter('5', { clerk_id: 'minh' }), ticket: null }), []);
  assert.equal(heldByOther(counter('5', { clerk_id: 'minh' }), 'lan'), true);
  assert.equal(heldByOther(counter('5', { clerk_id: 'minh', state: 'CLOSED' }), 'lan'), false);
  assert.equal(heldByOther(counter('5', { clerk_id: 'lan' }), 'lan'), false);
});

test('a reply is folded into the model: called at, then gone from, the counter', () => {
  let m = model();
  m = applyTicketReply(m, ticket('B002', 'CALLED'));
  assert.equal(m.counters['5'].current_number, 'B002');
  assert.equal(m.active.B002.state, 'CALLED');
  m = applyTicketReply(m, ticket('B002', 'DONE'));
  assert.equal(m.counters['5'].current_number, '');
  assert.equal(m.active.B002, undefined);
  assert.equal(m.tickets.B002.state, 'DONE');
  // The feed's own event for it afterwards changes nothing more.
  const after = applyChange(m, { seq: '9', kind: 'COMPLETED', ticket: ticket('B002', 'DONE') });
  assert.equal(after.counters['5'].current_number, '');
  m = applyCounterReply(m, counter('5', { state: 'PAUSED', pause_reason: 'Họp' }));
  assert.equal(m.counters['5'].pause_reason, 'Họp');
  assert.equal(applyTicketReply(null, ticket('B1', 'CALLED')), null);
});

test('parked tickets: added by a park here, removed when resumed, called, cancelled, expired or transferred', () => {
  const park = (n, counterId = '5') => ({ kind: 'PARKED_EVENT', counter_id: counterId, at_us: '100', ticket: ticket(n, 'PARKED', { counter_id: counterId }) });
  let list = [];
  list = trackParked(list, park('B001'), '5');
  list = trackParked(list, park('B002'), '5');
  list = trackParked(list, park('A009', '4'), '5');
  assert.deepEqual(list.map((p) => p.number), ['B001', 'B002']);
  assert.equal(trackParked(list, park('B001'), '5'), list, 'a repeated event changes nothing');
  assert.equal(trackParked(list, { kind: 'ISSUED', ticket: ticket('B010', 'WAITING') }, '5'), list);
  for (const kind of ['RESUMED', 'CALLED_EVENT', 'CANCELLED_EVENT', 'EXPIRED_EVENT', 'TRANSFERRED_EVENT']) {
    const after = trackParked(list, { kind, ticket: ticket('B001', 'WAITING', { counter_id: '' }) }, '5');
    assert.deepEqual(after.map((p) => p.number), ['B002'], kind);
  }
});

test('the parked list is kept for its service day only', () => {
  const s = memoryStorage();
  saveParked(s, '09187', '5', 20261201, [{ number: 'B001' }]);
  assert.deepEqual(loadParked(s, '09187', '5', 20261201), [{ number: 'B001' }]);
  assert.deepEqual(loadParked(s, '09187', '5', 20261202), []);
  assert.deepEqual(loadParked(s, '09187', '4', 20261201), []);
});

test('minutes since a call, and ticket numbers as typed', () => {
  assert.equal(minutesSince('0', 5e9), 0);
  assert.equal(minutesSince(String(1e12), 1e12 + 179e6), 2);
  assert.equal(minutesSince(String(1e12), 1e12 - 60e6), 0, 'a clock behind the server is not negative');
  assert.equal(normaliseNumber('b3'), 'B003');
  assert.equal(normaliseNumber(' B023 '), 'B023');
  assert.equal(normaliseNumber('A1024'), 'A1024');
  assert.equal(normaliseNumber('a0007'), 'A007');
  assert.equal(normaliseNumber('B'), '');
  assert.equal(normaliseNumber('BB12'), '');
  assert.equal(normaliseNumber('12'), '');
  assert.equal(normaliseNumber('B1234567'), '');
});
