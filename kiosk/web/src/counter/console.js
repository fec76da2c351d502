// The counter console of a signed-in clerk: the ticket at the counter, the
// one-touch actions (buttons and keys), the queues of the counter's fields,
// the tickets parked here, the dossiers to watch, and the rating screen
// after Complete. Every action carries the clerk's id.
import { html, useState, useEffect, useRef } from '../common/ui.js';
import { apiPost } from '../common/api.js';
import { LinkStatus } from '../common/link_status.js';
import { LangToggle } from '../common/i18n.js';
import {
  counterOf, currentTicket, queuesOf, enabledActions, heldByOther, applyTicketReply, applyCounterReply,
  trackParked, loadParked, saveParked,
} from './console_model.js';
import { describeRefusal } from './refusal.js';
import { actionForKey } from './shortcuts.js';
import { loadPrefs, savePrefs } from './session.js';
import { useNowUs } from './live_centre.js';
import { endsPrompt } from './rating_model.js';
import { Notice } from './dialog.js';
import { CurrentTicket, ActionGrid, QueuesPanel, ParkedPanel } from './console_view.js';
import { CallDialog, ResumeDialog, TransferDialog, PauseDialog, CloseDialog, SignOutDialog } from './queue_dialogs.js';
import { ReceiveDialog } from './receive_dialog.js';
import { DossierPanel } from './dossier_panel.js';
import { DossierDialog } from './dossier_detail.js';
import { useDueDossiers, useProcedureNames } from './dossier_lists.js';
import { RatingOverlay } from './rating.js';

const PATHS = { next: 'call-next', noShow: 'no-show' };
const DIRECT = new Set(['next', 'recall', 'start', 'complete', 'noShow', 'park', 'open']);
const WITH_NUMBER = new Set(['recall', 'start', 'complete', 'noShow', 'park']);
const CALLS = new Set(['next', 'call', 'resume']);

// The console's last message in the language shown now: a result is kept
// as its key, a refusal as the error and what it refused.
function shownMessage(message, lang, t) {
  if (!message) return null;
  if (message.error) return describeRefusal(message.error, { ...message.context, lang });
  return { kind: 'ok', text: t(message.key, message.vars) };
}

