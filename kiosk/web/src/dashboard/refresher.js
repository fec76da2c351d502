// When the dashboard fetches the day statistics again: every `everyMs`, and
// soon after a change on the feed (poke), at most once per `minGapMs` and
// after `settleMs` of quiet so that a burst of calls costs one fetch. Never
// two fetches at once. Timers and the clock are injected (tested in
// tests/kiosk/web/dashboard_refresher.test.mjs with fake ones).

export function createRefresher({ run, everyMs = 15000, settleMs = 1500, minGapMs = 5000, timers = globalThis, now = Date.now }) {
  let timer = null;
  let dueAt = Infinity;
  let lastRun = -Infinity;
  let running = false;
  let again = false;
  let stopped = true;

  function schedule(at) {
    if (stopped) return;
    if (timer !== null && dueAt <= at) return;
    if (timer !== null) timers.clearTimeout(timer);
    dueAt = at;
    timer = timers.setTimeout(fire, Math.max(0, at - now()));
  }

  async function fire() {
    timer = null;
    dueAt = Infinity;
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = true;
    lastRun = now();
    try {
      await run();
    } catch (e) {
      // run reports its own failures; the next turn tries again.
    } finally {
      running = false;
      if (again) {
        again = false;
        schedule(Math.max(now() + settleMs, lastRun + minGapMs));
      }
      schedule(now() + everyMs);
    }
  }

  return {
    start() {
      stopped = false;
      schedule(now());
    },
    stop() {
      stopped = true;
      if (timer !== null) timers.clearTimeout(timer);
      timer = null;
      dueAt = Infinity;
    },
    // A change on the feed: fetch soon, but not more often than minGapMs.
    poke() {
      if (running) {
        again = true;
        return;
      }
      schedule(Math.max(now() + settleMs, lastRun + minGapMs));
    },
    // Now (the page came back online).
    now() {
      schedule(now());
    },
  };
}
