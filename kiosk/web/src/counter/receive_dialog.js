// Receiving a dossier from a served ticket: the procedure (of the ticket's
// field), the applicant's name, then POST /api/c/{centre}/dossiers with one
// request_id per dialog (a retry after a lost reply gets the same dossier),
// and the receipt slip (Form 01) to print.
import { html, useState, useEffect, useMemo } from '../common/ui.js';
import { apiGet, apiPost, newRequestId } from '../common/api.js';
import { translate } from '../common/i18n.js';
import { vnd } from '../common/format.js';
import { Dialog, Notice } from './dialog.js';
import { DOSSIER_STRINGS } from './dossier_strings.js';
import { SlipView } from './document_views.js';

function limitText(p, td) {
  return td(`receive.limit.${p.limit_kind}`, { n: p.limit_value });
}

export function ReceiveDialog({ centre, ticket, clerkId, lang, t, onClose, onReceived }) {
  const td = (key, vars) => translate(DOSSIER_STRINGS, lang, key, vars);
  const requestId = useMemo(() => newRequestId('dossier'), []);
  const [procedures, setProcedures] = useState(null);
  const [loadError, setLoadError] = useState(null);
  const [attempt, setAttempt] = useState(0);
  const [code, setCode] = useState('');
  const [applicant, setApplicant] = useState('');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState(null);
  const [received, setReceived] = useState(null);

  useEffect(() => {
    setLoadError(null);
    apiGet(`/api/c/${centre}/procedures?field_id=${encodeURIComponent(ticket.field_id)}`).then(
      (r) => setProcedures(r.procedures || []),
      (e) => setLoadError(e),
    );
  }, [attempt]);

  async function submit(e) {
    e.preventDefault();
    if (!code) return setMessage({ kind: 'refusal', headline: td('receive.needProcedure'), reason: '' });
    if (!applicant.trim()) return setMessage({ kind: 'refusal', headline: td('receive.needApplicant'), reason: '' });
    setBusy(true);
    setMessage(null);
    try {
      const reply = await apiPost(`/api/c/${centre}/dossiers`, {
        procedure_code: code,
        request_id: requestId,
        ticket_number: ticket.number,
        applicant_name: applicant.trim(),
        clerk_id: clerkId,
      });
      setReceived(reply);
      if (onReceived) onReceived(reply);
    } catch (err) {
      setMessage({ kind: 'refusal', headline: t('refuse.action', { action: td('receive.submit') }), reason: err.text(lang) });
    } finally {
      setBusy(false);
    }
  }

  if (received) {
    return html`<${Dialog} title=${td('slip.heading')} onClose=${onClose} testid="dialog-slip" wide closeLabel=${t('closeDialog')}>
      ${received.replayed && html`<p class="hint">${td('receive.replayed')}</p>`}
      <${SlipView} slip=${received.receipt} lang=${lang} />
    </${Dialog}>`;
  }
  const chosen = (procedures || []).find((p) => p.code === code);
  return html`<${Dialog} title=${td('receive.heading', { number: ticket.number })} onClose=${onClose} testid="dialog-receive"
    closeLabel=${t('closeDialog')}>
    <form onSubmit=${submit}>
      <label class="field-label" for="receive-procedure">${td('receive.procedure')}</label>
      ${loadError
        ? html`<${Notice} message=${{ kind: 'refusal', headline: td('receive.loadFailed'), reason: loadError.text(lang) }} />
            <button type="button" onClick=${() => setAttempt(attempt + 1)}>${t('retry')}</button>`
        : html`<select id="receive-procedure" class="select" data-testid="receive-procedure" value=${code}
            onChange=${(e) => setCode(e.target.value)} disabled=${!procedures} autofocus>
            <option value="">${procedures ? td('receive.chooseProcedure') : t('loading')}</option>
            ${(procedures || []).map(
              (p) => html`<option value=${p.code}>${lang === 'en' ? p.name_en || p.name_vi : p.name_vi} (${p.code}) · ${limitText(p, td)}</option>`,
            )}
          </select>`}
      ${procedures && procedures.length === 0 && html`<p class="hint">${td('receive.noProcedures')}</p>`}
      <p class="hint" data-testid="receive-procedure-facts">${chosen
        ? `${limitText(chosen, td)} · ${Number(chosen.fee_vnd) > 0 ? td('receive.fee', { fee: vnd(chosen.fee_vnd) }) : td('receive.free')}`
        : '\u00a0'}</p>
      <label class="field-label" for="receive-applicant">${td('receive.applicant')}</label>
      <input id="receive-applicant" class="text-input" data-testid="receive-applicant" value=${applicant} maxlength="120"
        onInput=${(e) => setApplicant(e.target.value)} />
      <${Notice} message=${message} testid="dialog-message" />
      <div class="dialog-buttons">
        <button type="button" onClick=${onClose}>${t('cancel')}</button>
        <button type="submit" class="primary" disabled=${busy || !procedures} data-testid="receive-submit">${td('receive.submit')}</button>
      </div>
    </form>
  </${Dialog}>`;
}
