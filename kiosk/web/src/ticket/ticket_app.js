// The phone's ticket page (/c/{centre}/t/{number}), opened from the QR code:
// the ticket's state in plain words, read from GET /api/c/{centre}/tickets/
// {number} and read again when the live feed shows a change of this ticket
// (at once) or of its field (debounced). When the ticket is called the page
// says so in large type, buzzes the phone and changes its title.
import { html, useEffect, useRef, useState } from '../common/ui.js';
import { apiGet } from '../common/api.js';
import { openFeed } from '../common/feed.js';
import { translate, useLang, LangToggle } from '../common/i18n.js';
import { LinkStatus } from '../common/link_status.js';
import { hhmm } from '../common/format.js';
import { T } from './text.js';
import { FINAL_STATES, callAlertKey, changeConcerns, pageTitle, ticketOfPath, ticketView } from './status.js';

const FIELD_DEBOUNCE_MS = 1500;
const RETRY_MS = 10000;

// The ticket, read now and again whenever `reread` is called.
function useTicket(centre, number) {
  const [reply, setReply] = useState(null);
  const [error, setError] = useState(null);
  const [readAt, setReadAt] = useState(0);
  const generation = useRef(0);
  const retry = useRef(0);
  const reread = () => {
    const mine = ++generation.current;
    clearTimeout(retry.current);
    apiGet(`/api/c/${centre}/tickets/${number}`).then(
      (r) => {
        if (mine !== generation.current) return;  // an older read came back late
        setReply(r);
        setError(null);
        setReadAt(Date.now());
      },
      (e) => {
        if (mine !== generation.current) return;
        setError(e);
        if (e.code !== 'NOT_FOUND') retry.current = setTimeout(reread, RETRY_MS);
      },
    );
  };
  useEffect(() => () => clearTimeout(retry.current), []);
  return { reply, error, readAt, reread };
}

function useTicketFeed(centre, number, reply, reread, done) {
  const [gatewayUp, setGatewayUp] = useState(true);
  const [link, setLink] = useState(null);
  const fieldRef = useRef('');
  fieldRef.current = reply ? reply.ticket.field_id : '';
  useEffect(() => {
    if (done) return undefined;
    let timer = 0;
    const soon = (ms) => {
      if (!timer) timer = setTimeout(() => {
        timer = 0;
        reread();
      }, ms);
    };
    const feed = openFeed(centre, {
      onSnapshot: () => soon(200),  // (re)connected: read it again
      onChange: (e) => {
        const why = changeConcerns(e, number, fieldRef.current);
        if (why === 'now') {
          clearTimeout(timer);
          timer = 0;
          reread();
        } else if (why === 'soon') {
          soon(FIELD_DEBOUNCE_MS);
        }
      },
      onLink: setLink,
      onGateway: setGatewayUp,
    });
    return () => {
      clearTimeout(timer);
      feed.close();
    };
  }, [centre, number, done]);
  return { gatewayUp, link };
}

// Buzz once for each call or recall of the ticket.
function useCallAlert(ticket) {
  const alerted = useRef('');
  const key = callAlertKey(ticket);
  useEffect(() => {
    if (!key || key === alerted.current) return;
    alerted.current = key;
    if (navigator.vibrate) navigator.vibrate([400, 200, 400, 200, 400]);
  }, [key]);
}

export function TicketApp() {
  const { centre, number } = ticketOfPath(location.pathname);
  const [lang, setLang] = useLang('qms-ticket-lang');
  const t = (key, vars) => translate(T, lang, key, vars);
  const [page, setPage] = useState(null);
  const { reply, error, readAt, reread } = useTicket(centre, number);
  const notFound = error && error.code === 'NOT_FOUND';
  const done = notFound || Boolean(reply && FINAL_STATES.has(reply.ticket.state));
  const { gatewayUp, link } = useTicketFeed(centre, number, reply, reread, done);
  const view = reply ? ticketView(reply, page && page.centre, lang) : null;
  useCallAlert(reply && reply.ticket);

  // On opening, and whenever the gateway and the server are back: read again.
  const online = gatewayUp && (!link || link.live);
  useEffect(() => {
    if (!online) return;
    if (!page) apiGet(`/api/c/${centre}`).then(setPage, () => {});
    if (!notFound) reread();
  }, [online]);
  useEffect(() => {
    document.documentElement.lang = lang;
    document.title = pageTitle(number, view, lang);
  });

  const info = page && page.centre;
  return html`<div class="tk" data-testid="ticket-page" data-state=${notFound ? 'NOT_FOUND' : view ? view.state : ''}>
    <${LinkStatus} gatewayUp=${gatewayUp} link=${link} lang=${lang} />
    <header class="tk-head">
      <div class="tk-centre" data-testid="ticket-centre">${info ? (lang === 'en' ? info.name_en : info.name_vi) : ''}</div>
      <${LangToggle} lang=${lang} setLang=${setLang} className="tk-lang" />
    </header>
    <main class="tk-main">
      ${notFound
        ? html`<section class="tk-card tk-tone-bad" data-testid="ticket-not-found">
            <div class="tk-headline">${t('notFound', { number })}</div>
            <p class="tk-help">${t('notFoundHelp')}</p>
          </section>`
        : view
          ? html`<${TicketCard} number=${number} view=${view} t=${t} />`
          : error
            ? html`<section class="tk-card tk-tone-bad" data-testid="ticket-unavailable">
                <div class="tk-number">${number}</div>
                <div class="tk-headline">${t('unavailable')}</div>
                <p class="tk-help">${t('unavailableHelp')}</p>
              </section>`
            : html`<section class="tk-card"><div class="tk-number">${number}</div><p>${t('loading')}</p></section>`}
      ${readAt > 0 && !done && html`<p class="tk-foot" data-testid="ticket-updated">${t('autoUpdate', { time: hhmm(readAt * 1000) })}</p>`}
    </main>
  </div>`;
}

function TicketCard({ number, view, t }) {
  return html`<section class="tk-card tk-tone-${view.tone}" data-testid="ticket-card" data-tone=${view.tone}>
    <div class="tk-label">${t('yourNumber')}</div>
    <div class="tk-number" data-testid="ticket-number">${number}</div>
    <div class="tk-field" data-testid="ticket-field">${view.fieldName}
      ${view.priority && html`<span class="tk-priority">${t('priority')}</span>`}</div>
    <div class="tk-state" role="status" aria-live="assertive">
      <div class="tk-headline" data-testid="ticket-headline">${view.headline}</div>
      ${view.help && html`<p class="tk-help">${view.help}</p>`}
      ${view.notes.map((n) => html`<p class="tk-note">${n}</p>`)}
    </div>
    ${view.showWait &&
    html`<dl class="tk-facts">
      <div><dt>${t('ahead')}</dt><dd data-testid="ticket-ahead" class=${view.ahead > 0 ? 'is-number' : ''}>${view.ahead > 0 ? view.ahead : t('aheadNone')}</dd></div>
      <div><dt>${t('estWait')}</dt>
        <dd data-testid="ticket-wait">${view.minutes > 0 ? t('minutes', { m: view.minutes }) : t('minutesNone')}</dd></div>
    </dl>`}
  </section>`;
}
