// What the board shows, from the centre (GET /api/c/{centre}) and the model
// kept from the live feed (common/centre_model.js). Pure, tested under node.
import { isSpokenCall } from '../common/centre_model.js';
import { callKey } from './announcer.js';

// "Quầy 5" / "Counter 5"; the priority counter by its role in English.
export function counterLabel(counter, lang) {
  const name = (counter && counter.name) || '';
  if (lang !== 'en') return name || (counter ? `Quầy ${counter.counter_id}` : '');
  const m = /^Quầy\s+(\d+)$/.exec(name);
  if (m) return `Counter ${m[1]}`;
  if (counter && counter.priority_counter) return 'Priority counter';
  return name || (counter ? `Counter ${counter.counter_id}` : '');
}

const lowerFirst = (s) => s.charAt(0).toLocaleLowerCase('vi') + s.slice(1);

// "Mời số B023 đến quầy 5" / "Number B023, please go to counter 5".
export function callSentence(call, counter, lang) {
  const label = counterLabel(counter || { counter_id: call.counter_id, name: `Quầy ${call.counter_id}` }, lang);
  if (lang === 'en') {
    const where = /^Counter \d+$/.test(label) ? lowerFirst(label) : `the ${lowerFirst(label)}`;
    return `${call.recall ? 'Again: number' : 'Number'} ${call.number}, please go to ${where}`;
  }
  return `${call.recall ? 'Mời lại số' : 'Mời số'} ${call.number} đến ${lowerFirst(label)}`;
}

// Counters that are open or paused, in the centre's order, with the ticket
// each one has now.
export function boardCounters(model, centre) {
  const order = ((centre && centre.counters) || []).map((c) => c.counter_id);
  const ids = [...order, ...Object.keys((model && model.counters) || {}).filter((id) => !order.includes(id))];
  const rows = [];
  for (const id of ids) {
    const live = model && model.counters[id];
    const known = ((centre && centre.counters) || []).find((c) => c.counter_id === id);
    const counter = { ...(known || {}), ...(live || {}) };
    if (counter.state !== 'OPEN' && counter.state !== 'PAUSED') continue;
    rows.push({ counter, number: counter.current_number || '', paused: counter.state === 'PAUSED' });
  }
  return rows;
}

// Waiting per field, in the centre's order.
export function boardFields(model, centre) {
  return ((centre && centre.fields) || []).map((field) => {
    const q = (model && model.queues[field.field_id]) || {};
    return {
      field,
      waiting: Number(q.waiting || 0),
      minutes: Number(q.estimated_wait_minutes || 0),
      stopped: Boolean(q.issuing_stopped),
    };
  });
}

// The announcement of a change, or null when the change is not spoken.
export function announcementOfChange(event) {
  if (!isSpokenCall(event) || !event.ticket) return null;
  const t = event.ticket;
  return {
    key: callKey(t),
    number: t.number,
    counter_id: t.counter_id,
    recall: event.kind === 'RECALLED',
    at_us: Number(event.at_us || t.called_at_us || 0),
  };
}

// The calls a snapshot holds (CALLED tickets), for a board that reconnects
// after the gateway lost the events it missed.
export function announcementsOfSnapshot(event) {
  const active = (event.snapshot && event.snapshot.active) || [];
  return active
    .filter((t) => t.state === 'CALLED')
    .map((t) => ({
      key: callKey(t),
      number: t.number,
      counter_id: t.counter_id,
      recall: (t.recall_count || 0) > 0,
      at_us: Number(t.called_at_us || 0),
    }))
    .sort((a, b) => a.at_us - b.at_us);
}

export function voiceUrl(centre, item) {
  const q = `number=${encodeURIComponent(item.number)}&counter=${encodeURIComponent(item.counter_id)}`;
  return `/api/c/${centre}/voice?${q}${item.recall ? '&recall=1' : ''}`;
}
