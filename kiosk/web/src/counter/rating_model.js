// The citizen's rating after Complete: the three levels, which feed events
// open and close a prompt at a counter, and what a reply means. Pure (tested
// in counter_rating_model.test.mjs). API: POST /api/c/{centre}/tickets/
// {number}/rating {"counter_id", "rating"[, "clerk_id"]} -> TicketResponse; only a DONE
// ticket can be rated, once (a second, different rating is ALREADY_EXISTS;
// the same one again is answered OK).

export const RATINGS = ['VERY_SATISFIED', 'SATISFIED', 'DISSATISFIED'];

// How long a prompt waits for a tap.
export const PROMPT_SECONDS = 30;
// How long the thanks stay on screen.
export const THANKS_SECONDS = 4;

// The ticket a feed event asks the counter's rating screen to rate, or ''.
export function promptNumberOf(event, counterId) {
  if (!event || event.kind !== 'COMPLETED' || !event.ticket) return '';
  const t = event.ticket;
  const here = event.counter_id === counterId || t.counter_id === counterId;
  if (!here || t.state !== 'DONE') return '';
  if (t.rating && t.rating !== 'RATING_UNSPECIFIED') return '';
  return t.number;
}

// Whether a feed event ends the prompt for `number`: it was rated
// elsewhere (the console's overlay or the tablet), or it is no longer DONE.
export function endsPrompt(event, number) {
  if (!event || !number || !event.ticket || event.ticket.number !== number) return false;
  if (event.kind === 'RATED') return true;
  return !!event.ticket.rating && event.ticket.rating !== 'RATING_UNSPECIFIED';
}

// The outcome of a rating call: 'thanks' (recorded), 'already' (rated
// before) or 'failed' (anything else: the server's reason is shown).
export function outcomeOf(error) {
  if (!error) return 'thanks';
  if (error.code === 'ALREADY_EXISTS') return 'already';
  return 'failed';
}
