// The centre's dossiers due soon and overdue (GET /api/c/{centre}/dossiers
// ?view=due_soon&hours=8 and ?view=overdue), and the procedures' names, as
// a hook shared by the console and the dashboard. The lists are fetched
// again every minute (a dossier turns overdue with time alone), when the
// page comes back online (`epoch`) and when `bump` changes (after an action).
import { html, useState, useEffect } from '../common/ui.js';
import { apiGet } from '../common/api.js';
import { translate } from '../common/i18n.js';
import { hhmm, ddmmyyyy } from '../common/format.js';
import { DOSSIER_STRINGS } from './dossier_strings.js';
import { minutesLate, durationText } from './dossier_rules.js';

export const DUE_SOON_HOURS = 8;
const REFRESH_MS = 60000;

export function useDueDossiers(centre, { epoch, bump, pageSize = 50 }) {
  const [lists, setLists] = useState({ dueSoon: null, overdue: null, more: { dueSoon: false, overdue: false } });
  const [error, setError] = useState(null);
  const [updatedUs, setUpdatedUs] = useState(0);
  const [tick, setTick] = useState(0);

  useEffect(() => {
    const timer = setInterval(() => setTick((n) => n + 1), REFRESH_MS);
    return () => clearInterval(timer);
  }, []);

  useEffect(() => {
    let stopped = false;
    const base = `/api/c/${centre}/dossiers?page_size=${pageSize}&view=`;
    Promise.all([apiGet(`${base}due_soon&hours=${DUE_SOON_HOURS}`), apiGet(`${base}overdue`)]).then(
      ([soon, late]) => {
        if (stopped) return;
        setLists({
          dueSoon: soon.dossiers || [],
          overdue: late.dossiers || [],
          more: { dueSoon: !!soon.next_page_token, overdue: !!late.next_page_token },
        });
        setError(null);
        setUpdatedUs(Date.now() * 1000);
      },
      (e) => !stopped && setError(e),
    );
    return () => {
      stopped = true;
    };
  }, [centre, epoch, bump, tick]);

  return { ...lists, error, updatedUs };
}

// The names of the centre's procedures by code (fetched once it works).
export function useProcedureNames(centre, epoch) {
  const [names, setNames] = useState(null);
  useEffect(() => {
    if (names) return;
    apiGet(`/api/c/${centre}/procedures`).then(
      (r) => setNames(Object.fromEntries((r.procedures || []).map((p) => [p.code, p]))),
      () => {},
    );
  }, [centre, epoch]);
  return names || {};
}

export function procedureName(names, code, lang) {
  const p = names[code];
  if (!p) return code;
  return lang === 'en' ? p.name_en || p.name_vi : p.name_vi;
}

// "trễ 2 giờ 05 phút" / "còn 45 phút" / "đang tạm dừng".
export function lateText(dossier, nowUs, lang) {
  const td = (key, vars) => translate(DOSSIER_STRINGS, lang, key, vars);
  if (Number(dossier.paused_since_us || 0) > 0) return td('late.paused');
  const late = minutesLate(dossier.due_at_us, nowUs);
  if (late === null) return '';
  return late >= 0 ? td('late.by', { d: durationText(late, lang) }) : td('late.in', { d: durationText(-late, lang) });
}

// One dossier in a list: code, procedure, applicant, due moment, how late.
export function DossierRow({ dossier, names, nowUs, lang, onOpen, overdue }) {
  return html`<li class="dossier-row ${overdue ? 'is-overdue' : ''}" data-testid="dossier-${dossier.code}">
    <button type="button" class="dossier-open" onClick=${() => onOpen && onOpen(dossier.code)} disabled=${!onOpen}>
      <span class="dossier-code">${dossier.code}</span>
      <span class="dossier-late" data-testid="dossier-late-${dossier.code}">${lateText(dossier, nowUs, lang)}</span>
      <span class="dossier-procedure">${procedureName(names, dossier.procedure_code, lang)}</span>
      <span class="dossier-due">${hhmm(dossier.due_at_us)} ${ddmmyyyy(dossier.due_at_us)}</span>
      <span class="dossier-applicant">${dossier.applicant_name}</span>
    </button>
  </li>`;
}
