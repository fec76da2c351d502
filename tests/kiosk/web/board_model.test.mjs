// What the board shows (kiosk/web/src/board/board_model.js).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applySnapshot, applyChange } from '../../../kiosk/web/src/common/centre_model.js';
import {
  counterLabel, callSentence, boardCounters, boardFields, announcementOfChange, announcementsOfSnapshot, voiceUrl,
} from '../../../kiosk/web/src/board/board_model.js';

const centre = {
  fields: [
    { field_id: 'chung_thuc', prefix: 'A', name_vi: 'Chứng thực', name_en: 'Certification' },
    { field_id: 'ho_tich', prefix: 'B', name_vi: 'Hộ tịch', name_en: 'Civil status' },
  ],
  counters: [
    { counter_id: '1', name: 'Quầy 1' },
    { counter_id: '5', name: 'Quầy 5' },
    { counter_id: '6', name: 'Quầy 6' },
    { counter_id: '7', name: 'Quầy ưu tiên', priority_counter: true },
  ],
};
const ticket = (number, extra = {}) => ({ number, state: 'CALLED', field_id: 'ho_tich', counter_id: '5', recall_count: 0, called_at_us: '1000', ...extra });

function model() {
  return applySnapshot({
    seq: '3',
    snapshot: {
      queues: [{ field_id: 'ho_tich', waiting: 4, estimated_wait_minutes: 12, issuing_stopped: false }],
      counters: [
        { counter_id: '7', name: 'Quầy ưu tiên', state: 'PAUSED', current_number: '', priority_counter: true },
        { counter_id: '5', name: 'Quầy 5', state: 'OPEN', current_number: 'B001' },
        { counter_id: '1', name: 'Quầy 1', state: 'OPEN', current_number: '' },
        { counter_id: '6', name: 'Quầy 6', state: 'CLOSED', current_number: '' },
      ],
      active: [ticket('B001')],
    },
  });
}

test('counter names in each language', () => {
  assert.equal(counterLabel(centre.counters[1], 'vi'), 'Quầy 5');
  assert.equal(counterLabel(centre.counters[1], 'en'), 'Counter 5');
  assert.equal(counterLabel(centre.counters[3], 'vi'), 'Quầy ưu tiên');
  assert.equal(counterLabel(centre.counters[3], 'en'), 'Priority counter');
});

test('the call in words', () => {
  const call = { number: 'B023', counter_id: '5', recall: false };
  assert.equal(callSentence(call, centre.counters[1], 'vi'), 'Mời số B023 đến quầy 5');
  assert.equal(callSentence(call, centre.counters[1], 'en'), 'Number B023, please go to counter 5');
  assert.equal(callSentence({ ...call, recall: true }, centre.counters[3], 'vi'), 'Mời lại số B023 đến quầy ưu tiên');
  assert.equal(callSentence(call, centre.counters[3], 'en'), 'Number B023, please go to the priority counter');
});

test('open and paused counters in the centre\'s order, closed ones left out', () => {
  const rows = boardCounters(model(), centre);
  assert.deepEqual(rows.map((r) => [r.counter.counter_id, r.number, r.paused]), [
    ['1', '', false],
    ['5', 'B001', false],
    ['7', '', true],
  ]);
});

test('waiting per field, zero for a field without news', () => {
  const rows = boardFields(model(), centre);
  assert.deepEqual(rows.map((r) => [r.field.prefix, r.waiting, r.minutes, r.stopped]), [
    ['A', 0, 0, false],
    ['B', 4, 12, false],
  ]);
});

test('calls, recalls and resumes to a counter are announced; other changes are not', () => {
  const called = announcementOfChange({ seq: '4', at_us: '5000', kind: 'CALLED_EVENT', ticket: ticket('B002') });
  assert.deepEqual(called, { key: 'B002#0#1000', number: 'B002', counter_id: '5', recall: false, at_us: 5000 });
  const recalled = announcementOfChange({ seq: '5', at_us: '6000', kind: 'RECALLED', ticket: ticket('B002', { recall_count: 1 }) });
  assert.equal(recalled.recall, true);
  assert.notEqual(recalled.key, called.key);
  assert.ok(announcementOfChange({ kind: 'RESUMED', at_us: '1', ticket: ticket('B003') }));
  assert.equal(announcementOfChange({ kind: 'RESUMED', ticket: ticket('B003', { state: 'WAITING' }) }), null);
  assert.equal(announcementOfChange({ kind: 'COMPLETED', ticket: ticket('B001', { state: 'DONE' }) }), null);
  assert.equal(announcementOfChange({ kind: 'ISSUED', ticket: ticket('B009', { state: 'WAITING' }) }), null);
});

test('a snapshot offers its CALLED tickets with the same keys as their changes, oldest first', () => {
  const items = announcementsOfSnapshot({
    snapshot: {
      active: [
        ticket('B002', { called_at_us: '3000' }),
        ticket('A001', { counter_id: '1', called_at_us: '2000', recall_count: 1 }),
        ticket('B001', { state: 'SERVING' }),
      ],
    },
  });
  assert.deepEqual(items.map((i) => [i.number, i.recall, i.at_us]), [['A001', true, 2000], ['B002', false, 3000]]);
  const change = announcementOfChange({ kind: 'CALLED_EVENT', at_us: '3000', ticket: ticket('B002', { called_at_us: '3000' }) });
  assert.equal(items[1].key, change.key, 'a call seen both ways is spoken once');
});

test('the voice address names the number, the counter and a recall', () => {
  assert.equal(voiceUrl('09187', { number: 'B023', counter_id: '5', recall: false }), '/api/c/09187/voice?number=B023&counter=5');
  assert.equal(voiceUrl('09187', { number: 'B023', counter_id: '5', recall: true }), '/api/c/09187/voice?number=B023&counter=5&recall=1');
});

test('the model after a call shows the new number at its counter', () => {
  const m = applyChange(model(), { seq: '4', at_us: '5000', kind: 'CALLED_EVENT', ticket: ticket('A003', { counter_id: '1', field_id: 'chung_thuc' }) });
  assert.equal(boardCounters(m, centre)[0].number, 'A003');
});
