// The centre model the pages keep from the live stream (kiosk/web/src/common/centre_model.js).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applySnapshot, applyChange, emptyModel, isSpokenCall, waitingTotal, MAX_CALLS } from '../../../kiosk/web/src/common/centre_model.js';

const counter = (id, extra = {}) => ({ counter_id: id, name: `Quầy ${id}`, state: 'OPEN', clerk_id: 'lan', current_number: '', ...extra });
const ticket = (number, state, extra = {}) => ({ number, state, field_id: 'ho_tich', counter_id: '', recall_count: 0, ...extra });

function snapshot() {
  return applySnapshot({
    seq: '10',
    snapshot: {
      service_day: 20261201,
      queues: [{ field_id: 'ho_tich', waiting: 3 }, { field_id: 'chung_thuc', waiting: 5 }],
      counters: [counter('4', { current_number: 'B001' }), counter('5')],
      active: [ticket('B001', 'SERVING', { counter_id: '4', called_at_us: '1000' })],
    },
  });
}

test('a snapshot gives queues, counters, active tickets and the calls of the active ones', () => {
  const m = snapshot();
  assert.equal(m.seq, 10);
  assert.equal(m.day, 20261201);
  assert.equal(waitingTotal(m), 8);
  assert.equal(m.counters['4'].current_number, 'B001');
  assert.deepEqual(Object.keys(m.active), ['B001']);
  assert.equal(m.calls.length, 1);
  assert.equal(m.calls[0].number, 'B001');
  assert.equal(m.calls[0].counter_id, '4');
});

test('a call sets the counter, adds the newest call first, and updates the queue', () => {
  const m = snapshot();
  const next = applyChange(m, {
    seq: '11', at_us: '2000', kind: 'CALLED_EVENT',
    ticket: ticket('B002', 'CALLED', { counter_id: '5' }),
    queues: [{ field_id: 'ho_tich', waiting: 2 }],
  });
  assert.equal(next.seq, 11);
  assert.equal(next.counters['5'].current_number, 'B002');
  assert.equal(next.calls[0].number, 'B002');
  assert.equal(next.calls[0].recall, false);
  assert.equal(next.calls[1].number, 'B001');
  assert.equal(next.queues.ho_tich.waiting, 2);
  assert.equal(m.counters['5'].current_number, '', 'the old model is unchanged');
});

test('a recall is a call marked as recall; completion frees the counter', () => {
  let m = snapshot();
  m = applyChange(m, { seq: '11', kind: 'RECALLED', at_us: '3000', ticket: ticket('B001', 'CALLED', { counter_id: '4', recall_count: 1 }) });
  assert.equal(m.calls[0].recall, true);
  assert.ok(isSpokenCall({ kind: 'RECALLED' }));
  m = applyChange(m, { seq: '12', kind: 'COMPLETED', ticket: ticket('B001', 'DONE', { counter_id: '4' }) });
  assert.equal(m.counters['4'].current_number, '');
  assert.equal(m.active.B001, undefined);
  assert.equal(m.tickets.B001.state, 'DONE');
});

test('no-show, park and transfer free the counter; a resume to a counter is a call', () => {
  for (const kind of ['MARKED_NO_SHOW', 'PARKED_EVENT', 'TRANSFERRED_EVENT']) {
    const m = applyChange(snapshot(), { seq: '11', kind, counter_id: '4', ticket: ticket('B001', 'WAITING', { counter_id: '' }) });
    assert.equal(m.counters['4'].current_number, '', kind);
    assert.equal(m.active.B001, undefined, kind);
  }
  const resumed = applyChange(snapshot(), { seq: '11', kind: 'RESUMED', at_us: '5', ticket: ticket('B009', 'CALLED', { counter_id: '5' }) });
  assert.equal(resumed.counters['5'].current_number, 'B009');
  assert.ok(isSpokenCall({ kind: 'RESUMED', ticket: { state: 'CALLED' } }));
  assert.ok(!isSpokenCall({ kind: 'RESUMED', ticket: { state: 'WAITING' } }));
});

test('counter events replace the counter', () => {
  const m = applyChange(snapshot(), { seq: '11', kind: 'COUNTER_PAUSED', counter: counter('5', { state: 'PAUSED', pause_reason: 'Họp' }) });
  assert.equal(m.counters['5'].state, 'PAUSED');
  assert.equal(m.counters['5'].pause_reason, 'Họp');
});

test('the list of calls is bounded', () => {
  let m = emptyModel();
  m.counters['1'] = counter('1');
  for (let i = 0; i < MAX_CALLS + 5; i++) {
    m = applyChange(m, { seq: String(i + 1), kind: 'CALLED_EVENT', at_us: String(i), ticket: ticket(`A${String(i).padStart(3, '0')}`, 'CALLED', { counter_id: '1' }) });
  }
  assert.equal(m.calls.length, MAX_CALLS);
  assert.equal(m.calls[0].number, `A${String(MAX_CALLS + 4).padStart(3, '0')}`);
});
