// The screens that say, in plain words, why no number was given: the field
// is full today, the centre is closed, the system is away, or another
// error. Each names the server's reason when there is one, and leads back
// to the start.
import { html } from '../common/ui.js';
import { clockText, weekdayName } from '../common/vn_clock.js';
import { ddmmyyyy } from '../common/format.js';
import { nextOpening, weekLines } from './hours.js';
import { reasonText } from './issue.js';

export function HoursLines({ page, lang, t, inline = false }) {
  const lines = weekLines(page && page.centre.hours, lang);
  if (lines.length === 0) return null;
  if (inline) {
    return html`<span class="k-hours-inline" data-testid="kiosk-hours">${t('hoursTitle')}: ${lines
      .map((l) => `${l.days} ${l.times}`)
      .join('; ')}</span>`;
  }
  return html`<div class="k-hours" data-testid="kiosk-hours">
    <div class="k-hours-title">${t('hoursTitle')}</div>
    <dl>${lines.map((l) => html`<dt>${l.days}</dt><dd>${l.times}</dd>`)}</dl>
  </div>`;
}

export function ClosedPanel({ page, now, lang, t, reason }) {
  const next = nextOpening(page && page.centre.hours, now);
  const title = t('closedTitle');
  // The server's reason, unless it only repeats the title.
  const extra = reason && reason.trim() !== title ? reason : '';
  return html`<div class="k-message k-closed" data-testid="kiosk-closed">
    <div class="k-message-title">${title}</div>
    ${extra && html`<p class="k-message-reason" data-testid="kiosk-closed-reason">${extra}</p>`}
    ${next &&
    html`<p class="k-message-next" data-testid="kiosk-closed-next">
      ${t('closedNext', {
        time: next.opens,
        day: `${weekdayName(next.weekday, lang)} ${ddmmyyyy(next.opensAtMs * 1000)}`,
      })}
      <br />${t('closedIssueFrom', { time: clockText(next.issueFromMs) })}
    </p>`}
    <${HoursLines} page=${page} lang=${lang} t=${t} />
  </div>`;
}

const Actions = ({ children }) => html`<div class="k-actions k-actions-center">${children}</div>`;

const StartButton = ({ onStart, t }) => html`<button type="button" class="k-btn k-btn-secondary k-btn-wide"
  data-testid="kiosk-to-start" onClick=${onStart}>${t('toStart')}</button>`;

export function MessageScreen({ state, page, now, t, onStart, onRetry, online }) {
  const { screen, error, lang, busy } = state;
  const reason = error ? reasonText(error.detail, lang) : '';
  let body;
  if (screen === 'full') {
    body = html`<div class="k-message k-full" data-testid="kiosk-full">
      <div class="k-message-title">${t('fullTitle')}</div>
      ${reason && html`<p class="k-message-reason" data-testid="kiosk-full-reason">${reason}</p>`}
      <p class="k-message-help">${t('fullHelp')}</p>
    </div>`;
  } else if (screen === 'closed') {
    body = html`<${ClosedPanel} page=${page} now=${now} lang=${lang} t=${t} reason=${reason} />`;
  } else if (screen === 'unavailable') {
    body = html`<div class="k-message k-unavailable" data-testid="kiosk-unavailable">
      <div class="k-message-title">${t('unavailableTitle')}</div>
      <p class="k-message-reason">${t('unavailableBody')}</p>
      <p class="k-message-help">${t('unavailableWait')}</p>
    </div>`;
  } else {
    body = html`<div class="k-message k-error" data-testid="kiosk-error">
      <div class="k-message-title">${t('errorTitle')}</div>
      <p class="k-message-reason" data-testid="kiosk-error-text">${errorText(error, lang)}</p>
      <p class="k-message-help">${t('errorHelp')}</p>
    </div>`;
  }
  const canRetry = screen === 'unavailable' || screen === 'error';
  return html`<section class="k-body k-message-screen" data-testid=${`kiosk-screen-${screen}`}>
    ${body}
    <${Actions}>
      ${canRetry &&
      html`<button type="button" class="k-btn k-btn-primary k-btn-wide" data-testid="kiosk-retry"
        disabled=${busy || !online} onClick=${onRetry}>${busy ? t('retrying') : t('retry')}</button>`}
      <${StartButton} onStart=${onStart} t=${t} />
    <//>
  </section>`;
}
