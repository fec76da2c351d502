// The gateway's JSON API (docs/gateway.md) as the pages use it. Every call
// has a time limit; every failure becomes an ApiError with the gateway's
// bilingual envelope, or code UNAVAILABLE when the gateway itself cannot be
// reached.
import { storedToken } from './page_token.js';

export class ApiError extends Error {
  constructor({ code, http, message_vi, message_en, detail }) {
    super(detail || message_en || code);
    this.code = code;
    this.http = http;
    this.message_vi = message_vi;
    this.message_en = message_en;
    this.detail = detail || '';
  }
  // The text to show, in the page's language, with the server's reason.
  text(lang) {
    const plain = lang === 'en' ? this.message_en : this.message_vi;
    return this.detail ? `${plain} (${this.detail})` : plain;
  }
}

const UNREACHABLE = {
  code: 'UNAVAILABLE',
  http: 0,
  message_vi: 'Không kết nối được hệ thống. Vui lòng đến quầy hướng dẫn.',
  message_en: 'The system cannot be reached. Please go to reception.',
};

// The page's own token (page_token.js), if it was given one.
function authorization() {
  const token = typeof sessionStorage === 'undefined' ? '' : storedToken(sessionStorage);
  return token ? { Authorization: `Bearer ${token}` } : {};
}

async function request(method, path, body, timeoutMs) {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  let response;
  try {
    response = await fetch(path, {
      method,
      headers: { ...authorization(), ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: controller.signal,
      cache: 'no-store',
    });
  } catch (e) {
    throw new ApiError({ ...UNREACHABLE, detail: controller.signal.aborted ? 'timeout' : '' });
  } finally {
    clearTimeout(timer);
  }
  let data = null;
  try {
    data = await response.json();
  } catch (e) {
    data = null;
  }
  if (!response.ok) {
    const envelope = data && data.error ? data.error : { ...UNREACHABLE, http: response.status };
    throw new ApiError(envelope);
  }
  return data;
}

export const apiGet = (path, timeoutMs = 8000) => request('GET', path, undefined, timeoutMs);
export const apiPost = (path, body = {}, timeoutMs = 8000) => request('POST', path, body, timeoutMs);

// The centre id of the page's address: /c/{centre}/...
export function centreOfPath(pathname = location.pathname) {
  const m = /^\/c\/([0-9]{1,9})(\/|$)/.exec(pathname);
  return m ? m[1] : '';
}

// A fresh idempotency key ("kiosk-<time>-<random>").
export function newRequestId(prefix) {
  const random = Array.from(crypto.getRandomValues(new Uint8Array(8)), (b) => b.toString(16).padStart(2, '0')).join('');
  return `${prefix}-${Date.now().toString(36)}-${random}`;
}
