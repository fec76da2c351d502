// The kiosk's screens (kiosk/web/src/kiosk/flow.js) and idle rules (idle.js).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { initialState, kioskReducer, isDirtyStart } from '../../../kiosk/web/src/kiosk/flow.js';
import { idlePhase, IDLE_WARN_AFTER_MS, IDLE_WARN_FOR_MS, TICKET_RETURN_MS } from '../../../kiosk/web/src/kiosk/idle.js';

const run = (actions, state = initialState()) => actions.reduce(kioskReducer, state);
const err = (code, detail = '') => ({ code, detail, message_vi: 'x', message_en: 'x' });
const reply = { issued: { ticket: { number: 'B001' }, replayed: false }, print: { state: 'off' } };

test('a field opens the ID screen with the request id made for it', () => {
  const s = run([{ type: 'priority', on: true }, { type: 'open-field', fieldId: 'ho_tich', requestId: 'r1' }]);
  assert.equal(s.screen, 'id');
  assert.equal(s.fieldId, 'ho_tich');
  assert.equal(s.requestId, 'r1');
  assert.equal(s.priority, true);
});

test('the priority choice is made on the start screen only', () => {
  const s = run([{ type: 'open-field', fieldId: 'ho_tich', requestId: 'r1' }, { type: 'priority', on: true }]);
  assert.equal(s.priority, false);
});

test('a field cannot be opened without a request id', () => {
  assert.equal(run([{ type: 'open-field', fieldId: 'ho_tich', requestId: '' }]).screen, 'start');
});

test('"Lấy số" needs 9 or 12 digits; "Bỏ qua" sends no ID', () => {
  let s = run([{ type: 'open-field', fieldId: 'a', requestId: 'r1' }, ...'12345678'.split('').map((key) => ({ type: 'key', key }))]);
  assert.equal(kioskReducer(s, { type: 'issue', withId: true }).busy, false, '8 digits');
  s = kioskReducer(s, { type: 'key', key: '9' });
  const withId = kioskReducer(s, { type: 'issue', withId: true });
  assert.equal(withId.busy, true);
  assert.equal(withId.citizenId, '123456789');
  const skipped = kioskReducer(s, { type: 'issue', withId: false });
  assert.equal(skipped.busy, true);
  assert.equal(skipped.citizenId, '');
});

test('one request at a time: a second tap while busy changes nothing', () => {
  const busy = run([{ type: 'open-field', fieldId: 'a', requestId: 'r1' }, { type: 'issue', withId: false }]);
  assert.equal(kioskReducer(busy, { type: 'issue', withId: false }), busy);
  assert.equal(kioskReducer(busy, { type: 'key', key: '1' }), busy);
  assert.equal(kioskReducer(busy, { type: 'open-field', fieldId: 'b', requestId: 'r2' }), busy);
});

test('the reply of the request in flight shows the ticket; a stale reply is ignored', () => {
  const busy = run([{ type: 'open-field', fieldId: 'a', requestId: 'r1' }, { type: 'issue', withId: false }]);
  assert.equal(kioskReducer(busy, { type: 'issued', requestId: 'old', reply }), busy);
  const done = kioskReducer(busy, { type: 'issued', requestId: 'r1', reply });
  assert.equal(done.screen, 'ticket');
  assert.equal(done.busy, false);
  assert.equal(done.reply, reply);
  assert.equal(kioskReducer(done, { type: 'issued', requestId: 'r1', reply: { other: 1 } }).reply, reply, 'not busy any more');
});

test('failures lead to plain screens by code', () => {
  const busy = run([{ type: 'open-field', fieldId: 'a', requestId: 'r1' }, { type: 'issue', withId: false }]);
  const failed = (code) => kioskReducer(busy, { type: 'failed', requestId: 'r1', error: err(code), closedUntilMs: 99 });
  assert.equal(failed('RESOURCE_EXHAUSTED').screen, 'full');
  assert.equal(failed('UNAVAILABLE').screen, 'unavailable');
  assert.equal(failed('DEADLINE_EXCEEDED').screen, 'unavailable');
  assert.equal(failed('PERMISSION_DENIED').screen, 'error');
  const closed = failed('FAILED_PRECONDITION');
  assert.equal(closed.screen, 'closed');
  assert.equal(closed.closedUntilMs, 99);
  assert.equal(failed('UNAVAILABLE').closedUntilMs, 0);
  const invalid = failed('INVALID_ARGUMENT');
  assert.equal(invalid.screen, 'id');
  assert.equal(invalid.error.code, 'INVALID_ARGUMENT');
  for (const s of [failed('RESOURCE_EXHAUSTED'), closed, invalid]) assert.equal(s.busy, false, 'no button stays stuck');
});

