// The centre's opening hours (Centre.hours, from GET /api/c/{centre}) as the
// kiosk needs them: when the server takes tickets, when it will again, and
// the week written for people. Pure (no DOM), tested under node.
//
// The server's rule (services/queue/opening_hours.cc, AcceptsIssue): on a
// day with opening periods, tickets are issued from ISSUE_LEAD_MINUTES
// before the first opening until the last closing (lunch breaks included);
// on other days not at all, unless the centre's policy accepts tickets
// outside hours, which the page cannot see. So the kiosk never decides
// "closed" by itself: it learns it from a refusal (FAILED_PRECONDITION) and
// then uses these hours to say until when.
import { vnWeekday, weekdayName } from '../common/vn_clock.js';

export const ISSUE_LEAD_MINUTES = 60;  // kIssueLeadMinutes in services/queue/opening_hours.h

const VN_OFFSET_MS = 7 * 3600 * 1000;
const DAY_MS = 24 * 3600 * 1000;

const minutesOf = (text) => {
  const [h, m] = String(text).split(':').map(Number);
  return h * 60 + m;
};

// The periods of one weekday (1 Monday .. 7 Sunday), earliest first.
export function periodsOf(hours, weekday) {
  return (hours || [])
    .filter((p) => p.weekday === weekday)
    .sort((a, b) => minutesOf(a.opens) - minutesOf(b.opens));
}

// The centre's local midnight before `ms`, and the minute of the day.
function localDay(ms) {
  const local = ms + VN_OFFSET_MS;
  const midnight = ms - (((local % DAY_MS) + DAY_MS) % DAY_MS);
  return { midnight, minute: Math.floor((ms - midnight) / 60000) };
}

export function acceptsIssueAt(hours, ms) {
  const periods = periodsOf(hours, vnWeekday(ms));
  if (periods.length === 0) return false;
  const { minute } = localDay(ms);
  return minute >= minutesOf(periods[0].opens) - ISSUE_LEAD_MINUTES && minute < minutesOf(periods.at(-1).closes);
}

// The next opening after `ms` (today's, if it is still ahead), within a
// week: { opensAtMs, issueFromMs, weekday, opens }, or null without hours.
export function nextOpening(hours, ms) {
  const { midnight } = localDay(ms);
  for (let d = 0; d <= 7; d++) {
    const dayStart = midnight + d * DAY_MS;
    const weekday = vnWeekday(dayStart + 1);
    const periods = periodsOf(hours, weekday);
    if (periods.length === 0) continue;
    const opensAtMs = dayStart + minutesOf(periods[0].opens) * 60000;
    const issueFromMs = opensAtMs - ISSUE_LEAD_MINUTES * 60000;
    if (issueFromMs > ms) return { opensAtMs, issueFromMs, weekday, opens: periods[0].opens };
  }
  return null;
}

// The week in lines: consecutive weekdays with the same periods share one
// line. [{ days: "Thứ Hai – Thứ Sáu", times: "07:30–11:30, 13:30–17:00" }]
export function weekLines(hours, lang) {
  const lines = [];
  for (let weekday = 1; weekday <= 7; weekday++) {
    const periods = periodsOf(hours, weekday);
    if (periods.length === 0) continue;
    const times = periods.map((p) => `${p.opens}–${p.closes}`).join(', ');
    const last = lines.at(-1);
    if (last && last.times === times && last.to === weekday - 1) {
      last.to = weekday;
    } else {
      lines.push({ from: weekday, to: weekday, times });
    }
  }
  return lines.map(({ from, to, times }) => ({
    days: from === to ? weekdayName(from, lang) : `${weekdayName(from, lang)} – ${weekdayName(to, lang)}`,
    times,
  }));
}
