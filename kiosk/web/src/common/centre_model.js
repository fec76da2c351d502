// The state of a centre as the pages show it, kept from the live stream:
// a snapshot replaces it, each change updates it. Pure functions (no DOM),
// tested under node (tests/kiosk/web).
//
// model = {
//   seq, day,
//   queues:   { [field_id]: FieldQueue },           // waiting per field
//   counters: { [counter_id]: Counter },            // state, clerk, current_number
//   active:   { [number]: Ticket },                 // CALLED or SERVING now
//   calls:    [{ seq, number, counter_id, field_id, at_us, recall }]  // newest first
//   tickets:  { [number]: Ticket },                 // last seen state of each ticket (this session)
// }

export const MAX_CALLS = 12;

const ENDS_AT_COUNTER = new Set([
  'COMPLETED',
  'MARKED_NO_SHOW',
  'PARKED_EVENT',
  'TRANSFERRED_EVENT',
  'CANCELLED_EVENT',
  'EXPIRED_EVENT',
]);

export function emptyModel() {
  return { seq: -1, day: 0, queues: {}, counters: {}, active: {}, calls: [], tickets: {} };
}

export function applySnapshot(event) {
  const snap = event.snapshot || {};
  const model = emptyModel();
  model.seq = Number(event.seq);
  model.day = snap.service_day || 0;
  for (const q of snap.queues || []) model.queues[q.field_id] = q;
  for (const c of snap.counters || []) model.counters[c.counter_id] = c;
  for (const t of snap.active || []) {
    model.active[t.number] = t;
    model.tickets[t.number] = t;
    if (t.state === 'CALLED' || t.state === 'SERVING') {
      model.calls.push(callOf(t, Number(t.called_at_us || 0), 0, t.recall_count > 0));
    }
  }
  model.calls.sort((a, b) => b.at_us - a.at_us);
  model.calls = model.calls.slice(0, MAX_CALLS);
  return model;
}

function callOf(ticket, atUs, seq, recall) {
  return {
    seq,
    number: ticket.number,
    counter_id: ticket.counter_id,
    field_id: ticket.field_id,
    priority: ticket.priority,
    at_us: atUs,
    recall,
  };
}

function setCurrent(model, counterId, number) {
  const counter = model.counters[counterId];
  if (counter) model.counters[counterId] = { ...counter, current_number: number };
}

// Returns a new model; `model` is not changed.
export function applyChange(model, event) {
  const next = {
    ...model,
    queues: { ...model.queues },
    counters: { ...model.counters },
    active: { ...model.active },
    tickets: { ...model.tickets },
    calls: model.calls,
    seq: Number(event.seq),
  };
  for (const q of event.queues || []) next.queues[q.field_id] = q;
  if (event.counter && event.counter.counter_id) next.counters[event.counter.counter_id] = event.counter;
  const t = event.ticket;
  if (t && t.number) {
    next.tickets[t.number] = t;
    const at = Number(event.at_us || 0);
    if (event.kind === 'CALLED_EVENT' || event.kind === 'RECALLED') {
      next.active[t.number] = t;
      setCurrent(next, t.counter_id, t.number);
      next.calls = [callOf(t, at, Number(event.seq), event.kind === 'RECALLED'), ...model.calls].slice(0, MAX_CALLS);
    } else if (event.kind === 'SERVING_STARTED') {
      next.active[t.number] = t;
      setCurrent(next, t.counter_id, t.number);
    } else if (event.kind === 'RESUMED' && t.state === 'CALLED') {
      next.active[t.number] = t;
      setCurrent(next, t.counter_id, t.number);
      next.calls = [callOf(t, at, Number(event.seq), false), ...model.calls].slice(0, MAX_CALLS);
    } else if (ENDS_AT_COUNTER.has(event.kind)) {
      const before = model.active[t.number];
      delete next.active[t.number];
      const counterId = (before && before.counter_id) || event.counter_id;
      if (counterId && next.counters[counterId] && next.counters[counterId].current_number === t.number) {
        setCurrent(next, counterId, '');
      }
    }
  }
  return next;
}

// Whether a change is a call the board should speak.
export function isSpokenCall(event) {
  return (
    event.kind === 'CALLED_EVENT' ||
    event.kind === 'RECALLED' ||
    (event.kind === 'RESUMED' && event.ticket && event.ticket.state === 'CALLED')
  );
}

// Totals over every field.
export function waitingTotal(model) {
  return Object.values(model.queues).reduce((n, q) => n + (q.waiting || 0), 0);
}
