// Dossier rules as the console and the dashboard apply them: which action
// each status allows (docs/deadline.md, "Statuses"), which need a reason,
// how late a dossier is, and local (UTC+7) date and time for the extension
// form. Pure (tested in counter_dossier_rules.test.mjs).

const OPEN_RUNNING = ['ACCEPTED', 'PROCESSING'];
const PAUSED = ['SUPPLEMENT_REQUESTED', 'FINANCIAL_OBLIGATION'];

// In the order the detail dialog shows them. `reason`: the server refuses
// the action without one. `path`: the gateway's action name.
export const DOSSIER_ACTIONS = [
  { id: 'accept', path: 'accept', from: ['REGISTERED'], reason: false },
  { id: 'start', path: 'start', from: ['ACCEPTED'], reason: false },
  { id: 'supplement', path: 'supplement', from: OPEN_RUNNING, reason: true },
  { id: 'financial', path: 'financial', from: OPEN_RUNNING, reason: false },
  { id: 'resume', path: 'resume', from: PAUSED, reason: false },
  { id: 'extend', path: 'extend', from: [...OPEN_RUNNING, ...PAUSED], reason: true },
  { id: 'resolve', path: 'resolve', from: OPEN_RUNNING, reason: false },
  { id: 'return', path: 'return', from: ['RESOLVED'], reason: false },
  { id: 'reject', path: 'reject', from: ['REGISTERED', 'ACCEPTED'], reason: true },
  { id: 'withdraw', path: 'withdraw', from: ['REGISTERED', ...OPEN_RUNNING, ...PAUSED], reason: true },
  { id: 'stop', path: 'stop', from: [...OPEN_RUNNING, ...PAUSED], reason: true },
];

// Whether the dossier was extended already (one extension per dossier).
export function wasExtended(dossier) {
  return !!(dossier && dossier.extension && Number(dossier.extension.new_due_at_us || 0) > 0);
}

// The actions the dossier's status allows now.
export function actionsFor(dossier) {
  if (!dossier) return [];
  return DOSSIER_ACTIONS.filter((a) => a.from.includes(dossier.status) && !(a.id === 'extend' && wasExtended(dossier)));
}

export const CLOSED_STATUSES = ['NOT_ACCEPTED', 'WITHDRAWN', 'STOPPED', 'RESOLVED', 'RESULT_RETURNED'];

// Minutes from the due moment to now: positive when late, negative when
// still ahead; null when there is no due moment.
export function minutesLate(dueUs, nowUs) {
  const due = Number(dueUs || 0);
  if (due <= 0) return null;
  return Math.floor((Number(nowUs) - due) / 60e6);
}

// "2 ngày 3 giờ" / "2 d 3 h", "1 giờ 05 phút" / "1 h 05 min", "12 phút" / "12 min".
export function durationText(minutes, lang) {
  const m = Math.max(0, Math.round(Math.abs(minutes)));
  const en = lang === 'en';
  const days = Math.floor(m / 1440);
  const hours = Math.floor((m % 1440) / 60);
  const mins = m % 60;
  if (days > 0) return en ? `${days} d ${hours} h` : `${days} ngày ${hours} giờ`;
  if (hours > 0) return en ? `${hours} h ${String(mins).padStart(2, '0')} min` : `${hours} giờ ${String(mins).padStart(2, '0')} phút`;
  return en ? `${mins} min` : `${mins} phút`;
}

const VN_OFFSET_MS = 7 * 3600 * 1000;
const pad = (n) => String(n).padStart(2, '0');

// Unix microseconds -> the local date and time as the extension form shows
// them (dd/mm/yyyy, 24-hour clock): { date: "03/12/2026", time: "17:00" }.
export function localInputsOf(us) {
  const d = new Date(Math.floor(Number(us) / 1000) + VN_OFFSET_MS);
  return {
    date: `${pad(d.getUTCDate())}/${pad(d.getUTCMonth() + 1)}/${d.getUTCFullYear()}`,
    time: `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`,
  };
}

// The inverse: "dd/mm/yyyy" and "HH:MM" local (Asia/Ho_Chi_Minh) -> Unix
// microseconds, or 0 when either is not a real date or time.
export function usOfLocalInputs(date, time) {
  const dm = /^\s*(\d{1,2})\/(\d{1,2})\/(\d{4})\s*$/.exec(date || '');
  const tm = /^\s*(\d{1,2})[:h](\d{2})\s*$/.exec(time || '');
  if (!dm || !tm) return 0;
  const [day, month, year, hour, minute] = [+dm[1], +dm[2], +dm[3], +tm[1], +tm[2]];
  if (hour > 23 || minute > 59) return 0;
  const ms = Date.UTC(year, month - 1, day, hour, minute);
  const check = new Date(ms);
  if (check.getUTCDate() !== day || check.getUTCMonth() !== month - 1) return 0;
  return (ms - VN_OFFSET_MS) * 1000;
}

// The first proposal for an extension: `days` calendar days after the
// current due moment, or after now when that has passed, at the due
// moment's time of day (the clerk changes it).
export function proposedExtension(dueUs, nowUs, days = 3) {
  const base = Math.max(Number(dueUs), Number(nowUs));
  const date = localInputsOf(base + days * 86400e6).date;
  return { date, time: localInputsOf(dueUs).time };
}
