// The touch kiosk (/c/{centre}/kiosk): the centre from GET /api/c/{centre},
// the queues from the live feed, the screens from flow.js, the idle rules
// from idle.js. Runs full screen in Chromium (--kiosk) at 1080×1920 or
// 1920×1080.
import { html, useEffect, useState } from '../common/ui.js';
import { useReducer } from 'preact/hooks';
import { apiGet, apiPost, centreOfPath, newRequestId } from '../common/api.js';
import { openFeed } from '../common/feed.js';
import { applyChange, applySnapshot } from '../common/centre_model.js';
import { translate } from '../common/i18n.js';
import { LinkStatus, linkProblem } from '../common/link_status.js';
import { useNow } from '../common/vn_clock.js';
import { T } from './text.js';
import { initialState, isDirtyStart, kioskReducer } from './flow.js';
import { idlePhase } from './idle.js';
import { issueBody, issueTicket } from './issue.js';
import { nextOpening } from './hours.js';
import { KioskHeader, IdleOverlay } from './chrome.js';
import { StartScreen } from './start_screen.js';
import { IdScreen } from './id_screen.js';
import { TicketScreen } from './ticket_screen.js';
import { MessageScreen } from './message_screens.js';

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const CLOSED_WITHOUT_HOURS_MS = 15 * 60 * 1000;  // no hours known: ask the server again later

// The centre page, fetched again while it is missing and the link is up.
function useCentrePage(centre, online) {
  const [page, setPage] = useState(null);
  const [failed, setFailed] = useState(false);
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    if (page || !online) return undefined;
    let live = true;
    let timer = 0;
    apiGet(`/api/c/${centre}`).then(
      (p) => live && setPage(p),
      () => {
        if (!live) return;
        setFailed(true);
        timer = setTimeout(() => setAttempt((n) => n + 1), 5000);
      },
    );
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [page, online, attempt]);
  return [page, failed && !page];
}

// The live feed: queues per field and the link state.
function useCentreFeed(centre, onIssued) {
  const [model, setModel] = useState(null);
  const [gatewayUp, setGatewayUp] = useState(null);
  const [link, setLink] = useState(null);
  useEffect(() => {
    const feed = openFeed(centre, {
      onSnapshot: (e) => setModel(applySnapshot(e)),
      onChange: (e) => {
        setModel((m) => (m ? applyChange(m, e) : m));
        if (e.kind === 'ISSUED') onIssued();
      },
      onLink: setLink,
      onGateway: setGatewayUp,
    });
    return () => feed.close();
  }, [centre]);
  return { model, gatewayUp, link };
}

// Touches restart the idle clock; the screens' timers follow idle.js.
function useIdle(state, dispatch) {
  const [lastTouch, setLastTouch] = useState(Date.now());
  const [, setTick] = useState(0);
  useEffect(() => {
    const touched = () => setLastTouch(Date.now());
    document.addEventListener('pointerdown', touched, true);
    return () => document.removeEventListener('pointerdown', touched, true);
  }, []);
  useEffect(() => setLastTouch(Date.now()), [state.screen]);
  const idle = idlePhase({ screen: state.screen, busy: state.busy, dirty: isDirtyStart(state) }, Date.now() - lastTouch);
  useEffect(() => {
    if (idle.phase === 'reset') {
      dispatch({ type: 'reset' });
      setLastTouch(Date.now());
      return undefined;
    }
    if (idle.nextInMs == null) return undefined;
    const timer = setTimeout(() => setTick((n) => n + 1), idle.nextInMs + 20);
    return () => clearTimeout(timer);
  });
  return idle;
}

export function KioskApp() {
  const centre = centreOfPath();
  const [state, dispatch] = useReducer(kioskReducer, undefined, initialState);
  const { model, gatewayUp, link } = useCentreFeed(centre, () => dispatch({ type: 'open-again' }));
  const online = gatewayUp === true && !linkProblem(gatewayUp, link);
  const [page, pageFailed] = useCentrePage(centre, gatewayUp !== false);
  const now = useNow();
  const idle = useIdle(state, dispatch);
  const t = (key, vars) => translate(T, state.lang, key, vars);
  const setLang = (lang) => dispatch({ type: 'lang', lang });

  useEffect(() => {
    document.documentElement.lang = state.lang;
  }, [state.lang]);

  // A request starts when the reducer turns `busy` on; its reply is matched
  // to the screen by request id, so a late reply for a screen left is dropped.
  useEffect(() => {
    if (!state.busy) return;
    const { requestId } = state;
    const body = issueBody({ fieldId: state.fieldId, requestId, priority: state.priority, citizenId: state.citizenId });
    issueTicket(apiPost, centre, body, { sleep }).then(
      (reply) => dispatch({ type: 'issued', requestId, reply }),
      (error) => {
        const next = nextOpening(page && page.centre.hours, Date.now());
        const closedUntilMs = next ? next.issueFromMs : Date.now() + CLOSED_WITHOUT_HOURS_MS;
        dispatch({ type: 'failed', requestId, error, closedUntilMs });
      },
    );
  }, [state.busy]);

  const fields = (page && page.centre.fields) || [];
  const field = fields.find((f) => f.field_id === state.fieldId);
  let status = 'ok';
  if (state.closedUntilMs > now) status = 'closed';
  else if (gatewayUp === false || (link && !link.live) || pageFailed) status = 'unavailable';
  else if (!page || gatewayUp === null) status = 'connecting';

  let body;
  if (state.screen === 'start') {
    body = html`<${StartScreen} page=${page} model=${model} status=${status} state=${state} now=${now} t=${t}
      onPriority=${(on) => dispatch({ type: 'priority', on })}
      onOpen=${(fieldId) => dispatch({ type: 'open-field', fieldId, requestId: newRequestId('kiosk') })} />`;
  } else if (state.screen === 'id') {
    body = html`<${IdScreen} state=${state} field=${field} online=${online} t=${t} onKey=${(key) => dispatch({ type: 'key', key })}
      onIssue=${(withId) => dispatch({ type: 'issue', withId })} onBack=${() => dispatch({ type: 'back' })} />`;
  } else if (state.screen === 'ticket') {
    body = html`<${TicketScreen} centre=${centre} reply=${state.reply} field=${field} lang=${state.lang} t=${t}
      onDone=${() => dispatch({ type: 'reset' })} />`;
  } else {
    body = html`<${MessageScreen} state=${state} page=${page} now=${now} t=${t} online=${online}
      onStart=${() => dispatch({ type: 'back' })} onRetry=${() => dispatch({ type: 'retry' })} />`;
  }
  return html`<div class="kiosk" data-testid="kiosk" data-screen=${state.screen} data-lang=${state.lang}>
    ${state.screen !== 'start' && html`<${LinkStatus} gatewayUp=${gatewayUp !== false} link=${link} lang=${state.lang} />`}
    <${KioskHeader} page=${page} lang=${state.lang} setLang=${setLang} now=${now} />
    ${body}
    ${idle.phase === 'warn' &&
    html`<${IdleOverlay} secondsLeft=${idle.secondsLeft} t=${t} onContinue=${() => {}}
      onStart=${() => dispatch({ type: 'reset' })} />`}
  </div>`;
}
