// The citizen's rating screen after Complete: three large faces, each named
// in Vietnamese and English at once. Used as an overlay on the console (the
// clerk turns the screen) and by the rating tablet (rating_tablet.js). It
// closes itself after a tap (with thanks) or after PROMPT_SECONDS.
import { html, useState, useEffect } from '../common/ui.js';
import { apiPost } from '../common/api.js';
import { translate } from '../common/i18n.js';
import { RATING_STRINGS } from './rating_strings.js';
import { RATINGS, PROMPT_SECONDS, THANKS_SECONDS, outcomeOf } from './rating_model.js';

const vi = (key, vars) => translate(RATING_STRINGS, 'vi', key, vars);
const en = (key, vars) => translate(RATING_STRINGS, 'en', key, vars);

const FACE = {
  VERY_SATISFIED: { colour: '#17612f', mouth: 'M30 66 Q60 104 90 66 Z' },
  SATISFIED: { colour: '#0a4d8c', mouth: 'M36 72 Q60 92 84 72' },
  DISSATISFIED: { colour: '#b3261e', mouth: 'M36 88 Q60 66 84 88' },
};

export function Face({ rating, size = 120 }) {
  const f = FACE[rating];
  const filled = f.mouth.endsWith('Z');
  return html`<svg class="face" width=${size} height=${size} viewBox="0 0 120 120" aria-hidden="true">
    <circle cx="60" cy="60" r="56" fill=${f.colour} />
    <circle cx="42" cy="46" r="8" fill="#fff" />
    <circle cx="78" cy="46" r="8" fill="#fff" />
    <path d=${f.mouth} fill=${filled ? '#fff' : 'none'} stroke="#fff" stroke-width="8" stroke-linecap="round"
      stroke-linejoin="round" />
  </svg>`;
}

function Both({ k, vars, cls = '' }) {
  return html`<span class="both ${cls}"><span lang="vi" class="both-vi">${vi(k, vars)}</span>
    <span lang="en" class="both-en">${en(k, vars)}</span></span>`;
}

// Rates `number` at `counterId`; calls onDone(outcome) when it should close:
// 'thanks', 'already', 'timeout', 'skip' or 'elsewhere' (the feed says it
// was rated on another screen while this one still asked).
// `clerkId` (the console's clerk) is sent when known: the server then
// checks that this clerk served the ticket.
export function RatingPanel({ centre, counterId, counterName, number, onDone, onSkip, ratedElsewhere = false, clerkId = '' }) {
  const [phase, setPhase] = useState('ask');
  const [error, setError] = useState(null);
  const [left, setLeft] = useState(PROMPT_SECONDS);

  useEffect(() => {
    if (ratedElsewhere && phase === 'ask') onDone('elsewhere');
  }, [ratedElsewhere]);

  useEffect(() => {
    if (phase === 'thanks' || phase === 'already') {
      const timer = setTimeout(() => onDone(phase), THANKS_SECONDS * 1000);
      return () => clearTimeout(timer);
    }
    if (phase !== 'ask') return undefined;
    if (left <= 0) {
      onDone('timeout');
      return undefined;
    }
    const timer = setTimeout(() => setLeft((n) => n - 1), 1000);
    return () => clearTimeout(timer);
  }, [phase, left]);

  async function rate(rating) {
    setPhase('sending');
    setError(null);
    try {
      const body = clerkId ? { counter_id: counterId, rating, clerk_id: clerkId } : { counter_id: counterId, rating };
      await apiPost(`/api/c/${centre}/tickets/${number}/rating`, body);
      setPhase('thanks');
    } catch (e) {
      const outcome = outcomeOf(e);
      if (outcome === 'already') {
        setPhase('already');
      } else {
        setError(e);
        setPhase('ask');
      }
    }
  }

  if (phase === 'thanks' || phase === 'already') {
    return html`<div class="rating-panel rating-done" data-testid="rating-done" data-outcome=${phase} role="status">
      <${Face} rating="VERY_SATISFIED" size=${140} />
      <${Both} k=${phase} cls="rating-thanks" />
    </div>`;
  }
  return html`<div class="rating-panel" data-testid="rating-panel" data-number=${number}>
    <div class="rating-ticket"><${Both} k="ticket" vars=${{ number, counter: counterName }} /></div>
    <h2 class="rating-question"><${Both} k="question" /></h2>
    <div class="rating-buttons">
      ${RATINGS.map(
        (r) => html`<button type="button" class="rating-button rating-${r.toLowerCase()}" data-testid="rating-${r}"
          disabled=${phase === 'sending'} onClick=${() => rate(r)}>
          <${Face} rating=${r} />
          <${Both} k=${r} />
        </button>`,
      )}
    </div>
    ${error &&
    html`<div class="notice notice-refusal" role="alert" data-testid="rating-error">
      <strong><${Both} k="failed" /></strong>
      <div class="notice-reason">${error.text('vi')}</div>
    </div>`}
    <div class="rating-foot">
      <span data-testid="rating-countdown">${vi('closesIn', { n: left })} · <span lang="en">${en('closesIn', { n: left })}</span></span>
      ${onSkip && html`<button type="button" class="rating-skip" data-testid="rating-skip" onClick=${onSkip}><${Both} k="skip" /></button>`}
    </div>
  </div>`;
}

// Over the console, right after Complete; Esc or "Bỏ qua" closes it.
export function RatingOverlay(props) {
  useEffect(() => {
    const onKey = (e) => {
      if (e.key === 'Escape') props.onDone('skip');
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [props.onDone]);
  return html`<div class="rating-overlay" data-testid="rating-overlay" role="dialog" aria-modal="true"
    aria-label=${vi('question')}>
    <${RatingPanel} ...${props} onSkip=${() => props.onDone('skip')} />
  </div>`;
}
