// The citizen-facing rating tablet of one counter:
// /c/{centre}/counter?view=rating&counter=5. It waits on the centre's feed
// for a COMPLETED ticket of its counter, then asks for a rating; a rating
// given elsewhere (the console's overlay) closes the question.
import { html, useState, useRef } from '../common/ui.js';
import { translate } from '../common/i18n.js';
import { LinkStatus } from '../common/link_status.js';
import { useLiveCentre } from './live_centre.js';
import { RatingPanel, Face } from './rating.js';
import { RATING_STRINGS } from './rating_strings.js';
import { promptNumberOf, endsPrompt, RATINGS } from './rating_model.js';

const vi = (key, vars) => translate(RATING_STRINGS, 'vi', key, vars);
const en = (key, vars) => translate(RATING_STRINGS, 'en', key, vars);

export function RatingTablet({ centre, counterId }) {
  const [prompt, setPrompt] = useState(null);
  const promptRef = useRef(null);
  promptRef.current = prompt;
  const live = useLiveCentre(centre, {
    onChange: (event) => {
      const number = promptNumberOf(event, counterId);
      if (number) setPrompt({ number, key: `${number}-${event.seq}` });
      else if (promptRef.current && endsPrompt(event, promptRef.current.number)) {
        setPrompt({ ...promptRef.current, ratedElsewhere: true });
      }
    },
  });
  const centreData = live.info && live.info.centre;
  const counter = centreData && centreData.counters.find((c) => c.counter_id === counterId);
  const counterName = (counter && counter.name) || `Quầy ${counterId}`;

  let body;
  if (!counterId) body = html`<p class="error-text" data-testid="rating-tablet-error">${vi('counterMissing')}<br /><span lang="en">${en('counterMissing')}</span></p>`;
  else if (centreData && !counter) body = html`<p class="error-text" data-testid="rating-tablet-error">${vi('counterUnknown', { counter: counterId })}<br /><span lang="en">${en('counterUnknown', { counter: counterId })}</span></p>`;
  else if (prompt) {
    body = html`<${RatingPanel} key=${prompt.key} centre=${centre} counterId=${counterId} counterName=${counterName}
      number=${prompt.number} ratedElsewhere=${!!prompt.ratedElsewhere} onDone=${() => setPrompt(null)} />`;
  } else {
    body = html`<div class="rating-idle" data-testid="rating-idle">
      <div class="rating-idle-faces">${RATINGS.map((r) => html`<${Face} rating=${r} size=${96} />`)}</div>
      <h1 lang="vi">${vi('idleTitle')}</h1>
      <p class="rating-idle-en" lang="en">${en('idleTitle')}</p>
      <p lang="vi">${vi('idleText')}</p>
      <p class="rating-idle-en" lang="en">${en('idleText')}</p>
    </div>`;
  }
  return html`<main class="rating-tablet" data-testid="rating-tablet" data-counter=${counterId}>
    <${LinkStatus} gatewayUp=${live.gatewayUp} link=${live.link} lang="vi" />
    <header class="rating-tablet-head">
      <span>${centreData ? centreData.name_vi : ''}</span>
      <strong data-testid="rating-tablet-counter">${counterName}</strong>
    </header>
    ${body}
  </main>`;
}
