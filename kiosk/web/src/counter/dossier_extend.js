// Extending a dossier's deadline (rule D4, once per dossier): a new due date
// and time (local, after the current due moment), a reason and the letter's
// number; the reply carries the apology letter (Form 04) to print.
import { html, useState } from '../common/ui.js';
import { apiPost } from '../common/api.js';
import { translate } from '../common/i18n.js';
import { moment } from '../common/format.js';
import { DOSSIER_STRINGS } from './dossier_strings.js';
import { proposedExtension, usOfLocalInputs } from './dossier_rules.js';
import { Notice } from './dialog.js';

export function ExtendForm({ centre, dossier, clerkId, lang, t, onExtended, onCancel }) {
  const td = (key, vars) => translate(DOSSIER_STRINGS, lang, key, vars);
  const first = proposedExtension(dossier.due_at_us, Date.now() * 1000);
  const [date, setDate] = useState(first.date);
  const [time, setTime] = useState(first.time);
  const [reason, setReason] = useState('');
  const [letterNo, setLetterNo] = useState('');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState(null);

  async function submit(e) {
    e.preventDefault();
    const newDue = usOfLocalInputs(date, time);
    if (!newDue) return setMessage({ kind: 'refusal', headline: td('extend.badMoment'), reason: '' });
    if (newDue <= Number(dossier.due_at_us)) {
      return setMessage({ kind: 'refusal', headline: td('extend.needLater'), reason: '' });
    }
    if (!reason.trim()) return setMessage({ kind: 'refusal', headline: td('detail.needReason'), reason: '' });
    setBusy(true);
    setMessage(null);
    try {
      const reply = await apiPost(`/api/c/${centre}/dossiers/${encodeURIComponent(dossier.code)}/extend`, {
        clerk_id: clerkId,
        reason: reason.trim(),
        new_due_at_us: String(newDue),
        apology_letter_no: letterNo.trim(),
      });
      onExtended(reply);
    } catch (err) {
      setMessage({ kind: 'refusal', headline: t('refuse.action', { action: td('action.extend').replace(/…$/, '') }), reason: err.text(lang) });
    } finally {
      setBusy(false);
    }
  }

  return html`<form class="extend-form" onSubmit=${submit} data-testid="extend-form">
    <p>${td('extend.current', { due: moment(dossier.due_at_us) })}</p>
    <div class="form-row">
      <label class="field-label">${td('extend.date')} <span class="hint">(dd/mm/yyyy)</span>
        <input class="text-input" data-testid="extend-date" value=${date} placeholder="dd/mm/yyyy" inputmode="numeric"
          maxlength="10" onInput=${(e) => setDate(e.target.value)} /></label>
      <label class="field-label">${td('extend.time')}
        <input class="text-input" data-testid="extend-time" value=${time} placeholder="hh:mm" inputmode="numeric"
          maxlength="5" onInput=${(e) => setTime(e.target.value)} /></label>
    </div>
    <label class="field-label" for="extend-reason">${td('detail.reasonRequired')}</label>
    <textarea id="extend-reason" class="text-input" rows="2" maxlength="400" data-testid="extend-reason" value=${reason}
      onInput=${(e) => setReason(e.target.value)}></textarea>
    <label class="field-label" for="extend-letter">${td('extend.letterNo')}</label>
    <input id="extend-letter" class="text-input" maxlength="60" data-testid="extend-letter-no" value=${letterNo}
      onInput=${(e) => setLetterNo(e.target.value)} />
    <${Notice} message=${message} testid="dialog-message" />
    <div class="dialog-buttons">
      <button type="button" onClick=${onCancel}>${td('detail.back')}</button>
      <button type="submit" class="primary" disabled=${busy} data-testid="extend-submit">${td('extend.submit')}</button>
    </div>
  </form>`;
}
