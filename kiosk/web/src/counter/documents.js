// The two papers a citizen takes home: the receipt and appointment slip
// (Form 01, A5) and the apology letter with a new result date (Form 04, A4),
// drawn from the server's ReceiptSlip and ApologyLetter fields. They are
// official Vietnamese documents, so they are always in Vietnamese, whatever
// the console's language. The server's own text (text_vi) is shown beside
// them on screen (ServerText), not printed twice.
import { html, useState } from '../common/ui.js';
import { translate } from '../common/i18n.js';
import { hhmm, ddmmyyyy, vnd } from '../common/format.js';
import { DOSSIER_STRINGS } from './dossier_strings.js';

const vi = (key, vars) => translate(DOSSIER_STRINGS, 'vi', key, vars);

// "07 giờ 05 phút, ngày 01/12/2026", as on the paper forms.
export function formMoment(us) {
  if (!us || Number(us) <= 0) return '';
  const [h, m] = hhmm(us).split(':');
  return `${h} giờ ${m} phút, ngày ${ddmmyyyy(us)}`;
}

function Header({ centreName, form }) {
  return html`<div class="doc-header">
    <div class="doc-agency">
      <div>${vi('slip.centreLine')}</div>
      <div class="doc-strong">${(centreName || '').toUpperCase()}</div>
    </div>
    <div class="doc-nation">
      <div class="doc-strong">${vi('slip.nation')}</div>
      <div class="doc-motto">${vi('slip.motto')}</div>
    </div>
    <div class="doc-form">${form}</div>
  </div>`;
}

function Rows({ rows }) {
  return html`<table class="doc-rows"><tbody>
    ${rows.map(
      ([label, value, cls]) => html`<tr class=${cls || ''}><th scope="row">${label}</th><td>${value}</td></tr>`,
    )}
  </tbody></table>`;
}

function Signatures({ left, right }) {
  return html`<div class="doc-signs">
    ${[left, right].map((who) =>
      who
        ? html`<div class="doc-sign"><div class="doc-strong">${who}</div><div class="doc-hint">${vi('slip.signHint')}</div></div>`
        : html`<div class="doc-sign"></div>`,
    )}
  </div>`;
}

export function ReceiptSlipDoc({ slip }) {
  const fee = Number(slip.fee_vnd || 0);
  return html`<article class="doc doc-a5" lang="vi" data-testid="receipt-slip">
    <${Header} centreName=${slip.centre_name} form=${vi('slip.form')} />
    <h1 class="doc-title">${vi('slip.title')}</h1>
    <p class="doc-code">${vi('slip.code')}: <strong data-testid="slip-code">${slip.dossier_code}</strong></p>
    <${Rows}
      rows=${[
        [vi('slip.applicant'), slip.applicant_name],
        [vi('slip.procedure'), slip.procedure_name],
        [vi('slip.received'), formMoment(slip.received_at_us)],
        [vi('slip.due'), html`<strong data-testid="slip-due">${formMoment(slip.appointment_at_us)}</strong>`, 'doc-due'],
        [vi('slip.fee'), fee > 0 ? vi('slip.feeValue', { fee: vnd(fee) }) : vi('receive.free')],
        [vi('slip.clerk'), slip.clerk_id],
        [vi('slip.agency'), slip.agency_code],
      ]}
    />
    <${Signatures} left=${vi('slip.signApplicant')} right=${vi('slip.signClerk')} />
  </article>`;
}

export function ApologyLetterDoc({ letter }) {
  return html`<article class="doc doc-a4" lang="vi" data-testid="apology-letter">
    <${Header} centreName=${letter.centre_name} form=${vi('letter.form')} />
    <p class="doc-number">${vi('letter.no', { no: letter.letter_no })}</p>
    <h1 class="doc-title">${vi('letter.title')}</h1>
    <p class="doc-to">${vi('letter.to', { name: letter.applicant_name })}</p>
    <${Rows}
      rows=${[
        [vi('letter.code'), letter.dossier_code],
        [vi('letter.originalDue'), formMoment(letter.original_due_at_us)],
        [vi('letter.reason'), letter.reason],
        [vi('letter.newDue'), html`<strong data-testid="letter-new-due">${formMoment(letter.new_due_at_us)}</strong>`, 'doc-due'],
      ]}
    />
    <p class="doc-apology">${vi('letter.apology', { centre: letter.centre_name })}</p>
    <${Signatures} left=${null} right=${vi('letter.signCentre')} />
  </article>`;
}

// The server's printable text of a document, folded away under the paper.
export function ServerText({ text, lang }) {
  const [open, setOpen] = useState(false);
  if (!text) return null;
  return html`<div class="server-text">
    <button type="button" class="link-button" aria-expanded=${open} onClick=${() => setOpen(!open)}
      data-testid="server-text-toggle">${translate(DOSSIER_STRINGS, lang, 'slip.serverText')} ${open ? '▴' : '▾'}</button>
    ${open && html`<pre lang="vi" data-testid="server-text">${text}</pre>`}
  </div>`;
}
