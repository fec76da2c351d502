// One dossier: its facts, and the actions its status allows (with a reason
// where the server requires one), the receipt slip to reprint, and the
// extension with its apology letter (Form 04).
import { html, useState, useEffect } from '../common/ui.js';
import { apiGet, apiPost } from '../common/api.js';
import { translate } from '../common/i18n.js';
import { moment } from '../common/format.js';
import { Dialog, Notice } from './dialog.js';
import { DOSSIER_STRINGS } from './dossier_strings.js';
import { actionsFor } from './dossier_rules.js';
import { procedureName, lateText } from './dossier_lists.js';
import { SlipView, LetterView } from './document_views.js';
import { ExtendForm } from './dossier_extend.js';

function Facts({ d, names, lang, td }) {
  const rows = [
    [td('detail.status'), html`<strong data-testid="detail-status" data-status=${d.status}>${td(`status.${d.status}`)}</strong>`],
    [td('detail.procedure'), `${procedureName(names, d.procedure_code, lang)} (${d.procedure_code})`],
    [td('detail.applicant'), d.applicant_name],
    [td('detail.ticket'), d.ticket_number],
    [td('detail.received'), moment(d.received_at_us)],
    [td('detail.due'), html`<strong data-testid="detail-due">${moment(d.due_at_us)}</strong> <span class="hint">${lateText(d, Date.now() * 1000, lang)}</span>`],
  ];
  if (d.original_due_at_us !== d.due_at_us) rows.push([td('detail.originalDue'), moment(d.original_due_at_us)]);
  if (Number(d.paused_since_us) > 0) rows.push([td('detail.pausedSince'), moment(d.paused_since_us)]);
  if (d.extension && Number(d.extension.new_due_at_us) > 0) {
    const x = d.extension;
    rows.push([td('detail.extension'), `${moment(x.new_due_at_us)} · ${x.apology_letter_no}${x.late_request ? ` · ${td('detail.extensionLate')}` : ''}`]);
  }
  if (d.timeliness && d.timeliness !== 'TIMELINESS_UNSPECIFIED') rows.push([td('detail.timeliness'), td(`timeliness.${d.timeliness}`)]);
  if (d.reason) rows.push([td('detail.reason'), d.reason]);
  rows.push([td('detail.clerk'), d.clerk_id]);
  return html`<table class="facts" data-testid="dossier-facts"><tbody>
    ${rows.map(([k, v]) => html`<tr><th scope="row">${k}</th><td>${v}</td></tr>`)}
  </tbody></table>`;
}

export function DossierDialog({ centre, code, clerkId, lang, t, names, onClose, onChanged }) {
  const td = (key, vars) => translate(DOSSIER_STRINGS, lang, key, vars);
  const [data, setData] = useState(null);
  const [loadError, setLoadError] = useState(null);
  const [view, setView] = useState('detail');
  const [pending, setPending] = useState(null);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState(null);
  const [letter, setLetter] = useState(null);

  useEffect(() => {
    apiGet(`/api/c/${centre}/dossiers/${encodeURIComponent(code)}`).then(setData, setLoadError);
  }, [code]);

  async function act(entry) {
    if (entry.reason && !reason.trim()) return setMessage({ kind: 'refusal', headline: td('detail.needReason'), reason: '' });
    setBusy(true);
    setMessage(null);
    try {
      const reply = await apiPost(`/api/c/${centre}/dossiers/${encodeURIComponent(code)}/${entry.path}`, {
        clerk_id: clerkId,
        reason: reason.trim(),
      });
      setData({ ...data, dossier: reply.dossier, receipt: reply.receipt && reply.receipt.dossier_code ? reply.receipt : data.receipt });
      setMessage({ kind: 'ok', text: td('detail.done', { status: td(`status.${reply.dossier.status}`) }) });
      setPending(null);
      setReason('');
      if (onChanged) onChanged();
    } catch (err) {
      setMessage({ kind: 'refusal', headline: t('refuse.action', { action: td(`action.${entry.id}`) }), reason: err.text(lang) });
    } finally {
      setBusy(false);
    }
  }

  const title = td('detail.heading', { code });
  let body;
  if (loadError) body = html`<${Notice} message=${{ kind: 'refusal', headline: td('detail.loadFailed'), reason: loadError.text(lang) }} />`;
  else if (!data) body = html`<p>${t('loading')}</p>`;
  else if (view === 'slip') body = html`<${SlipView} slip=${data.receipt} lang=${lang} />
      <div class="dialog-buttons"><button type="button" onClick=${() => setView('detail')}>${td('detail.back')}</button></div>`;
  else if (view === 'letter') body = html`<${LetterView} letter=${letter} lang=${lang} />
      <div class="dialog-buttons"><button type="button" onClick=${() => setView('detail')}>${td('detail.back')}</button></div>`;
  else if (view === 'extend') {
    body = html`<${ExtendForm} centre=${centre} dossier=${data.dossier} clerkId=${clerkId} lang=${lang} t=${t}
      onCancel=${() => setView('detail')}
      onExtended=${(reply) => {
        setData({ ...data, dossier: reply.dossier });
        setLetter(reply.letter);
        setView('letter');
        if (onChanged) onChanged();
      }} />`;
  } else {
    const actions = actionsFor(data.dossier);
    body = html`<${Facts} d=${data.dossier} names=${names} lang=${lang} td=${td} />
      <h3 class="section-title">${td('detail.actions')}</h3>
      ${actions.length === 0 && html`<p class="hint">${td('detail.noActions')}</p>`}
      <div class="dossier-actions">
        ${actions.map(
          (a) => html`<button type="button" class="dossier-action ${pending && pending.id === a.id ? 'chosen' : ''}"
            data-testid="dossier-act-${a.id}" disabled=${busy}
            onClick=${() => (a.id === 'extend' ? setView('extend') : (setPending(a), setMessage(null)))}>${td(`action.${a.id}`)}</button>`,
        )}
        ${data.receipt && data.receipt.dossier_code &&
        html`<button type="button" class="dossier-action" data-testid="dossier-slip" onClick=${() => setView('slip')}>${td('detail.slip')}</button>`}
      </div>
      ${pending &&
      html`<div class="dossier-confirm" data-testid="dossier-confirm">
        <label class="field-label" for="dossier-reason">${td(pending.reason ? 'detail.reasonRequired' : 'detail.reasonLabel')}</label>
        <textarea id="dossier-reason" class="text-input" rows="2" maxlength="400" data-testid="dossier-reason" value=${reason}
          onInput=${(e) => setReason(e.target.value)}></textarea>
        <div class="dialog-buttons">
          <button type="button" onClick=${() => setPending(null)}>${t('cancel')}</button>
          <button type="button" class="primary" disabled=${busy} data-testid="dossier-confirm-submit"
            onClick=${() => act(pending)}>${t('confirm')}: ${td(`action.${pending.id}`)}</button>
        </div>
      </div>`}
      <${Notice} message=${message} testid="dialog-message" />`;
  }
  return html`<${Dialog} title=${title} onClose=${onClose} testid="dialog-dossier" wide=${view === 'slip' || view === 'letter'}
    closeLabel=${t('closeDialog')}>${body}</${Dialog}>`;
}
