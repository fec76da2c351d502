// The dialogs of the queue actions that need an answer first: call a
// number, call back a parked ticket, transfer, pause (with a reason), close
// and sign out. Each calls `run(action, path, body, number)` (console.js),
// which resolves to { reply } or { refusal }; a refusal stays in the dialog
// so the clerk can change the number and try again.
import { html, useState } from '../common/ui.js';
import { fieldName } from '../common/i18n.js';
import { Dialog, Notice } from './dialog.js';
import { normaliseNumber } from './console_model.js';

function useSubmit(run, onClose) {
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState(null);
  const submit = async (action, path, body, number) => {
    setBusy(true);
    setMessage(null);
    const result = await run(action, path, body, number);
    setBusy(false);
    if (result.refusal) setMessage(result.refusal);
    else onClose();
  };
  return { busy, message, setMessage, submit };
}

function NumberInput({ value, onInput, label, testid }) {
  return html`<label class="field-label" for=${testid}>${label}</label>
    <input id=${testid} class="text-input number-input" data-testid=${testid} value=${value} maxlength="8"
      autocomplete="off" spellcheck="false" onInput=${(e) => onInput(e.target.value)} autofocus />`;
}

export function CallDialog({ t, run, onClose }) {
  const [typed, setTyped] = useState('');
  const s = useSubmit(run, onClose);
  const number = normaliseNumber(typed);
  const go = (e) => {
    e.preventDefault();
    if (!number) return s.setMessage({ kind: 'refusal', headline: t('call.invalid'), reason: '' });
    return s.submit('call', 'call', { number }, number);
  };
  return html`<${Dialog} title=${t('call.heading')} onClose=${onClose} testid="dialog-call" closeLabel=${t('closeDialog')}>
    <form onSubmit=${go}>
      <${NumberInput} value=${typed} onInput=${setTyped} label=${t('call.number')} testid="call-number" />
      <p class="hint" data-testid="call-normalised">${number && number !== typed.trim() ? number : '\u00a0'}</p>
      <${Notice} message=${s.message} testid="dialog-message" />
      <div class="dialog-buttons">
        <button type="button" onClick=${onClose}>${t('cancel')}</button>
        <button type="submit" class="primary" disabled=${s.busy} data-testid="call-submit">${t('call.submit')}</button>
      </div>
    </form>
  </${Dialog}>`;
}

export function ResumeDialog({ t, run, onClose, parked, fieldsById, lang, initial = '' }) {
  const [typed, setTyped] = useState(initial || (parked[0] && parked[0].number) || '');
  const s = useSubmit(run, onClose);
  const number = normaliseNumber(typed);
  const go = (e) => {
    e.preventDefault();
    if (!number) return s.setMessage({ kind: 'refusal', headline: t('call.invalid'), reason: '' });
    return s.submit('resume', 'resume', { number }, number);
  };
  return html`<${Dialog} title=${t('resume.heading')} onClose=${onClose} testid="dialog-resume" closeLabel=${t('closeDialog')}>
    <form onSubmit=${go}>
      ${parked.length > 0 &&
      html`<fieldset class="choices"><legend class="field-label">${t('resume.parkedHere')}</legend>
        ${parked.map(
          (p) => html`<label class="choice" data-testid="resume-choice-${p.number}">
            <input type="radio" name="parked" checked=${number === p.number} onChange=${() => setTyped(p.number)} />
            <strong>${p.number}</strong> <span class="hint">${fieldName(fieldsById[p.field_id], lang)}</span></label>`,
        )}
      </fieldset>`}
      <${NumberInput} value=${typed} onInput=${setTyped} label=${t('resume.other')} testid="resume-number" />
      <${Notice} message=${s.message} testid="dialog-message" />
      <div class="dialog-buttons">
        <button type="button" onClick=${onClose}>${t('cancel')}</button>
        <button type="submit" class="primary" disabled=${s.busy} data-testid="resume-submit">${t('resume.submit')}</button>
      </div>
    </form>
  </${Dialog}>`;
}