export function Console({ centre, session, live, subscribe, lang, setLang, t, onSignOut }) {
  const { info, model, setModel, online, epoch } = live;
  const centreData = info && info.centre;
  const counterId = session.counterId;
  const counter = counterOf(model, centreData, counterId);
  const ticket = currentTicket(model, counter);
  const [parked, setParked] = useState([]);
  const [lastServed, setLastServed] = useState(null);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState(null);
  const [dialog, setDialog] = useState(null);
  const [rating, setRating] = useState(null);
  const [prefs, setPrefs] = useState(() => loadPrefs(localStorage));
  const [bump, setBump] = useState(0);
  const now = useNowUs(!!ticket, 15000);
  const lists = useDueDossiers(centre, { epoch, bump });
  const names = useProcedureNames(centre, epoch);
  const fieldsById = Object.fromEntries(((centreData && centreData.fields) || []).map((f) => [f.field_id, f]));
  const day = model ? model.day : 0;

  // The tickets parked here, kept per service day across reloads.
  useEffect(() => {
    if (day) setParked(loadParked(localStorage, centre, counterId, day));
  }, [day, counterId]);
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    if (day) saveParked(localStorage, centre, counterId, day, parked);
  }, [parked]);

  const ratingRef = useRef(rating);
  ratingRef.current = rating;
  useEffect(
    () =>
      subscribe((event) => {
        setParked((list) => trackParked(list, event, counterId));
        const r = ratingRef.current;
        if (r && endsPrompt(event, r.number)) setRating({ ...r, ratedElsewhere: true });
      }),
    [counterId],
  );

  const modelRef = useRef(model);
  modelRef.current = model;
  async function run(action, path, body, number) {
    setBusy(true);
    setMessage(null);
    try {
      const reply = await apiPost(`/api/c/${centre}/counters/${counterId}/${path}`, { clerk_id: session.clerkId, ...body });
      if (reply.ticket) setModel((m) => applyTicketReply(m, reply.ticket));
      if (reply.counter) setModel((m) => applyCounterReply(m, reply.counter));
      const n = (reply.ticket && reply.ticket.number) || number;
      setMessage({ kind: 'ok', key: `done.${action}`, vars: { number: n } });
      if (CALLS.has(action)) setLastServed(null);
      if (action === 'resume') setParked((list) => list.filter((p) => p.number !== n));
      if (action === 'complete') {
        setLastServed(reply.ticket);
        if (prefs.ratingOverlay) setRating({ number: n, ratedElsewhere: false });
      }
      return { reply };
    } catch (e) {
      const context = { action, number, model: modelRef.current, centre: centreData, counterId };
      if (DIRECT.has(action)) setMessage({ kind: 'refusal', error: e, context });
      if (action === 'resume' && e.code === 'FAILED_PRECONDITION') setParked((list) => list.filter((p) => p.number !== number));
      return { refusal: describeRefusal(e, { ...context, lang }) };
    } finally {
      setBusy(false);
    }
  }

  const enabled = enabledActions({ counter, ticket, clerkId: session.clerkId, busy, online, lastServed });
  function trigger(action) {
    if (!enabled.has(action)) return;
    if (!DIRECT.has(action)) return setDialog({ name: action });
    const number = WITH_NUMBER.has(action) && ticket ? ticket.number : '';
    return run(action, PATHS[action] || action, number ? { number } : {}, number);
  }
  const triggerRef = useRef(trigger);
  triggerRef.current = trigger;
  // One listener for the page's life; keys do nothing while a dialog or the
  // rating screen is up.
  const blockedRef = useRef(false);
  blockedRef.current = !!dialog || !!rating;
  useEffect(() => {
    const onKey = (e) => {
      const action = blockedRef.current ? '' : actionForKey(e);
      if (!action) return;
      e.preventDefault();
      triggerRef.current(action);
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);

  const closeDialog = () => setDialog(null);
  const setRatingPref = (on) => {
    const next = { ...prefs, ratingOverlay: on };
    savePrefs(localStorage, next);
    setPrefs(next);
  };
  const receiveTicket = ticket && ticket.state === 'SERVING' ? ticket : lastServed;
  const state = (counter && counter.state) || 'CLOSED';
  const other = heldByOther(counter, session.clerkId);
  const common = { t, run, onClose: closeDialog, lang };

  return html`<main class="console" data-testid="console" data-counter=${counterId} data-counter-state=${state}>
    <${LinkStatus} gatewayUp=${live.gatewayUp} link=${live.link} lang=${lang} />
    <header class="console-head">
      <div class="console-where">
        <span class="console-centre">${centreData ? (lang === 'en' ? centreData.name_en : centreData.name_vi) : ''}</span>
        <strong class="console-counter" data-testid="console-counter">${counter ? counter.name : counterId}</strong>
        <span class="badge badge-counter state-${state.toLowerCase()}" data-testid="console-counter-state">${t(`counter.${state}`) || state}</span>
        ${state === 'PAUSED' && counter.pause_reason && html`<span class="console-reason" data-testid="console-pause-reason">${t('header.pausedReason', { reason: counter.pause_reason })}</span>`}
      </div>
      <div class="console-who">
        <span data-testid="console-clerk">${t('header.clerk', { clerk: session.clerkName })}</span>
        <label class="check small"><input type="checkbox" data-testid="rating-overlay-toggle" checked=${prefs.ratingOverlay}
          onChange=${(e) => setRatingPref(e.target.checked)} /> ${t('header.ratingOverlay')}</label>
        <${LangToggle} lang=${lang} setLang=${setLang} />
        <button type="button" class="quiet" data-testid="signout" onClick=${() => setDialog({ name: 'signout' })}>${t('header.signOut')}</button>
      </div>
    </header>
    ${other && html`<div class="notice notice-refusal banner" role="alert" data-testid="held-by-other">${t('header.heldByOther', { clerk: counter.clerk_id })}</div>`}
    <div class="console-body">
      <div class="console-left">
        <${CurrentTicket} ticket=${ticket} counter=${counter} fieldsById=${fieldsById} lang=${lang} t=${t} now=${now} lastServed=${lastServed} />
        <div class="console-message"><${Notice} message=${shownMessage(message, lang, t)} testid="console-message" /></div>
        <${ActionGrid} enabled=${enabled} onAction=${trigger} t=${t} counterState=${state} />
      </div>
      <div class="console-right">
        <${QueuesPanel} queues=${queuesOf(model, counter)} fieldsById=${fieldsById} lang=${lang} t=${t} />
        <${ParkedPanel} parked=${parked} fieldsById=${fieldsById} lang=${lang} t=${t} canResume=${enabled.has('resume')}
          onResume=${(number) => setDialog({ name: 'resume', number })} />
        <${DossierPanel} lists=${lists} names=${names} nowUs=${Date.now() * 1000} lang=${lang}
          onOpen=${(code) => setDialog({ name: 'dossier', code })} />
      </div>
    </div>
    ${dialog && dialog.name === 'call' && html`<${CallDialog} ...${common} />`}
    ${dialog && dialog.name === 'resume' && html`<${ResumeDialog} ...${common} parked=${parked} fieldsById=${fieldsById} initial=${dialog.number} />`}
    ${dialog && dialog.name === 'transfer' && html`<${TransferDialog} ...${common} ticket=${ticket} centre=${centreData} counterId=${counterId} />`}
    ${dialog && dialog.name === 'pause' && html`<${PauseDialog} ...${common} />`}
    ${dialog && dialog.name === 'close' && html`<${CloseDialog} ...${common} />`}
    ${dialog && dialog.name === 'signout' && html`<${SignOutDialog} ...${common} onSignOut=${onSignOut}
      counterOpen=${!other && (state === 'OPEN' || state === 'PAUSED')} />`}
    ${dialog && dialog.name === 'receive' && receiveTicket && html`<${ReceiveDialog} centre=${centre} ticket=${receiveTicket}
      clerkId=${session.clerkId} lang=${lang} t=${t} onClose=${closeDialog} onReceived=${() => setBump((n) => n + 1)} />`}
    ${dialog && dialog.name === 'dossier' && html`<${DossierDialog} centre=${centre} code=${dialog.code} clerkId=${session.clerkId}
      lang=${lang} t=${t} names=${names} onClose=${closeDialog} onChanged=${() => setBump((n) => n + 1)} />`}
    ${rating && html`<${RatingOverlay} key=${rating.number} centre=${centre} counterId=${counterId} clerkId=${session.clerkId}
      counterName=${counter ? counter.name : counterId} number=${rating.number} ratedElsewhere=${rating.ratedElsewhere}
      onDone=${() => setRating(null)} />`}
  </main>`;
}
