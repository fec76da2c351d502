// When the dashboard fetches its statistics (kiosk/web/src/dashboard/refresher.js), with a fake clock.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRefresher } from '../../../kiosk/web/src/dashboard/refresher.js';

function fakeTime() {
  let t = 0;
  let id = 0;
  const pending = new Map();
  return {
    now: () => t,
    timers: {
      setTimeout: (fn, ms) => {
        pending.set(++id, { fn, at: t + ms });
        return id;
      },
      clearTimeout: (i) => pending.delete(i),
    },
    // Runs every timer due up to `to`, in order, letting promises settle.
    async advance(to) {
      for (;;) {
        const next = [...pending.entries()].sort((a, b) => a[1].at - b[1].at)[0];
        if (!next || next[1].at > to) break;
        pending.delete(next[0]);
        t = next[1].at;
        next[1].fn();
        for (let i = 0; i < 5; i += 1) await Promise.resolve();
      }
      t = to;
    },
    pendingCount: () => pending.size,
  };
}

test('fetches at start, then every 15 s', async () => {
  const time = fakeTime();
  const runs = [];
  const r = createRefresher({ run: async () => runs.push(time.now()), timers: time.timers, now: time.now });
  r.start();
  await time.advance(46000);
  assert.deepEqual(runs, [0, 15000, 30000, 45000]);
  r.stop();
  await time.advance(100000);
  assert.equal(runs.length, 4, 'nothing after stop');
  assert.equal(time.pendingCount(), 0, 'no timer left running');
});

test('a burst of feed changes costs one fetch, after the quiet time and the minimum gap', async () => {
  const time = fakeTime();
  const runs = [];
  const r = createRefresher({ run: async () => runs.push(time.now()), timers: time.timers, now: time.now });
  r.start();
  await time.advance(1000);
  assert.deepEqual(runs, [0]);
  for (const at of [1000, 1200, 1400, 2000]) {
    await time.advance(at);
    r.poke();
  }
  await time.advance(14000);
  assert.deepEqual(runs, [0, 5000], 'one fetch 5 s after the first (the minimum gap), not four');
  await time.advance(20500);
  assert.deepEqual(runs, [0, 5000, 20000], 'the periodic fetch counts from the last one');
  await time.advance(30000);
  r.poke();
  await time.advance(40000);
  assert.deepEqual(runs, [0, 5000, 20000, 31500], 'a lone change waits only the quiet time');
  r.stop();
});

test('never two fetches at once: a change during a slow fetch is fetched after it', async () => {
  const time = fakeTime();
  let inFlight = 0;
  let most = 0;
  const finishers = [];
  const r = createRefresher({
    run: () => {
      inFlight += 1;
      most = Math.max(most, inFlight);
      return new Promise((resolve) => finishers.push(() => { inFlight -= 1; resolve(); }));
    },
    timers: time.timers,
    now: time.now,
  });
  r.start();
  await time.advance(0);
  r.poke();
  r.poke();
  await time.advance(9000);
  assert.equal(finishers.length, 1);
  finishers[0]();
  await time.advance(9000);
  await time.advance(15000);
  assert.equal(finishers.length, 2, 'the change is fetched once the slow fetch ended');
  assert.equal(most, 1);
  r.stop();
});
