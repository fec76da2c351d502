// The parts of the console screen, without state of their own: the ticket
// at the counter, the action buttons with their shortcuts, the queues of
// the counter's fields and the tickets parked here.
import { html } from '../common/ui.js';
import { fieldName } from '../common/i18n.js';
import { hhmm } from '../common/format.js';
import { SHORTCUTS } from './shortcuts.js';
import { minutesSince } from './console_model.js';

const isPriority = (ticket) => ticket.priority === 'PRIORITY' || ticket.priority === 'APPOINTMENT';

export function CurrentTicket({ ticket, counter, fieldsById, lang, t, now, lastServed }) {
  if (!ticket) {
    const state = (counter && counter.state) || 'CLOSED';
    const hint = state === 'OPEN' ? 'current.hintOpen' : state === 'PAUSED' ? 'current.hintPaused' : 'current.hintClosed';
    return html`<section class="current current-empty" data-testid="current-ticket" data-state="none">
      <h2 class="section-title">${t('current.heading')}</h2>
      <p class="current-none">${t('current.none')}</p>
      <p class="hint">${t(hint)}</p>
      ${lastServed && html`<p class="current-last" data-testid="last-served">${t('current.lastServed', { number: lastServed.number })}</p>`}
    </section>`;
  }
  const field = fieldsById[ticket.field_id];
  const calledMinutes = minutesSince(ticket.called_at_us, now);
  const moved = ticket.original_field_id && ticket.original_field_id !== ticket.field_id;
  return html`<section class="current state-${ticket.state.toLowerCase()}" data-testid="current-ticket" data-state=${ticket.state}
    data-number=${ticket.number}>
    <h2 class="section-title">${t('current.heading')}</h2>
    <div class="current-main">
      <div class="current-number" data-testid="current-number">${ticket.number}</div>
      <div class="current-facts">
        <div class="current-field">${fieldName(field, lang) || ticket.field_id}</div>
        <div class="current-badges">
          <span class="badge badge-state" data-testid="current-state">${t(`state.${ticket.state}`)}</span>
          <span class="badge ${isPriority(ticket) ? 'badge-priority' : 'badge-normal'}" data-testid="current-priority">
            ${t(`priority.${isPriority(ticket) ? ticket.priority : 'NORMAL'}`)}</span>
        </div>
      </div>
    </div>
    <div class="current-times">
      <span>${t('current.calledAt', { time: hhmm(ticket.called_at_us) })}</span>
      <strong class="current-minutes" data-testid="current-minutes">${t('current.minutes', { n: calledMinutes })}</strong>
      ${ticket.state === 'SERVING' && Number(ticket.serving_since_us) > 0 &&
      html`<span>${t('current.servingSince', { time: hhmm(ticket.serving_since_us) })}</span>`}
      ${ticket.recall_count > 0 && html`<span>${t('current.recalls', { n: ticket.recall_count })}</span>`}
      ${moved && html`<span>${t('current.transferred', { field: fieldName(fieldsById[ticket.original_field_id], lang) })}</span>`}
    </div>
  </section>`;
}

// The buttons, in rows of four; the most used ones first and largest.
const ROWS = [
  ['next', 'recall', 'start', 'complete'],
  ['call', 'noShow', 'park', 'transfer'],
  ['resume', 'receive', 'pause', 'open', 'close'],
];

export function ActionGrid({ enabled, onAction, t, counterState }) {
  return html`<div class="actions" data-testid="actions">
    ${ROWS.map(
      (row, i) => html`<div class="actions-row actions-row-${i}">
        ${row.map((action) => {
          const label = action === 'open' && counterState === 'PAUSED' ? t('act.reopen') : t(`act.${action}`);
          const key = SHORTCUTS[action];
          return html`<button type="button" class="action action-${action} ${action === 'next' ? 'primary' : ''}"
            data-testid="act-${action}" disabled=${!enabled.has(action)} aria-keyshortcuts=${key}
            title=${t('act.shortcut', { key })} onClick=${() => onAction(action)}>
            <span class="action-label">${label}</span><kbd>${key}</kbd>
          </button>`;
        })}
      </div>`,
    )}
  </div>`;
}

export function QueuesPanel({ queues, fieldsById, lang, t }) {
  const total = queues.reduce((n, q) => n + q.waiting, 0);
  return html`<section class="panel queues" data-testid="queues">
    <h2 class="section-title">${t('queues.heading')} <span class="count" data-testid="queues-total">${total}</span></h2>
    <table class="table">
      <thead><tr><th>${t('queues.field')}</th><th class="num">${t('queues.waiting')}</th>
        <th class="num">${t('queues.priority')}</th><th class="num">${t('queues.estimate')}</th></tr></thead>
      <tbody>
        ${queues.map(
          (q) => html`<tr data-testid="queue-${q.field_id}">
            <td>${fieldName(fieldsById[q.field_id], lang) || q.field_id}
              ${q.issuing_stopped && html` <span class="badge badge-warn">${t('queues.stopped')}</span>`}</td>
            <td class="num strong" data-testid="queue-waiting-${q.field_id}">${q.waiting}</td>
            <td class="num">${q.priority_waiting}</td>
            <td class="num">${t('queues.minutes', { n: q.estimated_wait_minutes })}</td>
          </tr>`,
        )}
      </tbody>
    </table>
  </section>`;
}

export function ParkedPanel({ parked, fieldsById, lang, t, canResume, onResume }) {
  return html`<section class="panel parked" data-testid="parked">
    <h2 class="section-title">${t('parked.heading')} <span class="count">${parked.length}</span></h2>
    ${parked.length === 0 && html`<p class="hint">${t('parked.none')}</p>`}
    <ul class="chips">
      ${parked.map(
        (p) => html`<li class="chip" data-testid="parked-${p.number}">
          <strong>${p.number}</strong>
          <span class="chip-sub">${fieldName(fieldsById[p.field_id], lang)} · ${t('parked.since', { time: hhmm(p.at_us) })}</span>
          <button type="button" class="small" disabled=${!canResume} onClick=${() => onResume(p.number)}
            data-testid="parked-resume-${p.number}">${t('parked.resume', { number: p.number })}</button>
        </li>`,
      )}
    </ul>
  </section>`;
}
