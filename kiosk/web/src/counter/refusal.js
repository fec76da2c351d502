// A refused counter action, said plainly: what happened in the clerk's words
// ("Số B003 đã được Quầy 4 gọi.") and the server's own reason below it,
// never a raw error. Pure (tested in counter_refusal.test.mjs).
import { translate } from '../common/i18n.js';
import { STRINGS } from './strings.js';

// The ticket state a refusal names: "ticket B001 is CALLED; only ..." -> "CALLED".
export function stateInDetail(detail) {
  const m = /\bis ([A-Z_]{4,})\b/.exec(detail || '');
  return m ? m[1] : '';
}

function counterName(centre, model, id) {
  const live = model && model.counters && model.counters[id];
  const configured = ((centre && centre.counters) || []).find((c) => c.counter_id === id);
  return (live && live.name) || (configured && configured.name) || id;
}

// Where the model last saw the ticket: { state, counter_id } or {}.
function lastSeen(model, number) {
  if (!model || !number) return {};
  return (model.active && model.active[number]) || (model.tickets && model.tickets[number]) || {};
}

function ticketHeadline(t, error, { action, number, model, centre, counterId }) {
  const seen = lastSeen(model, number);
  const state = stateInDetail(error.detail) || seen.state || '';
  if (state === 'CALLED' || state === 'SERVING') {
    const other = seen.counter_id && seen.counter_id !== counterId ? seen.counter_id : '';
    if (other) return t('refuse.takenBy', { number, counter: counterName(centre, model, other) });
    if (action === 'call' || action === 'resume') return t('refuse.taken', { number });
  }
  if (state === 'DONE') return t('refuse.done', { number });
  if (state === 'CANCELLED') return t('refuse.cancelled', { number });
  if (state === 'EXPIRED') return t('refuse.expired', { number });
  if (action === 'resume' && state && state !== 'PARKED') return t('refuse.notParked', { number });
  return '';
}

// { kind: 'refusal' | 'notice', headline, reason }. `action` is one of
// console_model's ACTIONS; `number` the ticket it named, if any.
export function describeRefusal(error, { action, number = '', model, centre, counterId, lang }) {
  const t = (key, vars) => translate(STRINGS, lang, key, vars);
  const serverText = error && typeof error.text === 'function' ? error.text(lang) : String((error && error.message) || error);
  const reason = t('refuse.reason', { reason: serverText });
  const code = (error && error.code) || '';
  if (code === 'UNAVAILABLE' || code === 'DEADLINE_EXCEEDED') {
    return { kind: 'refusal', headline: t('refuse.offline'), reason };
  }
  if (code === 'NOT_FOUND') {
    if (action === 'next') return { kind: 'notice', headline: t('refuse.noneWaiting'), reason: '' };
    if (number) return { kind: 'refusal', headline: t('refuse.notFound', { number }), reason };
  }
  if (code === 'FAILED_PRECONDITION' || code === 'ALREADY_EXISTS') {
    if (action === 'open') {
      const c = model && model.counters && model.counters[counterId];
      if (c && c.clerk_id && c.state !== 'CLOSED') {
        return { kind: 'refusal', headline: t('refuse.counterHeld', { counter: counterName(centre, model, counterId), clerk: c.clerk_id }), reason };
      }
    }
    if (number) {
      const headline = ticketHeadline(t, error, { action, number, model, centre, counterId });
      if (headline) return { kind: 'refusal', headline, reason };
    }
  }
  return { kind: 'refusal', headline: t('refuse.action', { action: t(`act.${action}`).replace(/…$/, '') }), reason };
}
