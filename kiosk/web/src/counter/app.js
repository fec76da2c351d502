// The counter page, /c/{centre}/counter: the clerk's console (sign-in, then
// the console of the chosen counter, back to it after a reload), or with
// ?view=rating&counter=N the citizen's rating tablet of counter N.
import { html, useState, useEffect, useRef, useCallback } from '../common/ui.js';
import { centreOfPath } from '../common/api.js';
import { translate, useLang, LangToggle } from '../common/i18n.js';
import { LinkStatus } from '../common/link_status.js';
import { STRINGS } from './strings.js';
import { useLiveCentre } from './live_centre.js';
import { loadSession, saveSession, clearSession } from './session.js';
import { applyCounterReply } from './console_model.js';
import { SignIn } from './sign_in.js';
import { Console } from './console.js';
import { RatingTablet } from './rating_tablet.js';
import { Notice } from './dialog.js';

function CounterApp({ centre }) {
  const [lang, setLang] = useLang('qms.counter.lang');
  const t = (key, vars) => translate(STRINGS, lang, key, vars);
  const listeners = useRef(new Set());
  const live = useLiveCentre(centre, { onChange: (event) => listeners.current.forEach((fn) => fn(event)) });
  const subscribe = useCallback((fn) => {
    listeners.current.add(fn);
    return () => listeners.current.delete(fn);
  }, []);
  const [session, setSession] = useState(() => loadSession(localStorage, centre));

  useEffect(() => {
    document.documentElement.lang = lang;
    document.title = t('title');
  }, [lang]);

  const centreData = live.info && live.info.centre;
  const unknownCounter = session && centreData && !centreData.counters.some((c) => c.counter_id === session.counterId);
  useEffect(() => {
    if (unknownCounter) {
      clearSession(localStorage, centre);
      setSession(null);
    }
  }, [unknownCounter]);

  const signOut = () => {
    clearSession(localStorage, centre);
    setSession(null);
  };
  if (session && !unknownCounter) {
    return html`<${Console} centre=${centre} session=${session} live=${live} subscribe=${subscribe} lang=${lang}
      setLang=${setLang} t=${t} onSignOut=${signOut} />`;
  }
  const signedIn = (next, counter) => {
    saveSession(localStorage, centre, next);
    live.setModel((m) => applyCounterReply(m, counter));
    setSession(next);
  };
  return html`<main class="signin-page" data-testid="signin-page">
    <${LinkStatus} gatewayUp=${live.gatewayUp} link=${live.link} lang=${lang} />
    <header class="signin-head"><span>${t('title')}</span><${LangToggle} lang=${lang} setLang=${setLang} /></header>
    ${live.infoError && !live.info &&
    html`<${Notice} message=${{ kind: 'refusal', headline: t('refuse.offline'), reason: live.infoError.text(lang) }} testid="signin-error" />`}
    <${SignIn} centre=${centre} info=${live.info} model=${live.model} online=${live.online} lang=${lang} t=${t}
      onSignedIn=${signedIn} />
  </main>`;
}

export function CounterPage() {
  const centre = centreOfPath();
  const params = new URLSearchParams(location.search);
  if (params.get('view') === 'rating') {
    return html`<${RatingTablet} centre=${centre} counterId=${params.get('counter') || ''} />`;
  }
  return html`<${CounterApp} centre=${centre} />`;
}
