// The dossiers panel of the dashboard: how many are overdue and due within
// 8 working hours, the first few of each, and the day's report (received,
// resolved early / on time / late, extended, paused, on-time rate).
import { html, useState, useEffect } from '../common/ui.js';
import { apiGet } from '../common/api.js';
import { translate } from '../common/i18n.js';
import { DOSSIER_STRINGS } from '../counter/dossier_strings.js';
import { DossierRow } from '../counter/dossier_lists.js';
import { percentText } from './stats_model.js';

const FIRST = 4;
const REPORT_REFRESH_MS = 60000;

// GET /api/c/{centre}/daily-report (today), again every minute and when
// the page comes back online.
export function useDailyReport(centre, epoch) {
  const [report, setReport] = useState(null);
  const [error, setError] = useState(null);
  const [tick, setTick] = useState(0);
  useEffect(() => {
    const timer = setInterval(() => setTick((n) => n + 1), REPORT_REFRESH_MS);
    return () => clearInterval(timer);
  }, []);
  useEffect(() => {
    apiGet(`/api/c/${centre}/daily-report`).then(
      (r) => {
        setReport(r);
        setError(null);
      },
      setError,
    );
  }, [centre, epoch, tick]);
  return { report, error };
}

function List({ kind, list, more, names, lang, t, overdue }) {
  const count = list ? `${list.length}${more ? '+' : ''}` : '…';
  return html`<div class="dossier-group" data-testid="dash-${kind}">
    <h3 class="group-title ${overdue ? 'is-overdue' : ''}">
      <span>${t(`dossiers.${kind}`)}</span><strong data-testid="dash-${kind}-count">${count}</strong></h3>
    <ul class="dossier-list">
      ${list && list.length === 0 && html`<li class="panel-sub">${t('dossiers.none')}</li>`}
      ${(list || []).slice(0, FIRST).map(
        (d) => html`<${DossierRow} key=${d.code} dossier=${d} names=${names} nowUs=${Date.now() * 1000} lang=${lang} overdue=${overdue} />`,
      )}
      ${list && list.length > FIRST && html`<li class="panel-sub">${t('dossiers.more', { n: `${list.length - FIRST}${more ? '+' : ''}` })}</li>`}
    </ul>
  </div>`;
}

export function DossierSummary({ lists, report, names, lang, t }) {
  const td = (key, vars) => translate(DOSSIER_STRINGS, lang, key, vars);
  const total = report && report.total;
  return html`<section class="panel" data-testid="dossiers">
    <h2 class="panel-title">${t('dossiers.heading')}</h2>
    ${lists.error && html`<p class="error-text">${td('panel.loadFailed')} ${lists.error.text(lang)}</p>`}
    <${List} kind="overdue" list=${lists.overdue} more=${lists.more.overdue} names=${names} lang=${lang} t=${t} overdue />
    <${List} kind="dueSoon" list=${lists.dueSoon} more=${lists.more.dueSoon} names=${names} lang=${lang} t=${t} />
    ${total &&
    html`<dl class="report" data-testid="daily-report">
      <div><dt>${t('dossiers.received')}</dt><dd data-testid="report-received">${total.received}</dd></div>
      <div><dt>${t('dossiers.resolved')}</dt><dd>${total.resolved_early} · ${total.resolved_on_time} · ${total.resolved_late}</dd></div>
      <div><dt>${t('dossiers.extended')}</dt><dd>${total.extended}</dd></div>
      <div><dt>${t('dossiers.paused')}</dt><dd>${total.paused}</dd></div>
      <div><dt>${t('dossiers.onTime')}</dt><dd class="strong" data-testid="report-on-time">${percentText(total.on_time_rate)}</dd></div>
    </dl>`}
  </section>`;
}
