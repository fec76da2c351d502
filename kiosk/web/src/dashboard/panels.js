// The dashboard's panels, without state of their own: the headline figures,
// queues per field, counters, clerks and satisfaction.
import { html } from '../common/ui.js';
import { fieldName } from '../common/i18n.js';
import { Face } from '../counter/rating.js';
import { secondsText, percentText } from './stats_model.js';

function Tile({ label, value, detail, testid, tone = '' }) {
  return html`<div class="tile ${tone}" data-testid=${testid}>
    <div class="tile-label">${label}</div>
    <div class="tile-value" data-testid="${testid}-value">${value}</div>
    ${detail && html`<div class="tile-detail">${detail}</div>`}
  </div>`;
}

export function Headline({ h, t, lang }) {
  const show = (v) => (v === null || v === undefined ? '…' : String(v));
  return html`<section class="tiles" data-testid="headline">
    <${Tile} testid="kpi-waiting" label=${t('kpi.waiting')} value=${show(h.waiting)} tone="tone-brand" />
    <${Tile} testid="kpi-served" label=${t('kpi.served')} value=${show(h.served)}
      detail=${h.issued === null ? '' : t('kpi.issued', { n: h.issued })} />
    <${Tile} testid="kpi-no-show" label=${t('kpi.noShow')} value=${show(h.no_show)} />
    <${Tile} testid="kpi-cancelled" label=${t('kpi.cancelled')} value=${show(h.cancelled)} />
    <${Tile} testid="kpi-wait" label=${t('kpi.wait')} value=${secondsText(h.wait.p50_seconds, lang, h.wait.count)}
      detail=${t('kpi.waitDetail', { p90: secondsText(h.wait.p90_seconds, lang, h.wait.count), n: h.wait.count })} />
    <${Tile} testid="kpi-satisfaction" label=${t('kpi.satisfaction')} tone="tone-ok"
      value=${percentText(h.ratings.satisfaction_share, h.ratings.rated)} detail=${t('kpi.rated', { n: h.ratings.rated })} />
    <${Tile} testid="kpi-on-time" label=${t('kpi.onTime')} tone="tone-ok"
      value=${h.on_time_rate === null ? '…' : percentText(h.on_time_rate)} detail=${t('kpi.resolved', { n: h.resolved })} />
  </section>`;
}

export function FieldsTable({ rows, t, lang }) {
  return html`<section class="panel" data-testid="fields">
    <h2 class="panel-title">${t('fields.heading')}</h2>
    <table class="table">
      <thead><tr>
        <th>${t('fields.field')}</th><th class="num">${t('fields.waiting')}</th><th class="num">${t('fields.priority')}</th>
        <th class="num">${t('fields.estimate')}</th><th class="num">${t('fields.issued')}</th><th class="num">${t('fields.served')}</th>
        <th class="num">${t('fields.noShow')}</th><th class="num">${t('fields.waitP50')}</th><th class="num">${t('fields.waitP90')}</th>
        <th class="num">${t('fields.service')}</th>
      </tr></thead>
      <tbody>
        ${rows.map(
          (r) => html`<tr data-testid="field-${r.field.field_id}">
            <td><span class="prefix">${r.field.prefix}</span> ${fieldName(r.field, lang)}
              ${r.issuing_stopped && html` <span class="badge badge-warn">${t('fields.stopped')}</span>`}</td>
            <td class="num big" data-testid="field-waiting-${r.field.field_id}">${r.waiting}</td>
            <td class="num">${r.priority_waiting}</td>
            <td class="num">${t('fields.minutes', { n: r.estimate_minutes })}</td>
            <td class="num">${r.issued}</td>
            <td class="num" data-testid="field-served-${r.field.field_id}">${r.served}</td>
            <td class="num">${r.no_show}</td>
            <td class="num">${secondsText(r.wait.p50_seconds, lang, r.wait.count)}</td>
            <td class="num">${secondsText(r.wait.p90_seconds, lang, r.wait.count)}</td>
            <td class="num">${secondsText(r.service.mean_seconds, lang, r.service.count)}</td>
          </tr>`,
        )}
      </tbody>
    </table>
  </section>`;
}

