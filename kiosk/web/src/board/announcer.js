// The board's spoken calls, one after another: never two at once, never one
// dropped, never one spoken twice. Pure (the sound is the injected `play`),
// tested under node (tests/kiosk/web/board_announcer.test.mjs).
//
// An announcement is { key, number, counter_id, recall, at_us }. Its key
// names one call of one ticket (callKey), the same whether the call came
// as a change or inside a snapshot, so a call seen again after a reconnect
// is not spoken again. A call older than maxAgeMs (by its at_us) is shown
// on the board but not spoken: a call replayed after a short reconnect is
// still announced, one from long ago is not. Calls made before `sinceUs`
// (the moment the board opened) are shown but not spoken either: a board
// that is switched on does not read out the calls it finds.
//
// play(item) resolves with 'ended' (spoken), 'novoice' (the gateway has no
// voice: shown for a while instead), 'failed' (retried a few times), or
// 'blocked' (the browser wants a gesture before sound: the queue waits,
// keeping the item, until unblock()).

export const SPEAK_MAX_AGE_MS = 2 * 60 * 1000;
export const MAX_ATTEMPTS = 3;
const KEYS_KEPT = 500;

// One call of one ticket: its number, how many recalls, when it was called.
export const callKey = (ticket) => `${ticket.number}#${ticket.recall_count || 0}#${ticket.called_at_us || 0}`;

export class Announcer {
  constructor({ play, sleep, nowMs = () => Date.now(), sinceUs = 0, maxAgeMs = SPEAK_MAX_AGE_MS, gapMs = 600, retryDelayMs = 1500, onUpdate = () => {} }) {
    Object.assign(this, { play, sleep, nowMs, sinceUs, maxAgeMs, gapMs, retryDelayMs, onUpdate });
    this.pending = [];
    this.current = null;
    this.blocked = false;
    this.running = false;
    this.seen = new Set();
    this.results = [];  // the last few { key, result }, for the page's tests
  }

  isStale(item) {
    return this.nowMs() - Number(item.at_us) / 1000 > this.maxAgeMs;
  }

  // -> 'queued' | 'duplicate' | 'before' | 'stale'
  offer(item) {
    if (this.seen.has(item.key)) return 'duplicate';
    this.remember(item.key);
    if (Number(item.at_us) < this.sinceUs) return 'before';
    if (this.isStale(item)) {
      this.record(item.key, 'stale');
      return 'stale';
    }
    this.pending.push({ ...item, attempts: 0 });
    this.update();
    this.pump();
    return 'queued';
  }

  // After the page got a gesture ("Bật âm thanh").
  unblock() {
    if (!this.blocked) return;
    this.blocked = false;
    this.update();
    this.pump();
  }

  state() {
    return { current: this.current, pending: this.pending.slice(), blocked: this.blocked };
  }

  remember(key) {
    this.seen.add(key);
    if (this.seen.size > KEYS_KEPT) this.seen.delete(this.seen.values().next().value);
  }

  record(key, result) {
    this.results.push({ key, result });
    if (this.results.length > 50) this.results.shift();
  }

  update() {
    this.onUpdate(this.state());
  }

  async pump() {
    if (this.running || this.blocked) return;
    this.running = true;
    try {
      while (!this.blocked && this.pending.length > 0) {
        const item = this.pending[0];
        if (this.isStale(item)) {  // only after a long block: too late to call aloud
          this.pending.shift();
          this.record(item.key, 'stale');
          continue;
        }
        this.current = item;
        this.update();
        let result;
        try {
          result = await this.play(item);
        } catch (e) {
          result = 'failed';
        }
        this.current = null;
        if (result === 'blocked') {
          this.blocked = true;
          break;
        }
        if (result === 'failed' && ++item.attempts < MAX_ATTEMPTS) {
          this.update();
          await this.sleep(this.retryDelayMs);
          continue;
        }
        this.pending.shift();
        this.record(item.key, result);
        this.update();
        if (this.pending.length > 0) await this.sleep(this.gapMs);
      }
    } finally {
      this.running = false;
      this.update();
    }
  }
}
