// When an unattended kiosk goes back to its start screen. Pure, tested
// under node; the page feeds it the time since the last touch.
//
// - start screen: nothing to do, except that a language or priority choice
//   left behind is quietly undone after IDLE_WARN_AFTER_MS;
// - ticket screen: back to the start after TICKET_RETURN_MS (the ticket is
//   issued; nothing is lost);
// - any other screen: after IDLE_WARN_AFTER_MS ask "Bạn cần thêm thời gian?"
//   for IDLE_WARN_FOR_MS (at least 20 s, kiosk conventions), then back to
//   the start. Never while a request is in flight.

export const IDLE_WARN_AFTER_MS = 45000;
export const IDLE_WARN_FOR_MS = 25000;
export const TICKET_RETURN_MS = 30000;

// -> { phase: 'active' | 'warn' | 'reset', nextInMs, secondsLeft }
// nextInMs: when the phase can next change with no touch (null: never).
export function idlePhase({ screen, busy, dirty }, idleMs) {
  if (busy) return { phase: 'active', nextInMs: null };
  if (screen === 'start') {
    if (!dirty) return { phase: 'active', nextInMs: null };
    return idleMs >= IDLE_WARN_AFTER_MS
      ? { phase: 'reset', nextInMs: null }
      : { phase: 'active', nextInMs: IDLE_WARN_AFTER_MS - idleMs };
  }
  if (screen === 'ticket') {
    return idleMs >= TICKET_RETURN_MS
      ? { phase: 'reset', nextInMs: null }
      : { phase: 'active', nextInMs: TICKET_RETURN_MS - idleMs };
  }
  if (idleMs < IDLE_WARN_AFTER_MS) return { phase: 'active', nextInMs: IDLE_WARN_AFTER_MS - idleMs };
  const left = IDLE_WARN_AFTER_MS + IDLE_WARN_FOR_MS - idleMs;
  if (left > 0) {
    // Wake at the next whole second for the countdown.
    return { phase: 'warn', secondsLeft: Math.ceil(left / 1000), nextInMs: left % 1000 || 1000 };
  }
  return { phase: 'reset', nextInMs: null };
}
