// The start screen: the priority choice, one large button per field with
// its queue from the live feed, and what stops the citizen from taking a
// number (the system away, the centre closed, a field stopped).
import { html } from '../common/ui.js';
import { fieldName } from '../common/i18n.js';
import { FieldIcon } from './icons.js';
import { reasonText } from './issue.js';
import { ClosedPanel, HoursLines } from './message_screens.js';

function PriorityToggle({ on, onToggle, t }) {
  return html`<button type="button" class="k-priority ${on ? 'is-on' : ''}" aria-pressed=${on ? 'true' : 'false'}
    data-testid="kiosk-priority" onClick=${() => onToggle(!on)}>
    <span class="k-check" aria-hidden="true">${on ? html`<svg viewBox="0 0 24 24" width="44" height="44"
      fill="none" stroke="currentColor" stroke-width="4" stroke-linecap="round" stroke-linejoin="round">
      <path d="M4 12l5 5 11-11" /></svg>` : ''}</span>
    <span class="k-priority-text">
      <span class="k-priority-label">${t('priorityLabel')}</span>
      <span class="k-priority-state">${on ? t('priorityOn') : t('priorityOff')}</span>
    </span>
  </button>`;
}

function queueText(queue, t) {
  if (!queue) return '';
  const waiting = queue.waiting > 0 ? t('waiting', { n: queue.waiting }) : t('waitingNone');
  const minutes = Number(queue.estimated_wait_minutes || 0);
  return minutes > 0 ? `${waiting} · ${t('waitAbout', { m: minutes })}` : waiting;
}

function FieldButton({ field, queue, enabled, lang, t, onOpen }) {
  const stopped = Boolean(queue && queue.issuing_stopped);
  const other = lang === 'en' ? 'vi' : 'en';
  return html`<button type="button" class="k-field ${stopped ? 'is-stopped' : ''}"
    data-testid=${`kiosk-field-${field.field_id}`} data-stopped=${stopped ? 'true' : 'false'}
    disabled=${!enabled || stopped} onClick=${() => onOpen(field.field_id)}>
    <span class="k-field-icon"><${FieldIcon} fieldId=${field.field_id} /></span>
    <span class="k-field-main">
      <span class="k-field-name"><span class="k-prefix">${field.prefix}</span>${fieldName(field, lang)}</span>
      <span class="k-field-other" lang=${other}>${fieldName(field, other)}</span>
      ${stopped
        ? html`<span class="k-field-stopped" data-testid=${`kiosk-field-stopped-${field.field_id}`}>
            ${t('stopped')}${queue.stop_reason ? html`<span class="k-field-reason">${reasonText(queue.stop_reason, lang)}</span>` : ''}
          </span>`
        : html`<span class="k-field-queue" data-testid=${`kiosk-field-queue-${field.field_id}`}>${queueText(queue, t)}</span>`}
    </span>
  </button>`;
}

// status: 'ok' | 'connecting' | 'unavailable' | 'closed'
export function StartScreen({ page, model, status, state, now, t, onPriority, onOpen }) {
  const fields = (page && page.centre.fields) || [];
  const enabled = status === 'ok';
  if (status === 'closed') {
    return html`<section class="k-body k-start" data-testid="kiosk-start" data-status=${status}>
      <${ClosedPanel} page=${page} now=${now} lang=${state.lang} t=${t} />
    </section>`;
  }
  return html`<section class="k-body k-start" data-testid="kiosk-start" data-status=${status}>
    ${status === 'unavailable' &&
    html`<div class="k-alert" role="alert" data-testid="kiosk-unavailable-banner">
      <div class="k-alert-title">${t('unavailableTitle')}</div>
      <div class="k-alert-body">${t('unavailableBody')}</div>
    </div>`}
    ${status === 'connecting' && html`<div class="k-note" data-testid="kiosk-connecting">${t('connecting')}</div>`}
    <${PriorityToggle} on=${state.priority} onToggle=${onPriority} t=${t} />
    <h1 class="k-instruction">${t('chooseField')}</h1>
    <div class="k-fields" data-count=${fields.length}>
      ${fields.map(
        (f) => html`<${FieldButton} key=${f.field_id} field=${f} queue=${model && model.queues[f.field_id]}
          enabled=${enabled} lang=${state.lang} t=${t} onOpen=${onOpen} />`,
      )}
    </div>
    <footer class="k-foot"><${HoursLines} page=${page} lang=${state.lang} t=${t} inline=${true} /></footer>
  </section>`;
}
