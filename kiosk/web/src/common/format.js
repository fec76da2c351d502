// Dates and times as Vietnamese readers expect them: Asia/Ho_Chi_Minh
// (UTC+7, no daylight saving), dd/mm/yyyy, 24-hour clock.

const VN_OFFSET_MS = 7 * 3600 * 1000;
const pad = (n) => String(n).padStart(2, '0');

function vnDate(us) {
  return new Date(Math.floor(Number(us) / 1000) + VN_OFFSET_MS);
}

// "09:05"
export function hhmm(us) {
  if (!us || Number(us) <= 0) return '';
  const d = vnDate(us);
  return `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}

// "30/11/2026"
export function ddmmyyyy(us) {
  if (!us || Number(us) <= 0) return '';
  const d = vnDate(us);
  return `${pad(d.getUTCDate())}/${pad(d.getUTCMonth() + 1)}/${d.getUTCFullYear()}`;
}

// "09:05 30/11/2026"
export function moment(us) {
  return us && Number(us) > 0 ? `${hhmm(us)} ${ddmmyyyy(us)}` : '';
}

// Whole minutes between two instants in microseconds (never negative).
export function minutesBetween(fromUs, toUs) {
  return Math.max(0, Math.round((Number(toUs) - Number(fromUs)) / 60e6));
}

// "1.234.000" (Vietnamese thousands separator)
export function vnd(amount) {
  return String(Math.round(Number(amount) || 0)).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
}

// Now, in microseconds, as the server writes instants.
export const nowUs = () => Date.now() * 1000;
