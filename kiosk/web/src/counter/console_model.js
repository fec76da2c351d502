// What the counter console shows and allows, derived from the centre model
// (common/centre_model.js) and the centre's configuration. Pure functions,
// tested under node (tests/kiosk/web/counter_console_model.test.mjs).

// Every action of the console, in the order of its buttons.
export const ACTIONS = [
  'next', 'call', 'recall', 'start', 'complete', 'noShow', 'park', 'resume', 'transfer',
  'receive', 'pause', 'open', 'close',
];

// The counter as the console shows it: the configuration (name, fields,
// priority counter) with the live state of the feed over it.
export function counterOf(model, centre, counterId) {
  const configured = ((centre && centre.counters) || []).find((c) => c.counter_id === counterId);
  const live = model && model.counters ? model.counters[counterId] : undefined;
  if (!configured && !live) return null;
  return { ...(configured || {}), ...(live || {}), fields: (live && live.fields) || (configured && configured.fields) || [] };
}

// The ticket CALLED or SERVING at the counter, or null.
export function currentTicket(model, counter) {
  if (!model || !counter) return null;
  const number = counter.current_number;
  if (number && model.active[number]) return model.active[number];
  for (const t of Object.values(model.active)) {
    if (t.counter_id === counter.counter_id && (t.state === 'CALLED' || t.state === 'SERVING')) return t;
  }
  return null;
}

// The queues of the counter's fields, highest weight first:
// [{ field_id, weight, waiting, priority_waiting, estimated_wait_minutes }]
export function queuesOf(model, counter) {
  if (!counter) return [];
  return [...(counter.fields || [])]
    .sort((a, b) => b.weight - a.weight)
    .map((f) => {
      const q = (model && model.queues[f.field_id]) || {};
      return {
        field_id: f.field_id,
        weight: f.weight,
        waiting: q.waiting || 0,
        priority_waiting: q.priority_waiting || 0,
        estimated_wait_minutes: q.estimated_wait_minutes || 0,
        issuing_stopped: !!q.issuing_stopped,
      };
    });
}

// Whether the counter is held by another clerk (open or paused under
// another clerk_id): this console may then do nothing at it.
export function heldByOther(counter, clerkId) {
  return !!(counter && counter.state !== 'CLOSED' && counter.clerk_id && counter.clerk_id !== clerkId);
}

// The actions that make sense now. Mirrors the server's rules (docs/queue.md,
// "States"): a counter holding a ticket cannot call again, pause or close;
// recall, start and no-show need a CALLED ticket; complete, park and
// transfer a CALLED or SERVING one. A dossier is received from the ticket
// being served, or from the last one completed here.
export function enabledActions({ counter, ticket, clerkId, busy, online, lastServed }) {
  const on = new Set();
  if (busy || !online || !counter || heldByOther(counter, clerkId)) return on;
  const t = ticket ? ticket.state : '';
  if (counter.state === 'OPEN') {
    if (!t) ['next', 'call', 'resume', 'pause', 'close'].forEach((a) => on.add(a));
    if (t === 'CALLED') ['recall', 'start', 'noShow'].forEach((a) => on.add(a));
    if (t === 'CALLED' || t === 'SERVING') ['complete', 'park', 'transfer'].forEach((a) => on.add(a));
  } else if (counter.state === 'PAUSED') {
    on.add('open');
    on.add('close');
  } else {
    on.add('open');
  }
  if (t === 'SERVING' || (!t && lastServed)) on.add('receive');
  return on;
}

// The ticket a reply of the server carries, folded into the model at once
// (the feed brings the same change a moment later and overrides it).
export function applyTicketReply(model, ticket) {
  if (!model || !ticket || !ticket.number) return model;
  const next = { ...model, active: { ...model.active }, tickets: { ...model.tickets }, counters: { ...model.counters } };
  next.tickets[ticket.number] = ticket;
  const atCounter = ticket.state === 'CALLED' || ticket.state === 'SERVING';
  const before = model.active[ticket.number];
  if (atCounter) next.active[ticket.number] = ticket;
  else delete next.active[ticket.number];
  const counterId = ticket.counter_id || (before && before.counter_id);
  const counter = counterId && next.counters[counterId];
  if (counter) {
    if (atCounter) next.counters[counterId] = { ...counter, current_number: ticket.number };
    else if (counter.current_number === ticket.number) next.counters[counterId] = { ...counter, current_number: '' };
  }
  return next;
}

// The counter a reply of open/pause/close carries.
export function applyCounterReply(model, counter) {
  if (!model || !counter || !counter.counter_id) return model;
  return { ...model, counters: { ...model.counters, [counter.counter_id]: counter } };
}

const LEAVES_PARKED = new Set(['RESUMED', 'CALLED_EVENT', 'CANCELLED_EVENT', 'EXPIRED_EVENT', 'TRANSFERRED_EVENT']);

// The tickets parked at this counter, kept from the feed (the snapshot does
// not carry parked tickets): a park here adds one, any later change of that
// ticket that takes it out of PARKED removes it. Returns `list` itself when
// nothing changed.
export function trackParked(list, event, counterId) {
  const t = event && event.ticket;
  if (!t || !t.number) return list;
  const here = event.counter_id === counterId || t.counter_id === counterId;
  if (event.kind === 'PARKED_EVENT' && here) {
    if (list.some((p) => p.number === t.number)) return list;
    return [...list, { number: t.number, field_id: t.field_id, priority: t.priority, at_us: String(event.at_us || '0') }];
  }
  if (LEAVES_PARKED.has(event.kind) && list.some((p) => p.number === t.number)) {
    return list.filter((p) => p.number !== t.number);
  }
  return list;
}

// The parked list stored per centre, counter and service day.
export const parkedKey = (centre, counterId) => `qms.counter.parked.${centre}.${counterId}`;

export function loadParked(storage, centre, counterId, day) {
  try {
    const v = JSON.parse(storage.getItem(parkedKey(centre, counterId)) || 'null');
    return v && v.day === day && Array.isArray(v.list) ? v.list : [];
  } catch (e) {
    return [];
  }
}

export function saveParked(storage, centre, counterId, day, list) {
  storage.setItem(parkedKey(centre, counterId), JSON.stringify({ day, list }));
}

// Whole minutes from `fromUs` to `nowUs` (0 when unknown or in the future).
export function minutesSince(fromUs, nowUs) {
  const from = Number(fromUs || 0);
  if (from <= 0) return 0;
  return Math.max(0, Math.floor((Number(nowUs) - from) / 60e6));
}

// A ticket number as typed: "b3" -> "B003" when the centre numbers with
// three digits; letters and digits only; "" when it cannot be one.
export function normaliseNumber(typed) {
  const m = /^\s*([A-Za-z])\s*0*(\d{1,6})\s*$/.exec(String(typed || ''));
  if (!m) return '';
  return m[1].toUpperCase() + m[2].padStart(3, '0');
}
