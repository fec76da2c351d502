// Which feed events open and close the rating question (kiosk/web/src/counter/rating_model.js).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RATINGS, promptNumberOf, endsPrompt, outcomeOf } from '../../../kiosk/web/src/counter/rating_model.js';

const done = (number, counter_id, extra = {}) => ({ number, counter_id, state: 'DONE', rating: 'RATING_UNSPECIFIED', ...extra });

test('the three levels, best first, as the API names them', () => {
  assert.deepEqual(RATINGS, ['VERY_SATISFIED', 'SATISFIED', 'DISSATISFIED']);
});

test('a completion at this counter asks; elsewhere, or any other event, does not', () => {
  assert.equal(promptNumberOf({ kind: 'COMPLETED', counter_id: '5', ticket: done('B003', '5') }, '5'), 'B003');
  assert.equal(promptNumberOf({ kind: 'COMPLETED', counter_id: '', ticket: done('B003', '5') }, '5'), 'B003');
  assert.equal(promptNumberOf({ kind: 'COMPLETED', counter_id: '4', ticket: done('B003', '4') }, '5'), '');
  assert.equal(promptNumberOf({ kind: 'CALLED_EVENT', counter_id: '5', ticket: { ...done('B003', '5'), state: 'CALLED' } }, '5'), '');
  assert.equal(promptNumberOf({ kind: 'COMPLETED', counter_id: '5', ticket: done('B003', '5', { rating: 'SATISFIED' }) }, '5'), '', 'already rated');
  assert.equal(promptNumberOf({ kind: 'COMPLETED', counter_id: '5' }, '5'), '');
  assert.equal(promptNumberOf(null, '5'), '');
});

test('a rating of the same ticket on another screen ends the question', () => {
  assert.equal(endsPrompt({ kind: 'RATED', ticket: done('B003', '5', { rating: 'SATISFIED' }) }, 'B003'), true);
  assert.equal(endsPrompt({ kind: 'RATED', ticket: done('B004', '5', { rating: 'SATISFIED' }) }, 'B003'), false);
  assert.equal(endsPrompt({ kind: 'COMPLETED', ticket: done('B003', '5') }, 'B003'), false);
  assert.equal(endsPrompt({ kind: 'CALLED_EVENT', ticket: { number: 'B003', rating: 'DISSATISFIED' } }, 'B003'), true);
  assert.equal(endsPrompt({ kind: 'RATED', ticket: done('B003', '5') }, ''), false);
});

test('a second rating is "already", anything else a failure to show', () => {
  assert.equal(outcomeOf(null), 'thanks');
  assert.equal(outcomeOf({ code: 'ALREADY_EXISTS' }), 'already');
  assert.equal(outcomeOf({ code: 'FAILED_PRECONDITION' }), 'failed');
  assert.equal(outcomeOf({ code: 'UNAVAILABLE' }), 'failed');
});
