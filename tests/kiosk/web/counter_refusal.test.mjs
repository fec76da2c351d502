// Refusals in the clerk's words (kiosk/web/src/counter/refusal.js).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ApiError } from '../../../kiosk/web/src/common/api.js';
import { describeRefusal, stateInDetail } from '../../../kiosk/web/src/counter/refusal.js';

const CENTRE = { counters: [{ counter_id: '4', name: 'Quầy 4' }, { counter_id: '5', name: 'Quầy 5' }] };
const refused = (code, detail) =>
  new ApiError({ code, http: 409, message_vi: 'Không làm được việc này ở trạng thái hiện tại.', message_en: 'This cannot be done in the current state.', detail });
const model = (tickets = {}, counters = {}) => ({ active: {}, tickets, counters });

test('the state a refusal names', () => {
  assert.equal(stateInDetail('ticket B003 is CALLED; only WAITING, PARKED or NO_SHOW tickets can be called'), 'CALLED');
  assert.equal(stateInDetail('counter 5 is PAUSED; open it first'), 'PAUSED');
  assert.equal(stateInDetail(''), '');
});

test('a ticket another counter took: named by the counter the feed saw, with the server reason', () => {
  const error = refused('FAILED_PRECONDITION', 'ticket B003 is CALLED; only WAITING, PARKED or NO_SHOW tickets can be called');
  const seen = model({ B003: { number: 'B003', state: 'CALLED', counter_id: '4' } });
  const r = describeRefusal(error, { action: 'call', number: 'B003', model: seen, centre: CENTRE, counterId: '5', lang: 'vi' });
  assert.equal(r.kind, 'refusal');
  assert.equal(r.headline, 'Số B003 đã được Quầy 4 gọi.');
  assert.equal(r.reason, 'Lý do từ hệ thống: Không làm được việc này ở trạng thái hiện tại. (ticket B003 is CALLED; only WAITING, PARKED or NO_SHOW tickets can be called)');
  const unknown = describeRefusal(error, { action: 'call', number: 'B003', model: model(), centre: CENTRE, counterId: '5', lang: 'vi' });
  assert.equal(unknown.headline, 'Số B003 đã được quầy khác gọi.', 'before the feed says which counter');
  const en = describeRefusal(error, { action: 'call', number: 'B003', model: seen, centre: CENTRE, counterId: '5', lang: 'en' });
  assert.equal(en.headline, 'B003 has already been called by Quầy 4.');
  assert.match(en.reason, /^The system's reason: This cannot be done in the current state\./);
});

test('finished, cancelled, expired and not parked tickets say so', () => {
  const ctx = { number: 'B003', model: model(), centre: CENTRE, counterId: '5', lang: 'vi' };
  assert.equal(describeRefusal(refused('FAILED_PRECONDITION', 'ticket B003 is DONE; x'), { ...ctx, action: 'call' }).headline, 'Số B003 đã được phục vụ xong.');
  assert.equal(describeRefusal(refused('FAILED_PRECONDITION', 'ticket B003 is CANCELLED; x'), { ...ctx, action: 'call' }).headline, 'Số B003 đã bị hủy.');
  assert.equal(describeRefusal(refused('FAILED_PRECONDITION', 'ticket B003 is EXPIRED; x'), { ...ctx, action: 'resume' }).headline, 'Số B003 đã hết hiệu lực.');
  assert.equal(describeRefusal(refused('FAILED_PRECONDITION', 'ticket B003 is WAITING; x'), { ...ctx, action: 'resume' }).headline, 'Số B003 không ở trạng thái tạm gác.');
  assert.equal(describeRefusal(refused('NOT_FOUND', 'no ticket B003'), { ...ctx, action: 'call' }).headline, 'Không có số B003 trong ngày hôm nay.');
});

test('nobody waiting is a notice, not an error', () => {
  const r = describeRefusal(refused('NOT_FOUND', 'no ticket is waiting for counter 5'), { action: 'next', model: model(), centre: CENTRE, counterId: '5', lang: 'vi' });
  assert.deepEqual(r, { kind: 'notice', headline: 'Không còn ai chờ tại quầy này.', reason: '' });
});

test('a counter open under another clerk names the clerk', () => {
  const m = model({}, { 5: { counter_id: '5', name: 'Quầy 5', state: 'OPEN', clerk_id: 'minh' } });
  const r = describeRefusal(refused('FAILED_PRECONDITION', 'counter 5 is open by another clerk'), { action: 'open', model: m, centre: CENTRE, counterId: '5', lang: 'vi' });
  assert.equal(r.headline, 'Quầy 5 đang do cán bộ minh mở.');
});

test('the system away, and anything else, name the action with the reason', () => {
  const away = new ApiError({ code: 'UNAVAILABLE', http: 503, message_vi: 'Hệ thống tạm thời không sẵn sàng.', message_en: 'Not available.' });
  const r = describeRefusal(away, { action: 'next', model: model(), centre: CENTRE, counterId: '5', lang: 'vi' });
  assert.equal(r.headline, 'Hệ thống chưa sẵn sàng, chưa thao tác được.');
  assert.equal(r.reason, 'Lý do từ hệ thống: Hệ thống tạm thời không sẵn sàng.');
  const other = describeRefusal(refused('INVALID_ARGUMENT', 'reason is too long'), { action: 'pause', model: model(), centre: CENTRE, counterId: '5', lang: 'vi' });
  assert.equal(other.headline, 'Không thực hiện được: Tạm dừng quầy.');
});
