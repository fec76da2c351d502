// The citizen ID number typed on the kiosk's keypad (for the per-citizen
// daily cap; the server hashes it and never keeps it). A CCCD has 12
// digits, an old CMND 9; nothing else is sent. Pure, tested under node.

export const ID_MAX_DIGITS = 12;

// The digits after one key of the keypad: '0'..'9', 'del' or 'clear'.
export function pressKey(digits, key) {
  if (key === 'del') return digits.slice(0, -1);
  if (key === 'clear') return '';
  if (/^[0-9]$/.test(key) && digits.length < ID_MAX_DIGITS) return digits + key;
  return digits;
}

export const isCompleteId = (digits) => /^([0-9]{9}|[0-9]{12})$/.test(digits);

// Groups of three for reading back: "001 234 567 890".
export function groupDigits(digits) {
  return (digits.match(/.{1,3}/g) || []).join(' ');
}

// The twelve boxes of the display, in groups of three: [['0','0','1'], ...],
// '' for a box not filled yet.
export function digitBoxes(digits) {
  const boxes = [];
  for (let g = 0; g < ID_MAX_DIGITS / 3; g++) {
    boxes.push([0, 1, 2].map((i) => digits[g * 3 + i] || ''));
  }
  return boxes;
}