export function CountersPanel({ rows, summary, t }) {
  return html`<section class="panel" data-testid="counters">
    <h2 class="panel-title">${t('counters.heading')}</h2>
    <p class="panel-sub" data-testid="counters-summary">${t('counters.summary', summary)}</p>
    <ul class="counter-list">
      ${rows.map(
        (r) => html`<li class="counter-row kind-${r.kind}" data-testid="counter-${r.counter_id}" data-kind=${r.kind}>
          <span class="counter-name">${r.name}</span>
          <span class="counter-state">${r.kind === 'serving' || r.kind === 'called' ? t(`counters.${r.kind}`, { number: r.number }) : t(`counters.${r.kind}`)}
            ${r.kind === 'paused' && r.reason && html`<span class="counter-reason" data-testid="counter-reason-${r.counter_id}">: ${r.reason}</span>`}</span>
          <span class="counter-clerk">${r.clerk_id}</span>
          <span class="counter-served">${t('counters.served', { n: r.served })}</span>
        </li>`,
      )}
    </ul>
  </section>`;
}

export function ClerksTable({ rows, t, lang }) {
  return html`<section class="panel" data-testid="clerks">
    <h2 class="panel-title">${t('clerks.heading')}</h2>
    ${rows.length === 0
      ? html`<p class="panel-sub">${t('clerks.none')}</p>`
      : html`<table class="table">
          <thead><tr><th>${t('clerks.clerk')}</th><th class="num">${t('clerks.served')}</th><th class="num">${t('clerks.noShow')}</th>
            <th class="num">${t('clerks.serviceMean')}</th><th class="num">${t('clerks.serviceP50')}</th>
            <th class="num">${t('clerks.ratings')}</th><th class="num">${t('clerks.share')}</th></tr></thead>
          <tbody>
            ${rows.map(
              (c) => html`<tr data-testid="clerk-${c.clerk_id}">
                <td class="strong">${c.clerk_id}</td><td class="num">${c.served}</td><td class="num">${c.no_show}</td>
                <td class="num">${secondsText(c.service.mean_seconds, lang, c.service.count)}</td>
                <td class="num">${secondsText(c.service.p50_seconds, lang, c.service.count)}</td>
                <td class="num rating-mini">${c.ratings.very_satisfied} · ${c.ratings.satisfied} · ${c.ratings.dissatisfied}</td>
                <td class="num strong">${percentText(c.ratings.satisfaction_share, c.ratings.rated)}</td>
              </tr>`,
            )}
          </tbody>
        </table>`}
  </section>`;
}

const LEVELS = [
  ['VERY_SATISFIED', 'very_satisfied'],
  ['SATISFIED', 'satisfied'],
  ['DISSATISFIED', 'dissatisfied'],
];

export function SatisfactionPanel({ ratings, t }) {
  const most = Math.max(1, ...LEVELS.map(([, k]) => ratings[k] || 0));
  return html`<section class="panel" data-testid="satisfaction">
    <h2 class="panel-title">${t('sat.heading')}</h2>
    <ul class="sat-list">
      ${LEVELS.map(
        ([level, key]) => html`<li class="sat-row" data-testid="sat-${level}">
          <${Face} rating=${level} size=${34} />
          <span class="sat-label">${t(`sat.${level}`)}</span>
          <span class="sat-bar"><span class="sat-fill sat-${key}" style=${`width:${((ratings[key] || 0) / most) * 100}%`}></span></span>
          <strong class="sat-count" data-testid="sat-count-${level}">${ratings[key] || 0}</strong>
        </li>`,
      )}
    </ul>
    <p class="panel-sub" data-testid="sat-share">${ratings.rated
      ? t('sat.share', { p: percentText(ratings.satisfaction_share, ratings.rated), n: ratings.rated })
      : t('sat.none')}</p>
  </section>`;
}
