// The document the browser prints: rendered into #print-root (outside the
// page's #app) while a slip or a letter is on screen, so that both the
// "In" button and Ctrl+P print it and nothing else (styles/print.css).
// `size` is "A5" (receipt slip) or "A4" (apology letter).
import { render, useEffect } from '../common/ui.js';

function printRoot() {
  let root = document.getElementById('print-root');
  if (!root) {
    root = document.createElement('div');
    root.id = 'print-root';
    document.body.appendChild(root);
  }
  return root;
}

export function usePrintable(vnode, size) {
  useEffect(() => {
    const root = printRoot();
    root.dataset.size = size;
    document.body.dataset.printing = size;
    render(vnode, root);
  });
  useEffect(
    () => () => {
      const root = printRoot();
      render(null, root);
      delete document.body.dataset.printing;
    },
    [],
  );
}

export function printNow() {
  window.print();
}
