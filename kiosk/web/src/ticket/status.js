// The phone's ticket page in words: what a ticket's state means for the
// citizen, when to read the ticket again, and what the page title says.
// Pure, tested under node (tests/kiosk/web/ticket_status.test.mjs).
import { translate } from '../common/i18n.js';
import { T } from './text.js';

export const FINAL_STATES = new Set(['DONE', 'NO_SHOW', 'CANCELLED', 'EXPIRED']);

// { centre, number } of /c/{centre}/t/{number}
export function ticketOfPath(pathname) {
  const m = /^\/c\/([0-9]{1,9})\/t\/([A-Za-z][0-9]{1,6})\/?$/.exec(pathname);
  return m ? { centre: m[1], number: m[2].toUpperCase() } : { centre: '', number: '' };
}

// "quầy số 5", "Quầy ưu tiên" / "counter 5", "the priority counter".
export function counterPhrase(counter, lang) {
  if (!counter) return '';
  const name = counter.name || `Quầy ${counter.counter_id}`;
  const m = /^Quầy\s+(\d+)$/.exec(name);
  if (lang === 'en') {
    if (m) return `counter ${m[1]}`;
    return counter.priority_counter ? 'the priority counter' : name;
  }
  return m ? `quầy số ${m[1]}` : name;
}

const findCounter = (centre, id) =>
  id ? ((centre && centre.counters) || []).find((c) => c.counter_id === id) || { counter_id: id, name: `Quầy ${id}` } : null;
const findField = (centre, id) => ((centre && centre.fields) || []).find((f) => f.field_id === id);
const nameOf = (field, lang) => (field ? (lang === 'en' ? field.name_en || field.name_vi : field.name_vi) : '');

// The view of a GetTicketResponse:
// { state, tone: 'wait'|'call'|'serve'|'done'|'bad', headline, help, notes[],
//   showWait, ahead, minutes, fieldName, priority, called }
export function ticketView(reply, centre, lang) {
  const t = (key, vars) => translate(T, lang, key, vars);
  const ticket = reply.ticket;
  const counter = findCounter(centre, ticket.counter_id);
  const where = counterPhrase(counter, lang);
  const field = findField(centre, ticket.field_id);
  const view = {
    state: ticket.state,
    tone: 'wait',
    headline: '',
    help: '',
    notes: [],
    showWait: false,
    ahead: Number(reply.position_ahead || 0),
    minutes: Number(reply.estimated_wait_minutes || 0),
    fieldName: nameOf(field, lang) || ticket.field_id,
    priority: ticket.priority === 'PRIORITY' || ticket.priority === 'APPOINTMENT',
    called: false,
  };
  if (ticket.original_field_id && ticket.field_id !== ticket.original_field_id) {
    view.notes.push(t('transferred', { field: view.fieldName }));
  }
  switch (ticket.state) {
    case 'WAITING': {
      view.headline = t('waiting');
      view.showWait = true;
      const directed = findCounter(centre, ticket.directed_counter_id);
      if (directed) view.notes.push(t('directed', { counter: counterPhrase(directed, lang) }));
      break;
    }
    case 'CALLED':
      view.tone = 'call';
      view.called = true;
      view.headline = t('calledTo', { counter: where });
      view.help = t('calledHelp');
      if (ticket.recall_count > 0) view.notes.push(t('recalled', { n: ticket.recall_count }));
      break;
    case 'SERVING':
      view.tone = 'serve';
      view.headline = t('serving', { counter: where });
      break;
    case 'DONE':
      view.tone = 'done';
      view.headline = t('done');
      break;
    case 'NO_SHOW':
      view.tone = 'bad';
      view.headline = t('noShow');
      view.help = t('noShowHelp');
      break;
    case 'PARKED':
      view.tone = 'serve';
      view.headline = t('parked');
      view.help = where ? t('parkedHelp', { counter: where }) : t('parkedHelpAny');
      break;
    case 'CANCELLED':
      view.tone = 'bad';
      view.headline = t('cancelled');
      break;
    case 'EXPIRED':
      view.tone = 'bad';
      view.headline = t('expired');
      break;
    default:
      view.headline = ticket.state;
  }
  return view;
}

// Whether a change of the live feed calls for reading the ticket again:
// 'now' (it is this ticket), 'soon' (its field moved: debounced), or ''.
export function changeConcerns(event, number, fieldId) {
  if (event.ticket && event.ticket.number === number) return 'now';
  if (!fieldId) return '';
  if (event.ticket && (event.ticket.field_id === fieldId || event.ticket.original_field_id === fieldId)) return 'soon';
  if (event.from_field_id === fieldId) return 'soon';
  if ((event.queues || []).some((q) => q.field_id === fieldId)) return 'soon';
  return '';
}

// One call of the ticket, so that the phone buzzes once per call or recall.
export const callAlertKey = (ticket) =>
  ticket && ticket.state === 'CALLED' ? `${ticket.number}#${ticket.recall_count || 0}#${ticket.called_at_us || 0}` : '';

export function pageTitle(number, view, lang) {
  if (!view) return number;
  if (view.called) return `🔔 ${number} · ${view.headline}`;
  if (view.showWait) {
    return lang === 'en' ? `${number} · ${view.ahead} ahead` : `${number} · ${view.ahead} người trước bạn`;
  }
  return `${number} · ${view.headline}`;
}
