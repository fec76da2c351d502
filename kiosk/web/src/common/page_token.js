// A clerk's or supervisor's own access token (docs/gateway.md, "Tokens").
// It comes once in the page's address, after "#token=" (a fragment never
// reaches a server or its logs), is kept for the browser tab only
// (sessionStorage) and is sent with every API call as
// "Authorization: Bearer ...": the server then acts as, and records, that
// person instead of the gateway's shared token. Pure functions over
// Storage-like objects, tested under node.

const TOKEN_KEY = 'qms.pageToken';
// qms1.<claims>.<signature>, both base64url (services/access/token.h).
const TOKEN_SHAPE = /^qms1\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;

// Takes "#token=..." out of `hash` into `storage`; returns the hash left
// (without the token) or null when there was none to take.
export function adoptToken(hash, storage) {
  const params = new URLSearchParams(String(hash || '').replace(/^#/, ''));
  const token = params.get('token');
  if (token === null) return null;
  params.delete('token');
  if (TOKEN_SHAPE.test(token)) storage.setItem(TOKEN_KEY, token);
  const rest = params.toString();
  return rest ? `#${rest}` : '';
}

export function storedToken(storage) {
  try {
    const token = storage.getItem(TOKEN_KEY) || '';
    return TOKEN_SHAPE.test(token) ? token : '';
  } catch (e) {
    return '';
  }
}

export function forgetToken(storage) {
  try {
    storage.removeItem(TOKEN_KEY);
  } catch (e) {
    // nothing stored
  }
}

function base64UrlBytes(text) {
  const b64 = text.replace(/-/g, '+').replace(/_/g, '/');
  const binary = atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

// The subject (field 2 of qms.v1.TokenClaims) of `token`, to greet the
// clerk by it; '' when it cannot be read. The server alone checks tokens.
export function tokenSubject(token) {
  if (!TOKEN_SHAPE.test(token || '')) return '';
  let bytes;
  try {
    bytes = base64UrlBytes(token.split('.')[1]);
  } catch (e) {
    return '';
  }
  let i = 0;
  const varint = () => {
    let value = 0;
    for (let shift = 0; shift < 35 && i < bytes.length; shift += 7) {
      const b = bytes[i++];
      value += (b & 0x7f) * 2 ** shift;
      if (b < 0x80) return value;
    }
    throw new Error('bad varint');
  };
  try {
    while (i < bytes.length) {
      const key = varint();
      const field = Math.floor(key / 8);
      const wire = key % 8;
      if (wire === 0) varint();
      else if (wire === 2) {
        const length = varint();
        if (i + length > bytes.length) return '';
        if (field === 2) return new TextDecoder().decode(bytes.subarray(i, i + length));
        i += length;
      } else if (wire === 1) i += 8;
      else if (wire === 5) i += 4;
      else return '';
    }
  } catch (e) {
    return '';
  }
  return '';
}

// In a page: takes the address's token into this tab's sessionStorage and
// out of the address bar (and so out of bookmarks and screenshots).
export function adoptTokenFromAddress() {
  if (typeof location === 'undefined' || typeof sessionStorage === 'undefined') return;
  const rest = adoptToken(location.hash, sessionStorage);
  if (rest !== null) history.replaceState(null, '', location.pathname + location.search + rest);
}
