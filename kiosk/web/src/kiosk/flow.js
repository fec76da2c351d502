// The kiosk's screens as a state machine. Pure (no DOM, no clock, no
// network), tested under node; the page dispatches actions and runs the
// requests that `issue` and `retry` start.
//
//   start --open-field--> id --issue--> (busy) --issued--> ticket
//                                           \--failed--> full | closed |
//                                                        unavailable | error
//                                                        (invalid: stays on id)
//   unavailable/error --retry--> (busy, same request id) --> ...
//   any --back--> start (same citizen: language and priority kept)
//   any --reset--> start, Vietnamese, no priority (next citizen)

import { isCompleteId, pressKey } from './citizen_id.js';
import { issueOutcome } from './issue.js';

export function initialState() {
  return {
    screen: 'start',
    lang: 'vi',
    priority: false,
    fieldId: '',
    requestId: '',  // made once per field screen; every retry reuses it
    digits: '',
    citizenId: '',  // what the request in flight (or to retry) carries
    busy: false,
    reply: null,  // IssuedTicket
    error: null,  // ApiError of the last failure
    // After the server refused a ticket outside opening hours: until when the
    // start screen says the centre is closed (0: not closed). Kept across
    // citizens; cleared when it passes or when a ticket is issued again.
    closedUntilMs: 0,
  };
}

export function kioskReducer(state, action) {
  switch (action.type) {
    case 'lang':
      return { ...state, lang: action.lang === 'en' ? 'en' : 'vi' };
    case 'priority':
      return state.screen === 'start' ? { ...state, priority: Boolean(action.on) } : state;
    case 'open-field':
      if (state.screen !== 'start' || state.busy || !action.requestId) return state;
      return {
        ...state,
        screen: 'id',
        fieldId: action.fieldId,
        requestId: action.requestId,
        digits: '',
        citizenId: '',
        reply: null,
        error: null,
      };
    case 'key':
      if (state.screen !== 'id' || state.busy) return state;
      return { ...state, digits: pressKey(state.digits, action.key), error: null };
    case 'issue': {
      // withId: "Lấy số" (needs a complete number); otherwise "Bỏ qua".
      if (state.screen !== 'id' || state.busy || !state.requestId) return state;
      if (action.withId && !isCompleteId(state.digits)) return state;
      return { ...state, busy: true, error: null, citizenId: action.withId ? state.digits : '' };
    }
    case 'retry':
      if (!['unavailable', 'error'].includes(state.screen) || state.busy || !state.requestId) return state;
      return { ...state, busy: true };
    case 'issued':
      if (!state.busy || action.requestId !== state.requestId) return state;  // a reply for a screen left
      return { ...state, busy: false, screen: 'ticket', reply: action.reply, error: null, digits: '', citizenId: '' };
    case 'failed': {
      if (!state.busy || action.requestId !== state.requestId) return state;
      const outcome = issueOutcome(action.error);
      if (outcome === 'invalid') return { ...state, busy: false, screen: 'id', error: action.error };
      const closedUntilMs = outcome === 'closed' ? action.closedUntilMs || 0 : state.closedUntilMs;
      return { ...state, busy: false, screen: outcome, error: action.error, digits: '', closedUntilMs };
    }
    case 'open-again':  // the hours came, or the feed shows a ticket issued
      return state.closedUntilMs ? { ...state, closedUntilMs: 0 } : state;
    case 'back':
      return { ...initialState(), lang: state.lang, priority: state.priority, closedUntilMs: state.closedUntilMs };
    case 'reset':
      return { ...initialState(), closedUntilMs: state.closedUntilMs };
    default:
      return state;
  }
}

// Whether the start screen differs from what the next citizen should see.
export const isDirtyStart = (state) => state.screen === 'start' && (state.lang !== 'vi' || state.priority);
