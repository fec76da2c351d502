// The server's state as the pages act on it: the gateway's `link` event,
// corrected by a probe while that event says the server is away.
//
// Why: after qms-server restarts, the gateway resumes each centre's
// WatchCentre after the last seq it has; when nothing happened since, the
// server sends nothing, and the gateway (kiosk/gateway/centre_feed.cc marks
// its link live on the first message) keeps telling the pages `live: false`
// until the centre's next event. A kiosk that waits for an event before it
// lets anyone take a ticket would wait for ever. So while the link is
// reported down, a page asks the server something harmless through the
// gateway every few seconds; any answer from the server means it is up.
import { useEffect, useState } from './ui.js';
import { apiGet } from './api.js';

// A ticket number no centre issues (the gateway accepts its shape; the
// server answers NOT_FOUND, or the ticket if it exists: both mean "up").
export const PROBE_NUMBER = 'Z999999';

// Whether a reply (or error) of the probe came from the server itself.
export function answeredByServer(error) {
  if (!error) return true;
  return error.code !== 'UNAVAILABLE' && error.code !== 'DEADLINE_EXCEEDED' && error.http !== 0;
}

// The link to pass on to LinkStatus and to decide on: `link`, or, when the
// probe got an answer since the link last changed, a live one.
export function useProbedLink(centre, gatewayUp, link, everyMs = 5000) {
  const [answered, setAnswered] = useState(false);
  const down = Boolean(gatewayUp && link && !link.live);
  useEffect(() => {
    setAnswered(false);
    if (!down) return undefined;
    let live = true;
    let timer = 0;
    const probe = () => {
      apiGet(`/api/c/${centre}/tickets/${PROBE_NUMBER}`, 4000).then(
        () => live && setAnswered(true),
        (e) => {
          if (!live) return;
          if (answeredByServer(e)) setAnswered(true);
          else timer = setTimeout(probe, everyMs);
        },
      );
    };
    timer = setTimeout(probe, everyMs);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [centre, down, link]);
  return down && answered ? { ...link, live: true, probed: true } : link;
}
