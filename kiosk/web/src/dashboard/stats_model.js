// What the dashboard shows, derived from the live centre model (the feed),
// the day statistics (GET /api/c/{centre}/stats, DayStats in queue.proto)
// and the dossiers' daily report. Pure functions (tested in
// tests/kiosk/web/dashboard_stats_model.test.mjs).

const EMPTY_DURATION = { count: 0, mean_seconds: 0, p50_seconds: 0, p90_seconds: 0, max_seconds: 0 };
const EMPTY_RATINGS = { very_satisfied: 0, satisfied: 0, dissatisfied: 0, rated: 0, satisfaction_share: 0 };

// "45 giây", "4 phút", "1 giờ 05 phút" (and English); "—" without samples.
export function secondsText(seconds, lang, count = 1) {
  if (!count) return '—';
  const s = Math.max(0, Math.round(Number(seconds) || 0));
  const en = lang === 'en';
  if (s < 60) return en ? `${s} s` : `${s} giây`;
  const minutes = Math.round(s / 60);
  if (minutes < 60) return en ? `${minutes} min` : `${minutes} phút`;
  const h = Math.floor(minutes / 60);
  const m = String(minutes % 60).padStart(2, '0');
  return en ? `${h} h ${m} min` : `${h} giờ ${m} phút`;
}

// 0.875 -> "88%" ("—" when there is nothing to divide).
export function percentText(share, count = 1) {
  if (!count) return '—';
  return `${Math.round((Number(share) || 0) * 100)}%`;
}

// A counter as the supervisor sees it: 'serving' or 'called' (a ticket at
// it), 'idle' (open, nobody at it), 'paused' or 'closed'.
export function counterKind(counter, ticket) {
  const state = counter && counter.state;
  if (state === 'PAUSED') return 'paused';
  if (state !== 'OPEN') return 'closed';
  if (!counter.current_number) return 'idle';
  return ticket && ticket.state === 'SERVING' ? 'serving' : 'called';
}

const byId = (list, key) => Object.fromEntries((list || []).map((x) => [x[key], x]));

export function counterRows(centre, model, stats) {
  const served = byId(((stats && stats.counters) || []).map((c) => ({ ...c, id: c.counter && c.counter.counter_id })), 'id');
  return ((centre && centre.counters) || []).map((configured) => {
    const live = (model && model.counters[configured.counter_id]) || configured;
    const ticket = live.current_number && model ? model.active[live.current_number] : null;
    const day = served[configured.counter_id] || {};
    return {
      counter_id: configured.counter_id,
      name: configured.name,
      priority_counter: !!configured.priority_counter,
      kind: counterKind(live, ticket),
      clerk_id: live.state === 'CLOSED' ? '' : live.clerk_id || '',
      number: live.current_number || '',
      reason: live.pause_reason || '',
      served: day.served || 0,
      no_show: day.no_show || 0,
    };
  });
}

export function counterSummary(rows) {
  const n = (kind) => rows.filter((r) => r.kind === kind).length;
  return { open: n('serving') + n('called') + n('idle'), busy: n('serving') + n('called'), idle: n('idle'), paused: n('paused'), closed: n('closed') };
}

export function fieldRows(centre, model, stats) {
  const byField = byId(stats && stats.fields, 'field_id');
  return ((centre && centre.fields) || []).map((field) => {
    const q = (model && model.queues[field.field_id]) || {};
    const s = byField[field.field_id] || {};
    const tickets = s.tickets || {};
    return {
      field,
      waiting: q.waiting || 0,
      priority_waiting: q.priority_waiting || 0,
      estimate_minutes: q.estimated_wait_minutes || 0,
      issuing_stopped: !!q.issuing_stopped,
      issued: tickets.issued || 0,
      served: tickets.served || 0,
      no_show: tickets.no_show || 0,
      wait: s.wait || EMPTY_DURATION,
      service: s.service || EMPTY_DURATION,
    };
  });
}

export function clerkRows(stats) {
  return ((stats && stats.clerks) || [])
    .map((c) => ({ ...c, service: c.service || EMPTY_DURATION, ratings: c.ratings || EMPTY_RATINGS }))
    .sort((a, b) => b.served - a.served || a.clerk_id.localeCompare(b.clerk_id));
}

// The figures of the top row.
export function headline(model, stats, report) {
  const total = (stats && stats.total) || {};
  const ratings = (stats && stats.ratings) || EMPTY_RATINGS;
  const dossiers = (report && report.total) || null;
  const resolved = dossiers ? dossiers.resolved_early + dossiers.resolved_on_time + dossiers.resolved_late : 0;
  return {
    waiting: model ? Object.values(model.queues).reduce((n, q) => n + (q.waiting || 0), 0) : null,
    issued: stats ? total.issued || 0 : null,
    served: stats ? total.served || 0 : null,
    no_show: stats ? total.no_show || 0 : null,
    cancelled: stats ? total.cancelled || 0 : null,
    wait: (stats && stats.wait) || EMPTY_DURATION,
    service: (stats && stats.service) || EMPTY_DURATION,
    ratings,
    on_time_rate: dossiers ? dossiers.on_time_rate : null,
    resolved,
  };
}

// The hours a chart spans: the centre's opening hours (07-17 when unknown)
// widened to every hour that has data. [first, last], inclusive.
export function hourRange(stats, opening = [7, 17]) {
  let [first, last] = opening;
  for (const h of (stats && stats.hours) || []) {
    if (h.issued || h.called || h.served) {
      first = Math.min(first, h.hour);
      last = Math.max(last, h.hour);
    }
  }
  return [first, last];
}

// The opening hours of a day of the week (1 Monday .. 7 Sunday) as whole
// hours [first, last], from the centre's periods ("07:30"-"17:00" -> [7, 16]).
export function openingHours(centre, weekday) {
  const periods = ((centre && centre.hours) || []).filter((p) => p.weekday === weekday);
  if (periods.length === 0) return [7, 17];
  const hourOf = (hhmm) => Number(String(hhmm).split(':')[0]);
  const first = Math.min(...periods.map((p) => hourOf(p.opens)));
  const last = Math.max(...periods.map((p) => (/:00$/.test(p.closes) ? hourOf(p.closes) - 1 : hourOf(p.closes))));
  return [first, Math.max(first, last)];
}

// The series of the two charts, one point per hour of `range`: arrivals and
// tickets served; the p50 and p90 wait in minutes (null where no ticket was
// called that hour, so the line breaks instead of dropping to zero).
export function hourSeries(stats, [first, last]) {
  const hours = [];
  const issued = [];
  const served = [];
  const p50 = [];
  const p90 = [];
  const byHour = byId(stats && stats.hours, 'hour');
  for (let h = first; h <= last; h += 1) {
    const s = byHour[h] || {};
    const wait = s.wait || EMPTY_DURATION;
    hours.push(h);
    issued.push(s.issued || 0);
    served.push(s.served || 0);
    p50.push(wait.count ? Math.round((wait.p50_seconds / 60) * 10) / 10 : null);
    p90.push(wait.count ? Math.round((wait.p90_seconds / 60) * 10) / 10 : null);
  }
  return { hours, issued, served, p50, p90 };
}

// Local weekday (1 Monday .. 7 Sunday) of an instant, in Asia/Ho_Chi_Minh.
export function localWeekday(ms) {
  const day = new Date(ms + 7 * 3600e3).getUTCDay();
  return day === 0 ? 7 : day;
}
