// The display board (/c/{centre}/board), on a 1920×1080 TV in the waiting
// hall: the call being spoken, the counters and their numbers, the last
// calls, the queues, the clock and the link state. It follows the live
// feed (the feed drops a change it has already seen; a snapshot rebuilds
// the model) and speaks each call through the Announcer, one at a time.
//
// Production: Chromium --kiosk --autoplay-policy=no-user-gesture-required,
// so the calls are spoken without anyone touching the TV; without that
// flag the board shows "Bật âm thanh / Turn sound on" until a touch.
import { html, useEffect, useMemo, useState } from '../common/ui.js';
import { apiGet, centreOfPath } from '../common/api.js';
import { openFeed } from '../common/feed.js';
import { applyChange, applySnapshot } from '../common/centre_model.js';
import { translate } from '../common/i18n.js';
import { LinkStatus, linkProblem } from '../common/link_status.js';
import { clockText, longDate, useNow } from '../common/vn_clock.js';
import { Announcer } from './announcer.js';
import { announcementOfChange, announcementsOfSnapshot } from './board_model.js';
import { makeVoicePlayer } from './voice_player.js';
import { CountersPanel, FieldsPanel, HeroPanel, RecentPanel } from './board_panels.js';
import { T } from './text.js';

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function useCentrePage(centre, online) {
  const [page, setPage] = useState(null);
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    if (page || !online) return undefined;
    let live = true;
    let timer = 0;
    apiGet(`/api/c/${centre}`).then(
      (p) => live && setPage(p),
      () => live && (timer = setTimeout(() => setAttempt((n) => n + 1), 5000)),
    );
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [page, online, attempt]);
  return page;
}

// The feed, the model, and the calls handed to the announcer.
function useBoardFeed(centre, announcer) {
  const [model, setModel] = useState(null);
  const [gatewayUp, setGatewayUp] = useState(null);
  const [link, setLink] = useState(null);
  useEffect(() => {
    const feed = openFeed(centre, {
      onSnapshot: (e) => {
        setModel(applySnapshot(e));
        // After a reconnect the gateway may send a snapshot instead of the
        // events missed: its recent calls are offered too (the announcer
        // speaks each call once, and only those made since the board opened).
        for (const item of announcementsOfSnapshot(e)) announcer.offer(item);
      },
      onChange: (e) => {
        setModel((m) => (m ? applyChange(m, e) : m));
        const item = announcementOfChange(e);
        if (item) announcer.offer(item);
      },
      onLink: setLink,
      onGateway: setGatewayUp,
    });
    return () => feed.close();
  }, [centre]);
  return { model, gatewayUp, link };
}

function useAnnouncer(centre) {
  const [voice, setVoice] = useState({ current: null, pending: [], blocked: false });
  const announcer = useMemo(
    () => new Announcer({ play: makeVoicePlayer(centre), sleep, sinceUs: Date.now() * 1000, onUpdate: setVoice }),
    [centre],
  );
  useEffect(() => {
    window.__qmsBoardAnnouncer = announcer;  // read by the browser tests
  }, [announcer]);
  return [announcer, voice];
}

export function BoardApp() {
  const centre = centreOfPath();
  const lang = new URLSearchParams(location.search).get('lang') === 'en' ? 'en' : 'vi';
  const t = (key, vars) => translate(T, lang, key, vars);
  const [announcer, voice] = useAnnouncer(centre);
  const { model, gatewayUp, link } = useBoardFeed(centre, announcer);
  const page = useCentrePage(centre, gatewayUp !== false);
  const now = useNow();
  const problem = linkProblem(gatewayUp !== false, link);
  const info = page && page.centre;

  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);

  return html`<div class="board ${problem ? 'is-offline' : ''}" data-testid="board">
    <${LinkStatus} gatewayUp=${gatewayUp !== false} link=${link} lang=${lang} />
    <header class="b-head">
      <div class="b-head-centre">
        <div class="b-centre" data-testid="board-centre">${info ? (lang === 'en' ? info.name_en : info.name_vi) : ''}</div>
        <div class="b-subtitle">${t('title')}</div>
      </div>
      <div class="b-link ${problem ? 'is-down' : 'is-up'}" data-testid="board-link" data-state=${problem || 'live'}>
        <span class="b-dot"></span>${problem ? t('offline') : t('live')}
      </div>
      <div class="b-when">
        <div class="b-clock" data-testid="board-clock">${clockText(now)}</div>
        <div class="b-date">${longDate(now, lang)}</div>
      </div>
    </header>
    <main class="b-main">
      <${HeroPanel} voice=${voice} model=${model} centre=${info} lang=${lang} t=${t} />
      <${RecentPanel} model=${model} centre=${info} lang=${lang} t=${t} />
      <${CountersPanel} model=${model} centre=${info} lang=${lang} t=${t} />
      <${FieldsPanel} model=${model} centre=${info} lang=${lang} t=${t} />
    </main>
    ${voice.blocked &&
    html`<button type="button" class="b-sound" data-testid="board-sound-on" onClick=${() => announcer.unblock()}>
      <span class="b-sound-title">Bật âm thanh / Turn sound on</span>
      <span class="b-sound-help">${t('soundBlocked')}</span>
    </button>`}
  </div>`;
}