export function TransferDialog({ t, run, onClose, ticket, centre, counterId, lang }) {
  const [typed, setTyped] = useState(ticket ? ticket.number : '');
  const [toField, setToField] = useState('');
  const [toCounter, setToCounter] = useState('');
  const [atEnd, setAtEnd] = useState(false);
  const s = useSubmit(run, onClose);
  const number = normaliseNumber(typed);
  const go = (e) => {
    e.preventDefault();
    if (!number) return s.setMessage({ kind: 'refusal', headline: t('call.invalid'), reason: '' });
    if (!toField && !toCounter) return s.setMessage({ kind: 'refusal', headline: t('transfer.needTarget'), reason: '' });
    const body = { number, to_field_id: toField, to_counter_id: toCounter, requeue_at_end: atEnd };
    return s.submit('transfer', 'transfer', body, number);
  };
  return html`<${Dialog} title=${t('transfer.heading', { number })} onClose=${onClose} testid="dialog-transfer" closeLabel=${t('closeDialog')}>
    <form onSubmit=${go} class="form-grid">
      <label class="field-label" for="transfer-number">${t('transfer.number')}</label>
      <input id="transfer-number" class="text-input number-input" data-testid="transfer-number" value=${typed}
        maxlength="8" onInput=${(e) => setTyped(e.target.value)} />
      <label class="field-label" for="transfer-field">${t('transfer.toField')}</label>
      <select id="transfer-field" class="select" data-testid="transfer-field" value=${toField} onChange=${(e) => setToField(e.target.value)} autofocus>
        <option value="">${t('transfer.sameField')}</option>
        ${centre.fields.filter((f) => !ticket || f.field_id !== ticket.field_id).map(
          (f) => html`<option value=${f.field_id}>${f.prefix} · ${fieldName(f, lang)}</option>`,
        )}
      </select>
      <label class="field-label" for="transfer-counter">${t('transfer.toCounter')}</label>
      <select id="transfer-counter" class="select" data-testid="transfer-counter" value=${toCounter} onChange=${(e) => setToCounter(e.target.value)}>
        <option value="">${t('transfer.anyCounter')}</option>
        ${centre.counters.filter((c) => c.counter_id !== counterId).map((c) => html`<option value=${c.counter_id}>${c.name}</option>`)}
      </select>
      <label class="check"><input type="checkbox" data-testid="transfer-at-end" checked=${atEnd}
        onChange=${(e) => setAtEnd(e.target.checked)} /> ${t('transfer.atEnd')}</label>
      <${Notice} message=${s.message} testid="dialog-message" />
      <div class="dialog-buttons">
        <button type="button" onClick=${onClose}>${t('cancel')}</button>
        <button type="submit" class="primary" disabled=${s.busy} data-testid="transfer-submit">${t('transfer.submit')}</button>
      </div>
    </form>
  </${Dialog}>`;
}

// The reasons are sent in Vietnamese: the board and the dashboard show them.
const PAUSE_REASONS = ['lunch', 'meeting', 'system', 'other'];
const PAUSE_REASON_VI = { lunch: 'Nghỉ trưa', meeting: 'Họp', system: 'Sự cố hệ thống' };

export function PauseDialog({ t, run, onClose }) {
  const [choice, setChoice] = useState('lunch');
  const [other, setOther] = useState('');
  const s = useSubmit(run, onClose);
  const go = (e) => {
    e.preventDefault();
    const text = other.trim();
    if (choice === 'other' && !text) return s.setMessage({ kind: 'refusal', headline: t('pause.needText'), reason: '' });
    const reason = choice === 'other' ? `Khác: ${text}` : PAUSE_REASON_VI[choice];
    return s.submit('pause', 'pause', { reason }, '');
  };
  return html`<${Dialog} title=${t('pause.heading')} onClose=${onClose} testid="dialog-pause" closeLabel=${t('closeDialog')}>
    <form onSubmit=${go}>
      <fieldset class="choices"><legend class="field-label">${t('pause.reason')}</legend>
        ${PAUSE_REASONS.map(
          (r) => html`<label class="choice" data-testid="pause-${r}">
            <input type="radio" name="reason" checked=${choice === r} onChange=${() => setChoice(r)} /> ${t(`pause.${r}`)}</label>`,
        )}
      </fieldset>
      ${choice === 'other' &&
      html`<input class="text-input" data-testid="pause-other-text" placeholder=${t('pause.otherText')} value=${other}
        maxlength="150" onInput=${(e) => setOther(e.target.value)} autofocus />`}
      <${Notice} message=${s.message} testid="dialog-message" />
      <div class="dialog-buttons">
        <button type="button" onClick=${onClose}>${t('cancel')}</button>
        <button type="submit" class="primary" disabled=${s.busy} data-testid="pause-submit">${t('pause.submit')}</button>
      </div>
    </form>
  </${Dialog}>`;
}

export function CloseDialog({ t, run, onClose }) {
  const s = useSubmit(run, onClose);
  return html`<${Dialog} title=${t('close.heading')} onClose=${onClose} testid="dialog-close-counter" closeLabel=${t('closeDialog')}>
    <p>${t('close.text')}</p>
    <${Notice} message=${s.message} testid="dialog-message" />
    <div class="dialog-buttons">
      <button type="button" onClick=${onClose}>${t('cancel')}</button>
      <button type="button" class="primary danger" disabled=${s.busy} data-testid="close-submit"
        onClick=${() => s.submit('close', 'close', {}, '')}>${t('act.close')}</button>
    </div>
  </${Dialog}>`;
}

// Signing out of a counter still open: close it first, or leave it open.
export function SignOutDialog({ t, run, onClose, onSignOut, counterOpen }) {
  const s = useSubmit(run, onSignOut);
  return html`<${Dialog} title=${t('signout.heading')} onClose=${onClose} testid="dialog-signout" closeLabel=${t('closeDialog')}>
    ${counterOpen && html`<p>${t('signout.open')}</p>`}
    <${Notice} message=${s.message} testid="dialog-message" />
    <div class="dialog-buttons">
      <button type="button" onClick=${onClose}>${t('cancel')}</button>
      ${counterOpen
        ? html`<button type="button" data-testid="signout-only" onClick=${onSignOut}>${t('signout.leaveOpen')}</button>
            <button type="button" class="primary" disabled=${s.busy} data-testid="signout-close"
              onClick=${() => s.submit('close', 'close', {}, '')}>${t('signout.closeAndLeave')}</button>`
        : html`<button type="button" class="primary" data-testid="signout-only" onClick=${onSignOut}>${t('header.signOut')}</button>`}
    </div>
  </${Dialog}>`;
}
