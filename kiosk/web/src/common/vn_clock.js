// Local time of the centre (Asia/Ho_Chi_Minh, UTC+7, no daylight saving)
// for the public pages' headers: weekday names, "Thứ Ba, 01/12/2026", and a
// hook that re-renders on each new minute (one timer, aligned to the
// minute, so the clock never shows a stale minute and never polls).
import { useEffect, useState } from './ui.js';
import { ddmmyyyy, hhmm } from './format.js';

const VN_OFFSET_MS = 7 * 3600 * 1000;
const WEEKDAYS = {
  vi: ['', 'Thứ Hai', 'Thứ Ba', 'Thứ Tư', 'Thứ Năm', 'Thứ Sáu', 'Thứ Bảy', 'Chủ Nhật'],
  en: ['', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'],
};

// 1 Monday .. 7 Sunday, as OpeningPeriod.weekday counts, at the centre.
export function vnWeekday(ms) {
  return ((new Date(ms + VN_OFFSET_MS).getUTCDay() + 6) % 7) + 1;
}

export const weekdayName = (weekday, lang) => WEEKDAYS[lang === 'en' ? 'en' : 'vi'][weekday] || '';

// "Thứ Ba, 01/12/2026" / "Tuesday, 01/12/2026"
export const longDate = (ms, lang) => `${weekdayName(vnWeekday(ms), lang)}, ${ddmmyyyy(ms * 1000)}`;

// "07:05"
export const clockText = (ms) => hhmm(ms * 1000);

// Date.now(), refreshed at the start of every minute (or every `unitMs`).
export function useNow(unitMs = 60000) {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    let timer = 0;
    const schedule = () => {
      timer = setTimeout(() => {
        setNow(Date.now());
        schedule();
      }, unitMs - (Date.now() % unitMs) + 25);
    };
    schedule();
    return () => clearTimeout(timer);
  }, [unitMs]);
  return now;
}
