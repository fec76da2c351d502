// The board's queue of spoken calls (kiosk/web/src/board/announcer.js).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Announcer, callKey, SPEAK_MAX_AGE_MS, MAX_ATTEMPTS } from '../../../kiosk/web/src/board/announcer.js';

const NOW_MS = 1_800_000_000_000;
const call = (number, agoMs = 1000, extra = {}) => ({
  key: `${number}#0#${NOW_MS - agoMs}`, number, counter_id: '5', recall: false, at_us: (NOW_MS - agoMs) * 1000, ...extra,
});

// A player whose plays the test ends by hand, recording what overlaps.
function manualPlayer() {
  const p = { started: [], playing: 0, maxPlaying: 0, waiting: [] };
  p.play = (item) => {
    p.started.push(item.number);
    p.playing++;
    p.maxPlaying = Math.max(p.maxPlaying, p.playing);
    return new Promise((resolve) => p.waiting.push((result = 'ended') => {
      p.playing--;
      resolve(result);
    }));
  };
  p.finish = async (result) => {
    const end = p.waiting.shift();
    assert.ok(end, 'a call is playing');
    end(result);
    await settle();
  };
  return p;
}
const settle = () => new Promise((r) => setImmediate(r));
const make = (player, extra = {}) => new Announcer({ play: player.play, sleep: async () => {}, nowMs: () => NOW_MS, ...extra });

test('calls are spoken one after another, in order, never two at once', async () => {
  const player = manualPlayer();
  const a = make(player);
  assert.equal(a.offer(call('B001')), 'queued');
  assert.equal(a.offer(call('A002')), 'queued');
  assert.equal(a.offer(call('C003')), 'queued');
  await settle();
  assert.deepEqual(player.started, ['B001']);
  assert.equal(a.state().current.number, 'B001');
  assert.deepEqual(a.state().pending.map((x) => x.number), ['B001', 'A002', 'C003']);
  await player.finish();
  assert.deepEqual(player.started, ['B001', 'A002']);
  await player.finish();
  await player.finish();
  assert.deepEqual(player.started, ['B001', 'A002', 'C003']);
  assert.equal(player.maxPlaying, 1);
  assert.equal(a.state().current, null);
  assert.deepEqual(a.results.map((r) => r.result), ['ended', 'ended', 'ended']);
});

test('a call offered while another plays waits for it', async () => {
  const player = manualPlayer();
  const a = make(player);
  a.offer(call('B001'));
  await settle();
  a.offer(call('B002'));
  await settle();
  assert.deepEqual(player.started, ['B001']);
  await player.finish();
  assert.deepEqual(player.started, ['B001', 'B002']);
});

test('the same call is never spoken twice; a recall of it is', async () => {
  const player = manualPlayer();
  const a = make(player);
  const first = call('B001');
  a.offer(first);
  assert.equal(a.offer({ ...first }), 'duplicate');
  await player.finish();
  assert.equal(a.offer({ ...first }), 'duplicate', 'after it was spoken too');
  assert.equal(a.offer({ ...first, key: 'B001#1#x', recall: true }), 'queued');
  await settle();
  assert.deepEqual(player.started, ['B001', 'B001']);
});

test('a call older than two minutes is shown, not spoken; one just replayed is spoken', async () => {
  const player = manualPlayer();
  const a = make(player);
  assert.equal(a.offer(call('B001', SPEAK_MAX_AGE_MS + 1000)), 'stale');
  assert.equal(a.offer(call('B002', 30 * 1000)), 'queued');
  await settle();
  assert.deepEqual(player.started, ['B002']);
});

test('calls made before the board opened are not spoken', async () => {
  const player = manualPlayer();
  const a = make(player, { sinceUs: (NOW_MS - 5000) * 1000 });
  assert.equal(a.offer(call('B001', 6000)), 'before');
  assert.equal(a.offer(call('B002', 4000)), 'queued');
  await settle();
  assert.deepEqual(player.started, ['B002']);
});

test('a refused sound keeps the call until unblock, then goes on in order', async () => {
  const player = manualPlayer();
  const updates = [];
  const a = make(player, { onUpdate: (s) => updates.push(s.blocked) });
  a.offer(call('B001'));
  a.offer(call('B002'));
  await settle();
  await player.finish('blocked');
  assert.equal(a.state().blocked, true);
  assert.deepEqual(a.state().pending.map((x) => x.number), ['B001', 'B002'], 'nothing dropped');
  a.offer(call('B003'));
  await settle();
  assert.deepEqual(player.started, ['B001'], 'nothing plays while blocked');
  assert.ok(updates.includes(true));
  a.unblock();
  await settle();
  assert.deepEqual(player.started, ['B001', 'B001']);
  await player.finish();
  await player.finish();
  await player.finish();
  assert.deepEqual(player.started, ['B001', 'B001', 'B002', 'B003']);
  assert.equal(a.state().blocked, false);
});

test('a failed play is retried a few times, then the queue goes on', async () => {
  const player = manualPlayer();
  const slept = [];
  const a = make(player, { sleep: async (ms) => slept.push(ms), retryDelayMs: 7, gapMs: 3 });
  a.offer(call('B001'));
  a.offer(call('B002'));
  await settle();
  for (let i = 0; i < MAX_ATTEMPTS; i++) await player.finish('failed');
  assert.deepEqual(player.started, [...Array(MAX_ATTEMPTS).fill('B001'), 'B002']);
  assert.deepEqual(a.results, [{ key: call('B001').key, result: 'failed' }]);
  assert.deepEqual(slept, [7, 7, 3]);
  await player.finish('novoice');
  assert.equal(a.results.at(-1).result, 'novoice');
});

test('a play that throws counts as failed and does not stop the queue', async () => {
  let n = 0;
  const a = new Announcer({
    play: async () => {
      n++;
      throw new Error('boom');
    },
    sleep: async () => {},
    nowMs: () => NOW_MS,
  });
  a.offer(call('B001'));
  a.offer(call('B002'));
  await new Promise((r) => setTimeout(r, 10));
  assert.equal(n, 2 * MAX_ATTEMPTS);
  assert.equal(a.state().pending.length, 0);
});

test('a call that became stale while the sound was blocked is not spoken late', async () => {
  let now = NOW_MS;
  const player = manualPlayer();
  const a = new Announcer({ play: player.play, sleep: async () => {}, nowMs: () => now });
  a.offer(call('B001'));
  await settle();
  await player.finish('blocked');
  now += SPEAK_MAX_AGE_MS + 5000;
  a.unblock();
  await settle();
  assert.deepEqual(player.started, ['B001']);
  assert.equal(a.results.at(-1).result, 'stale');
});

test('callKey names one call of one ticket', () => {
  const t = { number: 'B023', recall_count: 0, called_at_us: '100' };
  assert.equal(callKey(t), 'B023#0#100');
  assert.notEqual(callKey({ ...t, recall_count: 1 }), callKey(t));
  assert.notEqual(callKey({ ...t, called_at_us: '200' }), callKey(t));
});
