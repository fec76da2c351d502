// A modal dialog for the console: a title, a body, Esc or the close button
// to leave, focus moved into it on opening and given back on closing.
// The backdrop does not close it, so a stray click loses no typing.
import { html, useEffect, useRef } from '../common/ui.js';

export function Dialog({ title, onClose, children, testid, wide = false, closeLabel = 'Đóng' }) {
  const box = useRef(null);
  useEffect(() => {
    const before = document.activeElement;
    const first = box.current && box.current.querySelector('[autofocus], input, select, textarea, button.primary, button');
    if (first) first.focus();
    const onKey = (e) => {
      if (e.key === 'Escape' && onClose) {
        e.preventDefault();
        onClose();
      }
    };
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('keydown', onKey);
      if (before && before.focus) before.focus();
    };
  }, []);
  return html`<div class="dialog-backdrop">
    <section class="dialog ${wide ? 'dialog-wide' : ''}" role="dialog" aria-modal="true" aria-label=${title}
      data-testid=${testid} ref=${box}>
      <header class="dialog-head">
        <h2>${title}</h2>
        ${onClose && html`<button type="button" class="dialog-close" onClick=${onClose} aria-label=${closeLabel}
          data-testid="dialog-close">×</button>`}
      </header>
      <div class="dialog-body">${children}</div>
    </section>
  </div>`;
}

// A refusal or a notice inside a dialog or on the console.
export function Notice({ message, testid = 'notice' }) {
  if (!message) return null;
  if (message.kind === 'ok') {
    return html`<div class="notice notice-ok" role="status" data-testid=${testid} data-kind="ok">${message.text}</div>`;
  }
  return html`<div class="notice notice-${message.kind}" role="alert" data-testid=${testid} data-kind=${message.kind}>
    <strong>${message.headline}</strong>
    ${message.reason && html`<div class="notice-reason">${message.reason}</div>`}
  </div>`;
}
