// Taking a ticket: the request the kiosk sends, its retries, and what a
// failure means for the citizen. Pure except for the injected `post` and
// `sleep`, tested under node.
//
// One tap, one ticket: the request id is made once when the field's screen
// opens, and every retry (automatic, or the citizen's "Thử lại") sends the
// same id, so the server answers a repeat with the ticket it already issued
// (`replayed: true`) instead of a second one.

export const RETRYABLE = new Set(['UNAVAILABLE', 'DEADLINE_EXCEEDED']);
export const RETRY_DELAYS_MS = [800, 2000];
export const ISSUE_TIMEOUT_MS = 7000;  // above the gateway's 5 s call deadline

export function issueBody({ fieldId, requestId, priority, citizenId }) {
  return {
    field_id: fieldId,
    request_id: requestId,
    priority: priority ? 'PRIORITY' : 'NORMAL',
    citizen_id: citizenId || '',
  };
}

// POSTs the ticket request, retrying with the same body while the gateway
// or the server is away; throws the last error otherwise.
export async function issueTicket(post, centre, body, { delays = RETRY_DELAYS_MS, sleep, onRetry } = {}) {
  let last = null;
  for (let attempt = 0; attempt <= delays.length; attempt++) {
    if (attempt > 0) {
      if (onRetry) onRetry(attempt);
      await sleep(delays[attempt - 1]);
    }
    try {
      return await post(`/api/c/${centre}/tickets`, body, ISSUE_TIMEOUT_MS);
    } catch (e) {
      last = e;
      if (!RETRYABLE.has(e.code)) throw e;
    }
  }
  throw last;
}

// The screen a failed request leads to. In IssueTicket, FAILED_PRECONDITION
// is only the refusal outside opening hours (services/queue/centre_intake.cc,
// CheckIssueAllowed); RESOURCE_EXHAUSTED is a field's daily cap, a field that
// cannot serve more before closing, or the per-citizen cap.
export function issueOutcome(error) {
  switch (error && error.code) {
    case 'RESOURCE_EXHAUSTED':
      return 'full';
    case 'FAILED_PRECONDITION':
      return 'closed';
    case 'UNAVAILABLE':
    case 'DEADLINE_EXCEEDED':
      return 'unavailable';
    case 'INVALID_ARGUMENT':
      return 'invalid';
    default:
      return 'error';
  }
}

// The server writes its reasons "Vietnamese / English"; the part in the
// page's language, or the whole text when it has one language.
export function reasonText(detail, lang) {
  const text = String(detail || '');
  const at = text.indexOf(' / ');
  if (at < 0) return text;
  return lang === 'en' ? text.slice(at + 3) : text.slice(0, at);
}

// An ApiError in the page's language, with the server's reason in it.
export function errorText(error, lang) {
  if (!error) return '';
  const plain = (lang === 'en' ? error.message_en : error.message_vi) || error.code || '';
  const reason = reasonText(error.detail, lang);
  return reason ? `${plain} (${reason})` : plain;
}
