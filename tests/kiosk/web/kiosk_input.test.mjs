// The kiosk's keypad, hours, issuing with retries and print checks
// (kiosk/web/src/kiosk/citizen_id.js, hours.js, issue.js, print_state.js).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pressKey, isCompleteId, groupDigits, digitBoxes } from '../../../kiosk/web/src/kiosk/citizen_id.js';
import { acceptsIssueAt, nextOpening, weekLines } from '../../../kiosk/web/src/kiosk/hours.js';
import { issueBody, issueTicket, issueOutcome, reasonText, errorText } from '../../../kiosk/web/src/kiosk/issue.js';
import { followPrint, printPhase } from '../../../kiosk/web/src/kiosk/print_state.js';

test('the keypad takes at most 12 digits; delete and clear', () => {
  let d = '';
  for (const k of '1234567890123'.split('')) d = pressKey(d, k);
  assert.equal(d, '123456789012');
  assert.equal(pressKey(d, 'del'), '12345678901');
  assert.equal(pressKey(d, 'clear'), '');
  assert.equal(pressKey('12', 'x'), '12');
  assert.equal(pressKey('', 'del'), '');
});

test('only 9 or 12 digits are a complete ID; digits are grouped by three', () => {
  assert.ok(isCompleteId('123456789'));
  assert.ok(isCompleteId('001234567890'));
  for (const d of ['', '12345678', '1234567890', '12345678901']) assert.ok(!isCompleteId(d), d);
  assert.equal(groupDigits('00123456789'), '001 234 567 89');
  assert.deepEqual(digitBoxes('0012'), [['0', '0', '1'], ['2', '', ''], ['', '', ''], ['', '', '']]);
});

// Tuesday 1 December 2026 at hh:mm in Hà Nội (UTC+7).
const at = (hh, mm, day = 1) => Date.UTC(2026, 11, day, hh - 7, mm);
const HOURS = [1, 2, 3, 4, 5].flatMap((weekday) => [
  { weekday, opens: '07:30', closes: '11:30' },
  { weekday, opens: '13:30', closes: '17:00' },
]);

test('tickets are taken from an hour before the first opening to the last closing, lunch included', () => {
  assert.ok(!acceptsIssueAt(HOURS, at(6, 29)));
  assert.ok(acceptsIssueAt(HOURS, at(6, 30)));
  assert.ok(acceptsIssueAt(HOURS, at(12, 0)));
  assert.ok(acceptsIssueAt(HOURS, at(16, 59)));
  assert.ok(!acceptsIssueAt(HOURS, at(17, 0)));
  assert.ok(!acceptsIssueAt(HOURS, at(9, 0, 5)), 'Saturday 5 December');
});

test('the next opening: today if still ahead, else the next day with hours', () => {
  const early = nextOpening(HOURS, at(5, 0));
  assert.equal(early.opensAtMs, at(7, 30));
  assert.equal(early.issueFromMs, at(6, 30));
  assert.equal(early.weekday, 2);
  const evening = nextOpening(HOURS, at(18, 0));
  assert.equal(evening.opensAtMs, at(7, 30, 2));
  assert.equal(evening.weekday, 3);
  const friday = nextOpening(HOURS, at(18, 0, 4));
  assert.equal(friday.opensAtMs, at(7, 30, 7), 'Friday evening: Monday');
  assert.equal(friday.weekday, 1);
  assert.equal(nextOpening([], at(9, 0)), null);
});

test('the week is written with consecutive days that share hours on one line', () => {
  const hours = [...HOURS, { weekday: 6, opens: '07:30', closes: '11:30' }];
  assert.deepEqual(weekLines(hours, 'vi'), [
    { days: 'Thứ Hai – Thứ Sáu', times: '07:30–11:30, 13:30–17:00' },
    { days: 'Thứ Bảy', times: '07:30–11:30' },
  ]);
  assert.equal(weekLines(hours, 'en')[0].days, 'Monday – Friday');
});

test('the request body names the priority and sends the ID only when given', () => {
  assert.deepEqual(issueBody({ fieldId: 'ho_tich', requestId: 'r', priority: true, citizenId: '' }), {
    field_id: 'ho_tich', request_id: 'r', priority: 'PRIORITY', citizen_id: '',
  });
  assert.equal(issueBody({ fieldId: 'a', requestId: 'r', priority: false, citizenId: '123456789' }).priority, 'NORMAL');
});

