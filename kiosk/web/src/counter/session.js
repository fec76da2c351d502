// The clerk's sign-in at a counter, kept in localStorage so that a reload
// (or a browser restart) comes back to the same counter. Pure functions over
// a Storage-like object (getItem/setItem/removeItem), tested under node.
//
// The gateway takes a clerk_id of printable ASCII without spaces (at most
// 64 bytes); clerks type their name ("Nguyễn Thị Lan") or their staff id
// ("CB042"). clerkIdOf() turns either into an id the server accepts, and the
// console keeps the typed name for display.

const KEY_PREFIX = 'qms.counter.session.';
const MAX_ID_BYTES = 64;

// "Nguyễn Thị Lan" -> "Nguyen.Thi.Lan"; "CB042" -> "CB042"; "" -> "".
export function clerkIdOf(name) {
  const ascii = String(name || '')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .trim()
    .replace(/\s+/g, '.')
    .replace(/[^\x21-\x7e]/g, '');
  return ascii.slice(0, MAX_ID_BYTES);
}

export function sessionKey(centre) {
  return `${KEY_PREFIX}${centre}`;
}

// { clerkName, clerkId, counterId } or null when none (or unreadable).
export function loadSession(storage, centre) {
  let raw = null;
  try {
    raw = storage.getItem(sessionKey(centre));
  } catch (e) {
    return null;
  }
  if (!raw) return null;
  try {
    const s = JSON.parse(raw);
    if (!s || typeof s.clerkId !== 'string' || typeof s.counterId !== 'string') return null;
    if (!s.clerkId || !s.counterId || clerkIdOf(s.clerkId) !== s.clerkId) return null;
    return { clerkName: String(s.clerkName || s.clerkId), clerkId: s.clerkId, counterId: s.counterId };
  } catch (e) {
    return null;
  }
}

export function saveSession(storage, centre, { clerkName, clerkId, counterId }) {
  storage.setItem(sessionKey(centre), JSON.stringify({ clerkName, clerkId, counterId }));
}

export function clearSession(storage, centre) {
  storage.removeItem(sessionKey(centre));
}

// Console preferences per browser: whether the rating overlay follows
// Complete (off when the counter has its own rating tablet).
const PREFS_KEY = 'qms.counter.prefs';

export function loadPrefs(storage) {
  try {
    const p = JSON.parse(storage.getItem(PREFS_KEY) || '{}');
    return { ratingOverlay: p.ratingOverlay !== false };
  } catch (e) {
    return { ratingOverlay: true };
  }
}

export function savePrefs(storage, prefs) {
  storage.setItem(PREFS_KEY, JSON.stringify(prefs));
}
