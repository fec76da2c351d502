// The optional citizen ID screen: an on-screen keypad (nothing to type),
// 9 or 12 digits shown in groups of three, "Bỏ qua" or "Lấy số". Both
// buttons are disabled while the request is in flight.
import { html } from '../common/ui.js';
import { fieldName } from '../common/i18n.js';
import { digitBoxes, isCompleteId } from './citizen_id.js';
import { errorText } from './issue.js';

const KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', 'clear', '0', 'del'];

function Key({ k, t, disabled, onKey }) {
  const label = k === 'del' ? t('keyDelete') : k === 'clear' ? t('keyClear') : k;
  return html`<button type="button" class="k-key ${k.length > 1 ? 'k-key-word' : ''}" data-testid=${`kiosk-key-${k}`}
    disabled=${disabled} onClick=${() => onKey(k)}>${k === 'del' ? html`<span aria-hidden="true">⌫ </span>` : ''}${label}</button>`;
}

export function IdScreen({ state, field, online, t, onKey, onIssue, onBack }) {
  const { digits, busy, lang, priority, error } = state;
  const complete = isCompleteId(digits);
  const hint = digits.length === 0 ? '' : complete ? t('idCount', { n: digits.length }) : t('idIncomplete');
  return html`<section class="k-body k-id" data-testid="kiosk-id-screen">
    <div class="k-id-text">
      <div class="k-chosen" data-testid="kiosk-id-field">
        <span class="k-prefix">${field ? field.prefix : ''}</span>${fieldName(field, lang)}
        ${priority && html`<span class="k-tag-priority">${t('priorityTag')}</span>`}
      </div>
      <h1 class="k-id-title">${t('idTitle')}</h1>
      <p class="k-id-help">${t('idHelp')}</p>
      <div class="k-id-display" data-testid="kiosk-id-display" data-digits=${digits.length} aria-live="polite">
        ${digitBoxes(digits).map(
          (group) => html`<span class="k-id-group">${group.map(
            (d) => html`<span class="k-id-box ${d ? 'is-filled' : ''}">${d}</span>`,
          )}</span>`,
        )}
      </div>
      <div class="k-id-hint ${digits.length && !complete ? 'is-warn' : ''}" data-testid="kiosk-id-hint">${hint}</div>
      <p class="k-id-why">${t('idWhy')}</p>
      ${busy && html`<p class="k-busy" role="status" data-testid="kiosk-issuing">${t('issuing')}</p>`}
      ${error && html`<p class="k-id-error" role="alert" data-testid="kiosk-id-error">${errorText(error, lang)}</p>`}
    </div>
    <div class="k-keypad" data-testid="kiosk-keypad">
      ${KEYS.map((k) => html`<${Key} key=${k} k=${k} t=${t} disabled=${busy} onKey=${onKey} />`)}
    </div>
    <div class="k-actions k-id-actions">
      <button type="button" class="k-btn k-btn-secondary" data-testid="kiosk-back" disabled=${busy} onClick=${onBack}>
        ${t('back')}
      </button>
      <button type="button" class="k-btn k-btn-secondary" data-testid="kiosk-skip" disabled=${busy || !online}
        onClick=${() => onIssue(false)}>${t('skip')}</button>
      <button type="button" class="k-btn k-btn-primary" data-testid="kiosk-take" disabled=${busy || !complete || !online}
        onClick=${() => onIssue(true)}>${t('take')}</button>
    </div>
  </section>`;
}