test('issuing retries a lost reply with the same body, and stops on a refusal', async () => {
  const bodies = [];
  const failures = [{ code: 'UNAVAILABLE' }, { code: 'DEADLINE_EXCEEDED' }];
  const post = async (path, body) => {
    bodies.push([path, body]);
    if (failures.length) throw failures.shift();
    return { issued: { replayed: true } };
  };
  const slept = [];
  const r = await issueTicket(post, '09187', { request_id: 'r1' }, { delays: [5, 7], sleep: async (ms) => slept.push(ms) });
  assert.equal(r.issued.replayed, true);
  assert.equal(bodies.length, 3);
  assert.ok(bodies.every(([path, b]) => path === '/api/c/09187/tickets' && b.request_id === 'r1'));
  assert.deepEqual(slept, [5, 7]);

  let calls = 0;
  const refuse = async () => {
    calls++;
    throw { code: 'RESOURCE_EXHAUSTED' };
  };
  await assert.rejects(issueTicket(refuse, '1', {}, { delays: [1], sleep: async () => {} }), { code: 'RESOURCE_EXHAUSTED' });
  assert.equal(calls, 1);
  const down = async () => {
    calls++;
    throw { code: 'UNAVAILABLE' };
  };
  calls = 0;
  await assert.rejects(issueTicket(down, '1', {}, { delays: [1, 1], sleep: async () => {} }), { code: 'UNAVAILABLE' });
  assert.equal(calls, 3);
});

test('outcomes and reasons in the page language', () => {
  assert.equal(issueOutcome({ code: 'RESOURCE_EXHAUSTED' }), 'full');
  assert.equal(issueOutcome({ code: 'FAILED_PRECONDITION' }), 'closed');
  assert.equal(issueOutcome(null), 'error');
  const detail = 'Lĩnh vực Đất đai đã hết số hôm nay (2 số) / No more tickets today for Land';
  assert.equal(reasonText(detail, 'vi'), 'Lĩnh vực Đất đai đã hết số hôm nay (2 số)');
  assert.equal(reasonText(detail, 'en'), 'No more tickets today for Land');
  assert.equal(reasonText('citizen_id must be 12 digits', 'vi'), 'citizen_id must be 12 digits');
  const e = { code: 'INVALID_ARGUMENT', message_vi: 'Yêu cầu không hợp lệ.', message_en: 'The request is not valid.', detail: 'bad' };
  assert.equal(errorText(e, 'vi'), 'Yêu cầu không hợp lệ. (bad)');
  assert.equal(errorText({ ...e, detail: '' }, 'en'), 'The request is not valid.');
});

test('print phases: off says nothing, queued is followed to its end', async () => {
  assert.equal(printPhase('off'), 'off');
  assert.equal(printPhase('skipped'), 'printing');
  assert.equal(printPhase('none'), 'unknown');
  const sleep = async () => {};
  const seen = [];
  const off = await followPrint(async () => assert.fail('no check without a printer'), '/p', { state: 'off' }, { sleep, onPhase: (p) => seen.push(p) });
  assert.equal(off.phase, 'off');

  const answers = [{ state: 'queued' }, { state: 'failed', message: 'paper out' }];
  const paths = [];
  const failed = await followPrint(async (p) => (paths.push(p), answers.shift()), '/api/c/1/tickets/B001/print',
    { state: 'queued' }, { sleep, delays: [1, 1] });
  assert.deepEqual(failed, { phase: 'failed', message: 'paper out' });
  assert.deepEqual(paths, ['/api/c/1/tickets/B001/print', '/api/c/1/tickets/B001/print']);

  const printed = await followPrint(async () => ({ state: 'printed' }), '/p', { state: 'skipped' }, { sleep, delays: [1, 1] });
  assert.equal(printed.phase, 'printed');

  let checks = 0;
  const stuck = await followPrint(async () => (checks++, { state: 'queued' }), '/p', { state: 'queued' }, { sleep, delays: [1, 1] });
  assert.equal(stuck.phase, 'unknown', 'not known after two checks: ask to note the number');
  assert.equal(checks, 2);
  const broken = await followPrint(async () => { throw new Error('x'); }, '/p', { state: 'queued' }, { sleep, delays: [1] });
  assert.equal(broken.phase, 'unknown');
});
