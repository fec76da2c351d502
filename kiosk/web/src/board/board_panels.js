// The board's four panels: the call now (spoken or last), the recent calls,
// the counters, and the queues per field.
import { html } from '../common/ui.js';
import { fieldName } from '../common/i18n.js';
import { hhmm } from '../common/format.js';
import { boardCounters, boardFields, callSentence, counterLabel } from './board_model.js';

function counterOf(model, centre, id) {
  const live = model && model.counters[id];
  const known = ((centre && centre.counters) || []).find((c) => c.counter_id === id);
  return { counter_id: id, name: `Quầy ${id}`, ...(known || {}), ...(live || {}) };
}

// While a call is spoken it fills this panel (and flashes); otherwise the
// newest call stays here.
export function HeroPanel({ voice, model, centre, lang, t }) {
  const speaking = voice.current;
  const call = speaking || (model && model.calls[0]);
  if (!call) {
    return html`<section class="b-hero is-empty" data-testid="board-hero"><div class="b-hero-empty">${t('noCalls')}</div></section>`;
  }
  const counter = counterOf(model, centre, call.counter_id);
  return html`<section key=${speaking ? `s-${speaking.key}` : 'last'} class="b-hero ${speaking ? 'is-speaking' : ''}"
    data-testid="board-hero" data-speaking=${speaking ? speaking.number : ''}>
    <div class="b-hero-label">${speaking ? t('nowCalling') : t('lastCall')}</div>
    <div class="b-hero-call">
      <span class="b-hero-number" data-testid="board-hero-number">${call.number}</span>
      <span class="b-hero-arrow" aria-hidden="true">→</span>
      <span class="b-hero-counter">${counterLabel(counter, lang)}</span>
    </div>
    <div class="b-hero-sentence" data-testid="board-hero-sentence">${callSentence(call, counter, lang)}</div>
  </section>`;
}

export function RecentPanel({ model, centre, lang, t }) {
  const calls = ((model && model.calls) || []).slice(0, 6);
  return html`<section class="b-panel b-recent" data-testid="board-recent">
    <h2>${t('recent')}</h2>
    <ol>
      ${calls.map((c, i) => {
        const counter = counterOf(model, centre, c.counter_id);
        return html`<li key=${`${c.number}-${c.seq}-${c.at_us}`} class=${i === 0 ? 'is-newest' : ''}
          data-testid=${`board-recent-${i}`} data-number=${c.number}>
          <span class="b-recent-number">${c.number}</span>
          <span class="b-recent-counter">${t('toCounter', { counter: counterLabel(counter, lang) })}
            ${c.recall && html`<span class="b-tag">${t('recall')}</span>`}</span>
          <span class="b-recent-time">${hhmm(c.at_us)}</span>
        </li>`;
      })}
    </ol>
    ${calls.length === 0 && html`<p class="b-none">${t('noCalls')}</p>`}
  </section>`;
}

export function CountersPanel({ model, centre, lang, t }) {
  const rows = boardCounters(model, centre);
  return html`<section class="b-panel b-counters" data-testid="board-counters">
    <h2>${t('counters')}</h2>
    <div class="b-counter-grid" data-count=${rows.length}>
      ${rows.map(
        ({ counter, number, paused }) => html`<div key=${counter.counter_id}
          class="b-counter ${paused ? 'is-paused' : ''} ${number ? 'has-number' : ''}"
          data-testid=${`board-counter-${counter.counter_id}`} data-number=${number}>
          <div class="b-counter-name">${counterLabel(counter, lang)}</div>
          <div class="b-counter-number">${paused ? t('paused') : number || '—'}</div>
        </div>`,
      )}
    </div>
    ${rows.length === 0 && html`<p class="b-none">${t('noCounters')}</p>`}
  </section>`;
}

export function FieldsPanel({ model, centre, lang, t }) {
  const rows = boardFields(model, centre);
  const other = lang === 'en' ? 'vi' : 'en';
  return html`<section class="b-panel b-fields" data-testid="board-fields">
    <h2>${t('waiting')}</h2>
    <table>
      <tbody>
        ${rows.map(
          ({ field, waiting, minutes, stopped }) => html`<tr key=${field.field_id} data-testid=${`board-field-${field.field_id}`}>
            <td class="b-prefix">${field.prefix}</td>
            <td class="b-field-name">${fieldName(field, lang)}<span class="b-field-other" lang=${other}>${fieldName(field, other)}</span></td>
            <td class="b-field-count" data-testid=${`board-field-count-${field.field_id}`}>${t('people', { n: waiting })}</td>
            <td class="b-field-wait">${stopped ? html`<span class="b-stopped">${t('stopped')}</span>` : minutes > 0 ? t('aboutMinutes', { m: minutes }) : ''}</td>
          </tr>`,
        )}
      </tbody>
    </table>
  </section>`;
}
