// Signing in to a counter: the clerk's name or staff id, the counter (each
// with its live state from the feed), then "Mở quầy" opens it under the
// clerk's id. The counter's fields are named so the clerk picks the right one.
import { html, useState } from '../common/ui.js';
import { apiPost } from '../common/api.js';
import { storedToken, tokenSubject } from '../common/page_token.js';
import { fieldName } from '../common/i18n.js';
import { clerkIdOf } from './session.js';
import { counterOf } from './console_model.js';
import { describeRefusal } from './refusal.js';
import { Notice } from './dialog.js';

const LAST_CLERK_KEY = 'qms.counter.lastClerk';

function counterLine(counter, t) {
  if (!counter || !counter.state || counter.state === 'COUNTER_STATE_UNSPECIFIED') return t('counter.unknown');
  if (counter.state === 'OPEN') {
    const base = t('signin.heldBy', { clerk: counter.clerk_id });
    return counter.current_number ? `${base}, ${t('signin.serving', { number: counter.current_number })}` : base;
  }
  if (counter.state === 'PAUSED') return t('signin.pausedBy', { reason: counter.pause_reason, clerk: counter.clerk_id });
  return t('counter.CLOSED');
}

export function SignIn({ centre, info, model, online, lang, t, onSignedIn, initialCounter = '' }) {
  // A clerk who came with their own token is greeted by its name.
  const [name, setName] = useState(
    () => tokenSubject(storedToken(sessionStorage)) || localStorage.getItem(LAST_CLERK_KEY) || '',
  );
  const [counterId, setCounterId] = useState(initialCounter);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState(null);
  const centreData = info && info.centre;
  const clerkId = clerkIdOf(name);
  const fieldsById = Object.fromEntries(((centreData && centreData.fields) || []).map((f) => [f.field_id, f]));

  async function submit(e) {
    e.preventDefault();
    if (!clerkId) return setMessage({ kind: 'refusal', headline: t('signin.needClerk'), reason: '' });
    if (!counterId) return setMessage({ kind: 'refusal', headline: t('signin.needCounter'), reason: '' });
    setBusy(true);
    setMessage(null);
    try {
      const reply = await apiPost(`/api/c/${centre}/counters/${counterId}/open`, { clerk_id: clerkId });
      localStorage.setItem(LAST_CLERK_KEY, name.trim());
      onSignedIn({ clerkName: name.trim(), clerkId, counterId }, reply.counter);
    } catch (err) {
      setMessage(describeRefusal(err, { action: 'open', model, centre: centreData, counterId, lang }));
    } finally {
      setBusy(false);
    }
  }

  return html`<form class="signin" onSubmit=${submit} data-testid="signin">
    <h1>${t('signin.heading')}</h1>
    <p class="signin-centre">${centreData ? (lang === 'en' ? centreData.name_en : centreData.name_vi) : t('loading')}</p>
    <label class="field-label" for="clerk-name">${t('signin.clerk')}</label>
    <input id="clerk-name" class="text-input" data-testid="signin-clerk" value=${name} maxlength="80" autocomplete="username"
      onInput=${(e) => setName(e.target.value)} autofocus />
    <p class="hint" data-testid="signin-clerk-id">${clerkId ? t('signin.clerkId', { id: clerkId }) : '\u00a0'}</p>
    <fieldset class="signin-counters">
      <legend class="field-label">${t('signin.counter')}</legend>
      ${(centreData ? centreData.counters : []).map((configured) => {
        const c = counterOf(model, centreData, configured.counter_id);
        const fields = (c.fields || []).map((f) => fieldName(fieldsById[f.field_id], lang)).join(', ');
        return html`<label class="counter-choice state-${(c.state || 'unknown').toLowerCase()} ${counterId === c.counter_id ? 'chosen' : ''}"
          data-testid="signin-counter-${c.counter_id}">
          <input type="radio" name="counter" value=${c.counter_id} checked=${counterId === c.counter_id}
            onChange=${() => setCounterId(c.counter_id)} />
          <span class="counter-choice-name">${c.name}${c.priority_counter && !/ưu tiên/i.test(c.name) ? html` <span class="badge badge-priority">${t('counter.priority')}</span>` : ''}</span>
          <span class="counter-choice-state" data-testid="signin-counter-state-${c.counter_id}">${counterLine(c, t)}</span>
          <span class="counter-choice-fields">${t('signin.fields', { fields })}</span>
        </label>`;
      })}
    </fieldset>
    <${Notice} message=${message} testid="signin-message" />
    <button type="submit" class="primary big" data-testid="signin-open" disabled=${busy || !online || !centreData}>
      ${t('signin.open')}</button>
  </form>`;
}
