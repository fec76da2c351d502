// Dossier actions by status, lateness, local date and time (kiosk/web/src/counter/dossier_rules.js).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  actionsFor, wasExtended, minutesLate, durationText, localInputsOf, usOfLocalInputs, proposedExtension, DOSSIER_ACTIONS,
} from '../../../kiosk/web/src/counter/dossier_rules.js';

const ids = (status, extra = {}) => actionsFor({ status, ...extra }).map((a) => a.id);

test('each status allows the actions of docs/deadline.md, and only those', () => {
  assert.deepEqual(ids('REGISTERED'), ['accept', 'reject', 'withdraw']);
  assert.deepEqual(ids('ACCEPTED'), ['start', 'supplement', 'financial', 'extend', 'resolve', 'reject', 'withdraw', 'stop']);
  assert.deepEqual(ids('PROCESSING'), ['supplement', 'financial', 'extend', 'resolve', 'withdraw', 'stop']);
  assert.deepEqual(ids('SUPPLEMENT_REQUESTED'), ['resume', 'extend', 'withdraw', 'stop']);
  assert.deepEqual(ids('FINANCIAL_OBLIGATION'), ['resume', 'extend', 'withdraw', 'stop']);
  assert.deepEqual(ids('RESOLVED'), ['return']);
  for (const closed of ['NOT_ACCEPTED', 'WITHDRAWN', 'STOPPED', 'RESULT_RETURNED']) assert.deepEqual(ids(closed), [], closed);
  assert.deepEqual(actionsFor(null), []);
});

test('one extension per dossier; reasons where the server requires them', () => {
  const extended = { extension: { new_due_at_us: '1796205600000000' } };
  assert.equal(wasExtended(extended), true);
  assert.equal(wasExtended({}), false);
  assert.ok(!ids('PROCESSING', extended).includes('extend'));
  const needReason = DOSSIER_ACTIONS.filter((a) => a.reason).map((a) => a.id).sort();
  assert.deepEqual(needReason, ['extend', 'reject', 'stop', 'supplement', 'withdraw']);
});

test('how late, in days, hours and minutes', () => {
  const due = 1796119200000000;
  assert.equal(minutesLate(due, due + 125 * 60e6), 125);
  assert.equal(minutesLate(due, due - 30 * 60e6), -30);
  assert.equal(minutesLate('0', due), null);
  assert.equal(durationText(125, 'vi'), '2 giờ 05 phút');
  assert.equal(durationText(125, 'en'), '2 h 05 min');
  assert.equal(durationText(-45, 'vi'), '45 phút');
  assert.equal(durationText(6 * 1440 + 14 * 60 + 20, 'vi'), '6 ngày 14 giờ');
  assert.equal(durationText(0, 'en'), '0 min');
});

test('local date and time (UTC+7, dd/mm/yyyy, 24-hour) to microseconds and back', () => {
  const us = 1796119200000000; // 17:00 01/12/2026 in Hà Nội
  assert.deepEqual(localInputsOf(us), { date: '01/12/2026', time: '17:00' });
  assert.equal(usOfLocalInputs('01/12/2026', '17:00'), us);
  assert.equal(usOfLocalInputs('1/12/2026', '17h00'), us);
  assert.equal(usOfLocalInputs('31/12/2026', '23:59'), Date.UTC(2026, 11, 31, 16, 59) * 1000);
  assert.equal(usOfLocalInputs('31/02/2026', '10:00'), 0, 'no 31 February');
  assert.equal(usOfLocalInputs('2026-12-01', '17:00'), 0);
  assert.equal(usOfLocalInputs('01/12/2026', '24:00'), 0);
  assert.equal(usOfLocalInputs('01/12/2026', ''), 0);
});

test('an extension is proposed after the due moment, or after now when that has passed', () => {
  const due = 1796119200000000; // 17:00 01/12/2026
  assert.deepEqual(proposedExtension(due, due - 3600e6), { date: '04/12/2026', time: '17:00' });
  const weekLater = due + 7 * 86400e6 + 3600e6;
  assert.deepEqual(proposedExtension(due, weekLater), { date: '11/12/2026', time: '17:00' });
});
