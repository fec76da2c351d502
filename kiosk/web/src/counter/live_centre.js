// A hook for the staff pages (counter console, rating tablet, dashboard):
// the centre's page data (GET /api/c/{centre}), its live model from the
// event stream, and the link state. The centre data is fetched again until
// it arrives; `epoch` grows each time the page comes back online (a fresh
// snapshot, or the server's link live again) so that pages re-fetch what
// they fetched before.
import { apiGet } from '../common/api.js';
import { openFeed } from '../common/feed.js';
import { applySnapshot, applyChange } from '../common/centre_model.js';
import { useState, useEffect, useRef } from '../common/ui.js';

const INFO_RETRY_MS = 4000;

export function useLiveCentre(centre, { onChange } = {}) {
  const [info, setInfo] = useState(null);
  const [infoError, setInfoError] = useState(null);
  const [model, setModel] = useState(null);
  const [gatewayUp, setGatewayUp] = useState(true);
  const [link, setLink] = useState(null);
  const [epoch, setEpoch] = useState(0);
  const onChangeRef = useRef(onChange);
  onChangeRef.current = onChange;
  const wasOnline = useRef(false);

  useEffect(() => {
    if (!centre) return undefined;
    const feed = openFeed(centre, {
      onSnapshot: (event) => setModel(applySnapshot(event)),
      onChange: (event) => {
        setModel((m) => (m ? applyChange(m, event) : m));
        if (onChangeRef.current) onChangeRef.current(event);
      },
      onLink: setLink,
      onGateway: setGatewayUp,
    });
    return () => feed.close();
  }, [centre]);

  const serverUp = !link || !!link.live;
  const online = !!model && gatewayUp && serverUp;
  useEffect(() => {
    if (online && !wasOnline.current) setEpoch((n) => n + 1);
    wasOnline.current = online;
  }, [online]);

  // The centre's data: fetched at start and again, every few seconds,
  // until it arrives (the gateway or the server may be away at first).
  useEffect(() => {
    if (!centre || info) return undefined;
    let stopped = false;
    let timer = null;
    const load = () =>
      apiGet(`/api/c/${centre}`).then(
        (page) => {
          if (stopped) return;
          setInfo(page);
          setInfoError(null);
        },
        (e) => {
          if (stopped) return;
          setInfoError(e);
          timer = setTimeout(load, INFO_RETRY_MS);
        },
      );
    load();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [centre, info]);

  return { info, infoError, model, setModel, gatewayUp, link, online, epoch };
}

// `now` in microseconds, renewed every `everyMs` while `active` (a clock
// for "minutes since called"; no timer while nothing needs it).
export function useNowUs(active, everyMs) {
  const [now, setNow] = useState(Date.now() * 1000);
  useEffect(() => {
    if (!active) return undefined;
    setNow(Date.now() * 1000);
    const timer = setInterval(() => setNow(Date.now() * 1000), everyMs);
    return () => clearInterval(timer);
  }, [active, everyMs]);
  return now;
}
