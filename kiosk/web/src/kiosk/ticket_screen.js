// The ticket just issued: the number very large, the field, people ahead,
// the estimated wait, the QR code of the phone's status page, and what
// became of the paper (nothing is said about paper without a printer).
import { html, useEffect, useState } from '../common/ui.js';
import { apiGet, apiPost } from '../common/api.js';
import { fieldName } from '../common/i18n.js';
import { followPrint } from './print_state.js';

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// Runs the print checks for `outcome` while the screen is shown.
function usePrintPhase(centre, number, outcome) {
  const [phase, setPhase] = useState('printing');
  const [job, setJob] = useState(outcome);
  useEffect(() => {
    let live = true;
    followPrint(apiGet, `/api/c/${centre}/tickets/${number}/print`, job, {
      sleep,
      onPhase: (p) => live && setPhase(p),
    });
    return () => {
      live = false;
    };
  }, [job]);
  const reprint = () => {
    setPhase('printing');
    apiPost(`/api/c/${centre}/tickets/${number}/print`, {}).then(setJob, () => setPhase('failed'));
  };
  return [phase, reprint];
}

function PrintLine({ phase, onReprint, t }) {
  if (phase === 'off') return null;
  const text = { printing: t('printing'), printed: t('printed'), failed: t('printFailed') }[phase] || t('printUnknown');
  return html`<div class="k-print is-${phase}" role="status" data-testid="kiosk-print" data-state=${phase}>
    <span>${text}</span>
    ${phase === 'failed' &&
    html`<button type="button" class="k-btn k-btn-secondary k-btn-small" data-testid="kiosk-reprint"
      onClick=${onReprint}>${t('reprint')}</button>`}
  </div>`;
}

export function TicketScreen({ centre, reply, field, lang, t, onDone }) {
  const issued = reply.issued;
  const ticket = issued.ticket;
  const [phase, reprint] = usePrintPhase(centre, ticket.number, reply.print);
  const ahead = Number(issued.position_ahead || 0);
  const minutes = Number(issued.estimated_wait_minutes || 0);
  const priority = ticket.priority === 'PRIORITY' || ticket.priority === 'APPOINTMENT';
  return html`<section class="k-body k-ticket" data-testid="kiosk-ticket" data-replayed=${issued.replayed ? 'true' : 'false'}>
    <div class="k-ticket-card">
      <div class="k-ticket-label">${t('yourNumber')}</div>
      <div class="k-ticket-number" data-testid="kiosk-ticket-number">${ticket.number}</div>
      <div class="k-ticket-field" data-testid="kiosk-ticket-field">
        ${fieldName(field, lang) || ticket.field_id}
        ${priority && html`<span class="k-tag-priority">${t('priorityTag')}</span>`}
      </div>
      <dl class="k-ticket-facts">
        <div><dt>${t('ahead')}</dt>
          <dd data-testid="kiosk-ticket-ahead">${ahead > 0 ? ahead : t('aheadNone')}</dd></div>
        <div><dt>${t('estWait')}</dt>
          <dd data-testid="kiosk-ticket-wait">${minutes > 0 ? t('minutes', { m: minutes }) : t('minutesNone')}</dd></div>
      </dl>
    </div>
    <div class="k-ticket-side">
      <figure class="k-qr">
        <img src=${`/c/${centre}/t/${ticket.number}/qr.svg`} width="300" height="300" alt="" data-testid="kiosk-ticket-qr" />
        <figcaption>${t('qrCaption')}</figcaption>
      </figure>
      <${PrintLine} phase=${phase} onReprint=${reprint} t=${t} />
    </div>
    <p class="k-ticket-note">${t('watchBoard')}</p>
    <div class="k-actions k-actions-center">
      <button type="button" class="k-btn k-btn-primary k-btn-huge" data-testid="kiosk-done" onClick=${onDone}>${t('done')}</button>
    </div>
    <p class="k-ticket-auto">${t('autoReturn')}</p>
  </section>`;
}
