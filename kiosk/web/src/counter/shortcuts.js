// The console's keyboard shortcuts: one letter per action, the first letter
// of its Vietnamese name where it can be (Gọi tiếp G, Gọi lại L, Bắt đầu B,
// Hoàn thành H, Vắng mặt V, Tạm gác T, Chuyển C, Nhận hồ sơ N, Tạm dừng P,
// Mở quầy M, Đóng quầy D, gọi Số S, Khôi phục số tạm gác K). Matched on
// KeyboardEvent.code so that a Vietnamese input method (Telex, VNI) or
// Caps Lock does not change them. Pure (tested in counter_shortcuts.test.mjs).

export const SHORTCUTS = {
  next: 'G',
  call: 'S',
  recall: 'L',
  start: 'B',
  complete: 'H',
  noShow: 'V',
  park: 'T',
  resume: 'K',
  transfer: 'C',
  receive: 'N',
  pause: 'P',
  open: 'M',
  close: 'D',
};

const BY_CODE = Object.fromEntries(Object.entries(SHORTCUTS).map(([action, key]) => [`Key${key}`, action]));

// Whether keys typed at `target` are text (an input, a list, a text area).
export function isTypingTarget(target) {
  if (!target) return false;
  const tag = (target.tagName || '').toUpperCase();
  return tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT' || !!target.isContentEditable;
}

// The action of a keydown, or '' (modifier keys held, typing, or no such key).
export function actionForKey(event) {
  if (!event || event.ctrlKey || event.altKey || event.metaKey || event.repeat) return '';
  if (isTypingTarget(event.target)) return '';
  return BY_CODE[event.code] || '';
}
