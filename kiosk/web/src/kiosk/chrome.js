// What every kiosk screen shares: the header (centre, date, clock, language
// toggle) and the idle question.
import { html } from '../common/ui.js';
import { LangToggle } from '../common/i18n.js';
import { clockText, longDate } from '../common/vn_clock.js';

export function KioskHeader({ page, lang, setLang, now }) {
  const centre = page && page.centre;
  const name = centre ? (lang === 'en' ? centre.name_en || centre.name_vi : centre.name_vi) : '';
  return html`<header class="k-head">
    <div class="k-head-centre">
      <div class="k-centre-name" data-testid="kiosk-centre-name">${name}</div>
      <div class="k-date" data-testid="kiosk-date">${longDate(now, lang)}</div>
    </div>
    <div class="k-clock" data-testid="kiosk-clock">${clockText(now)}</div>
    <${LangToggle} lang=${lang} setLang=${setLang} className="k-lang" />
  </header>`;
}

export function IdleOverlay({ secondsLeft, onContinue, onStart, t }) {
  return html`<div class="k-idle" role="alertdialog" aria-modal="true" data-testid="kiosk-idle">
    <div class="k-idle-box">
      <div class="k-idle-title">${t('idleTitle')}</div>
      <div class="k-idle-count" data-testid="kiosk-idle-seconds">${secondsLeft}</div>
      <p class="k-idle-body">${t('idleBody', { s: secondsLeft })}</p>
      <button type="button" class="k-btn k-btn-primary k-btn-huge" data-testid="kiosk-idle-continue" onClick=${onContinue}>
        ${t('idleContinue')}
      </button>
      <button type="button" class="k-btn k-btn-secondary" data-testid="kiosk-idle-start" onClick=${onStart}>
        ${t('toStart')}
      </button>
    </div>
  </div>`;
}
