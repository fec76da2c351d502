// A public touch screen: no text selection, no context menu (long press),
// no dragging, no zoom (pinch, ctrl+wheel, ctrl +/-). The CSS does its part
// (user-select: none; touch-action: pan-x pan-y in kiosk.css). In production
// Chromium also runs with --kiosk --disable-pinch
// --overscroll-history-navigation=0 (see the report of the kiosk page).
export function lockDown(doc = document) {
  const stop = (e) => e.preventDefault();
  for (const type of ['contextmenu', 'selectstart', 'dragstart', 'gesturestart']) doc.addEventListener(type, stop);
  doc.addEventListener(
    'touchmove',
    (e) => {
      if (e.touches && e.touches.length > 1) e.preventDefault();
    },
    { passive: false },
  );
  doc.addEventListener(
    'wheel',
    (e) => {
      if (e.ctrlKey) e.preventDefault();
    },
    { passive: false },
  );
  doc.addEventListener('keydown', (e) => {
    if ((e.ctrlKey || e.metaKey) && ['+', '-', '=', '0'].includes(e.key)) e.preventDefault();
  });
  const meta = doc.querySelector('meta[name="viewport"]');
  if (meta) meta.setAttribute('content', 'width=device-width, initial-scale=1, maximum-scale=1, user-scalable=no');
}