test('a retry after a lost reply keeps the same request id', () => {
  let s = run([{ type: 'open-field', fieldId: 'a', requestId: 'r1' }, { type: 'issue', withId: false }]);
  s = kioskReducer(s, { type: 'failed', requestId: 'r1', error: err('UNAVAILABLE') });
  s = kioskReducer(s, { type: 'retry' });
  assert.equal(s.busy, true);
  assert.equal(s.requestId, 'r1');
  assert.equal(kioskReducer(s, { type: 'issued', requestId: 'r1', reply }).screen, 'ticket');
  assert.equal(kioskReducer(run([{ type: 'retry' }]), { type: 'retry' }).busy, false, 'nothing to retry on start');
});

test('back keeps the citizen\'s choices; reset gives the next citizen Vietnamese and no priority', () => {
  const s = run([{ type: 'lang', lang: 'en' }, { type: 'priority', on: true }, { type: 'open-field', fieldId: 'a', requestId: 'r1' }]);
  const back = kioskReducer(s, { type: 'back' });
  assert.equal(back.screen, 'start');
  assert.equal(back.lang, 'en');
  assert.equal(back.priority, true);
  assert.equal(back.requestId, '');
  const reset = kioskReducer(s, { type: 'reset' });
  assert.equal(reset.lang, 'vi');
  assert.equal(reset.priority, false);
  assert.ok(isDirtyStart(back));
  assert.ok(!isDirtyStart(reset));
});

test('the closed state outlives citizens until it is lifted', () => {
  let s = run([{ type: 'open-field', fieldId: 'a', requestId: 'r1' }, { type: 'issue', withId: false }]);
  s = kioskReducer(s, { type: 'failed', requestId: 'r1', error: err('FAILED_PRECONDITION'), closedUntilMs: 500 });
  assert.equal(kioskReducer(s, { type: 'reset' }).closedUntilMs, 500);
  assert.equal(kioskReducer(s, { type: 'back' }).closedUntilMs, 500);
  assert.equal(kioskReducer(s, { type: 'open-again' }).closedUntilMs, 0);
});

test('idle: the start screen waits for ever unless a choice is left behind', () => {
  assert.equal(idlePhase({ screen: 'start', busy: false, dirty: false }, 10 * 60000).phase, 'active');
  assert.equal(idlePhase({ screen: 'start', busy: false, dirty: true }, IDLE_WARN_AFTER_MS - 1).phase, 'active');
  assert.equal(idlePhase({ screen: 'start', busy: false, dirty: true }, IDLE_WARN_AFTER_MS).phase, 'reset');
});

test('idle: other screens warn for at least 20 s, then reset; never while busy', () => {
  const id = { screen: 'id', busy: false, dirty: false };
  assert.ok(IDLE_WARN_FOR_MS >= 20000);
  assert.deepEqual(idlePhase(id, 1000), { phase: 'active', nextInMs: IDLE_WARN_AFTER_MS - 1000 });
  const warn = idlePhase(id, IDLE_WARN_AFTER_MS);
  assert.equal(warn.phase, 'warn');
  assert.equal(warn.secondsLeft, IDLE_WARN_FOR_MS / 1000);
  assert.equal(idlePhase(id, IDLE_WARN_AFTER_MS + IDLE_WARN_FOR_MS - 1).secondsLeft, 1);
  assert.equal(idlePhase(id, IDLE_WARN_AFTER_MS + IDLE_WARN_FOR_MS).phase, 'reset');
  assert.equal(idlePhase({ ...id, busy: true }, 10 * 60000).phase, 'active');
  for (const screen of ['full', 'closed', 'unavailable', 'error']) {
    assert.equal(idlePhase({ screen, busy: false }, IDLE_WARN_AFTER_MS + 1).phase, 'warn', screen);
  }
});

test('idle: the ticket screen goes back by itself after 30 s', () => {
  const ticket = { screen: 'ticket', busy: false, dirty: false };
  assert.equal(idlePhase(ticket, TICKET_RETURN_MS - 1).phase, 'active');
  assert.equal(idlePhase(ticket, TICKET_RETURN_MS).phase, 'reset');
});
