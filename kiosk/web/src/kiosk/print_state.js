// What the ticket screen says about paper. The issue reply's print.state is
// "queued" (the gateway prints in the background), "skipped" (a replayed
// request: the ticket was printed for the first one), or "off" (no printer:
// say nothing). The end of a job is read from GET .../print once or twice.
// Pure except for the injected `get` and `sleep`, tested under node.

export const PRINT_CHECK_DELAYS_MS = [1500, 3500];

const FINAL = new Set(['printed', 'failed', 'off']);

// -> 'off' | 'printing' (not known yet) | 'printed' | 'failed' | 'unknown'
export function printPhase(state) {
  switch (state) {
    case 'off':
      return 'off';
    case 'printed':
    case 'failed':
      return state;
    case 'queued':
    case 'skipped':
      return 'printing';
    default:
      return 'unknown';  // "none": the gateway has no record of a job
  }
}

// Follows the job until it ends or the checks are used up; calls onPhase
// with each phase seen and resolves with the last one.
export async function followPrint(get, path, initial, { delays = PRINT_CHECK_DELAYS_MS, sleep, onPhase = () => {} }) {
  let phase = printPhase(initial && initial.state);
  let message = (initial && initial.message) || '';
  onPhase(phase, message);
  if (phase !== 'printing') return { phase, message };
  for (const delay of delays) {
    await sleep(delay);
    try {
      const outcome = await get(path);
      if (FINAL.has(outcome.state)) {
        phase = outcome.state;
        message = outcome.message || '';
        onPhase(phase, message);
        return { phase, message };
      }
      if (outcome.state === 'none') phase = 'unknown';
    } catch (e) {
      phase = 'unknown';
    }
  }
  // Still not known: the screen asks the citizen to note the number anyway.
  if (phase === 'printing') phase = 'unknown';
  onPhase(phase, message);
  return { phase, message };
}
