// The centre's live stream (GET /api/c/{centre}/events, docs/gateway.md):
// snapshot, change and link events. The feed keeps the last seq and drops a
// change at or below it, so a page sees every event once, across the
// EventSource's own reconnects (Last-Event-ID) and the gateway's restarts.

export function openFeed(centre, { onSnapshot, onChange, onLink, onGateway }) {
  let lastSeq = -1;
  let source = null;
  let closed = false;
  let retryTimer = null;

  const parse = (e) => {
    try {
      return JSON.parse(e.data);
    } catch (err) {
      return null;
    }
  };

  function connect() {
    const after = lastSeq >= 0 ? `?after=${lastSeq}` : '';
    source = new EventSource(`/api/c/${centre}/events${after}`);
    source.addEventListener('open', () => onGateway && onGateway(true));
    source.addEventListener('snapshot', (e) => {
      const event = parse(e);
      if (!event) return;
      lastSeq = Number(event.seq);
      onSnapshot && onSnapshot(event);
    });
    source.addEventListener('change', (e) => {
      const event = parse(e);
      if (!event) return;
      const seq = Number(event.seq);
      if (seq <= lastSeq) return;
      lastSeq = seq;
      onChange && onChange(event);
    });
    source.addEventListener('link', (e) => {
      const link = parse(e);
      if (link) onLink && onLink(link);
    });
    source.addEventListener('error', () => {
      onGateway && onGateway(false);
      // The browser retries by itself while the stream is CONNECTING; when
      // the gateway answered with an error it gives up (CLOSED): start anew.
      if (source.readyState === EventSource.CLOSED && !closed) {
        source.close();
        retryTimer = setTimeout(connect, 2000);
      }
    });
  }

  connect();
  return {
    close() {
      closed = true;
      clearTimeout(retryTimer);
      if (source) source.close();
    },
    lastSeq: () => lastSeq,
  };
}
