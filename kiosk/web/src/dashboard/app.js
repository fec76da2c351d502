// The supervisor dashboard, /c/{centre}/dashboard: live queues and counters
// from the feed; the day statistics (GET /api/c/{centre}/stats) every 15 s
// and soon after changes on the feed; dossiers due soon and overdue and the
// day's report; the day's CSV reports to download.
import { html, useState, useEffect, useRef, useMemo } from '../common/ui.js';
import { apiGet, centreOfPath } from '../common/api.js';
import { translate, useLang, LangToggle } from '../common/i18n.js';
import { LinkStatus } from '../common/link_status.js';
import { hhmm, ddmmyyyy } from '../common/format.js';
import { useLiveCentre } from '../counter/live_centre.js';
import { useDueDossiers, useProcedureNames } from '../counter/dossier_lists.js';
import { STRINGS } from './strings.js';
import { createRefresher } from './refresher.js';
import { headline, fieldRows, counterRows, counterSummary, clerkRows, hourRange, hourSeries, openingHours, localWeekday } from './stats_model.js';
import { Headline, FieldsTable, CountersPanel, ClerksTable, SatisfactionPanel } from './panels.js';
import { HourChart } from './charts.js';
import { DossierSummary, useDailyReport } from './dossier_summary.js';

// The day statistics, fetched by a refresher the feed pokes.
function useDayStats(centre, epoch, refresherRef) {
  const [stats, setStats] = useState(null);
  const [error, setError] = useState(null);
  useEffect(() => {
    const refresher = createRefresher({
      run: () =>
        apiGet(`/api/c/${centre}/stats`).then(
          (s) => {
            setStats(s);
            setError(null);
          },
          (e) => setError(e),
        ),
    });
    refresherRef.current = refresher;
    refresher.start();
    return () => {
      refresher.stop();
      refresherRef.current = null;
    };
  }, [centre]);
  useEffect(() => {
    if (epoch > 1 && refresherRef.current) refresherRef.current.now();
  }, [epoch]);
  return { stats, error };
}

function Charts({ stats, centre, t, lang }) {
  const range = hourRange(stats, openingHours(centre, localWeekday(Date.now())));
  const s = useMemo(() => hourSeries(stats, range), [stats, range[0], range[1]]);
  const arrivals = useMemo(() => [s.hours, s.issued, s.served], [s]);
  const waits = useMemo(() => [s.hours, s.p50, s.p90], [s]);
  return html`<div class="charts-row">
    <section class="panel" data-testid="chart-arrivals">
      <h2 class="panel-title">${t('charts.arrivals')}</h2>
      <${HourChart} kind="arrivals" data=${arrivals} labels=${[t('charts.issued'), t('charts.served')]} />
    </section>
    <section class="panel" data-testid="chart-waits">
      <h2 class="panel-title">${t('charts.waits')}</h2>
      <${HourChart} kind="waits" data=${waits} labels=${[t('charts.p50'), t('charts.p90')]} />
    </section>
  </div>`;
}

export function Dashboard() {
  const centre = centreOfPath();
  const [lang, setLang] = useLang('qms.dashboard.lang');
  const t = (key, vars) => translate(STRINGS, lang, key, vars);
  const refresher = useRef(null);
  const live = useLiveCentre(centre, { onChange: () => refresher.current && refresher.current.poke() });
  const { stats, error } = useDayStats(centre, live.epoch, refresher);
  const lists = useDueDossiers(centre, { epoch: live.epoch, bump: 0, pageSize: 500 });
  const names = useProcedureNames(centre, live.epoch);
  const { report } = useDailyReport(centre, live.epoch);
  const centreData = live.info && live.info.centre;

  useEffect(() => {
    document.documentElement.lang = lang;
    document.title = t('title');
  }, [lang]);

  const rows = counterRows(centreData, live.model, stats);
  const name = centreData ? (lang === 'en' ? centreData.name_en : centreData.name_vi) : '';
  return html`<main class="dashboard" data-testid="dashboard">
    <${LinkStatus} gatewayUp=${live.gatewayUp} link=${live.link} lang=${lang} />
    <header class="dash-head">
      <div class="dash-where">
        <h1>${t('title')}</h1>
        <span class="dash-centre" data-testid="dash-centre">${name}</span>
        <span class="dash-date">${t('today', { date: ddmmyyyy(Date.now() * 1000) })}</span>
        ${stats && html`<span class="dash-updated" data-testid="stats-updated">${t('updated', { time: hhmm(stats.computed_at_us) })}</span>`}
      </div>
      <nav class="dash-links" aria-label=${t('csv.heading')}>
        <a href=${`/api/c/${centre}/report.csv`} download data-testid="csv-report">↓ ${t('csv.report')}</a>
        <a href=${`/api/c/${centre}/daily-report?format=csv`} download data-testid="csv-dossiers">↓ ${t('csv.dossiers')}</a>
        <${LangToggle} lang=${lang} setLang=${setLang} />
      </nav>
    </header>
    ${error && html`<div class="notice notice-refusal banner" role="alert" data-testid="stats-error">
      <strong>${t('stats.failed')}</strong> ${error.text(lang)}</div>`}
    <${Headline} h=${headline(live.model, stats, report)} t=${t} lang=${lang} />
    <div class="dash-grid">
      <div class="dash-main">
        <${FieldsTable} rows=${fieldRows(centreData, live.model, stats)} t=${t} lang=${lang} />
        <${Charts} stats=${stats} centre=${centreData} t=${t} lang=${lang} />
        <${ClerksTable} rows=${clerkRows(stats)} t=${t} lang=${lang} />
      </div>
      <div class="dash-side">
        <${CountersPanel} rows=${rows} summary=${counterSummary(rows)} t=${t} />
        <${SatisfactionPanel} ratings=${(stats && stats.ratings) || { rated: 0 }} t=${t} />
      </div>
      <div class="dash-side">
        <${DossierSummary} lists=${lists} report=${report} names=${names} lang=${lang} t=${t} />
      </div>
    </div>
  </main>`;
}

