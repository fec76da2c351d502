// A document on screen, ready to print: the paper itself, a print button,
// and the server's text folded under it. While one is on screen it is also
// what Ctrl+P prints (print_root.js, styles/print.css).
import { html } from '../common/ui.js';
import { translate } from '../common/i18n.js';
import { DOSSIER_STRINGS } from './dossier_strings.js';
import { ReceiptSlipDoc, ApologyLetterDoc, ServerText } from './documents.js';
import { usePrintable, printNow } from './print_root.js';

export function SlipView({ slip, lang }) {
  usePrintable(html`<${ReceiptSlipDoc} slip=${slip} />`, 'A5');
  return html`<div class="doc-view" data-testid="slip-view">
    <div class="doc-paper doc-paper-a5"><${ReceiptSlipDoc} slip=${slip} /></div>
    <div class="doc-actions">
      <button type="button" class="primary" data-testid="slip-print" onClick=${printNow}>
        ${translate(DOSSIER_STRINGS, lang, 'slip.print')}</button>
      <${ServerText} text=${slip.text_vi} lang=${lang} />
    </div>
  </div>`;
}

export function LetterView({ letter, lang }) {
  usePrintable(html`<${ApologyLetterDoc} letter=${letter} />`, 'A4');
  return html`<div class="doc-view" data-testid="letter-view">
    <div class="doc-paper doc-paper-a4"><${ApologyLetterDoc} letter=${letter} /></div>
    <div class="doc-actions">
      <button type="button" class="primary" data-testid="letter-print" onClick=${printNow}>
        ${translate(DOSSIER_STRINGS, lang, 'letter.print')}</button>
      <${ServerText} text=${letter.text_vi} lang=${lang} />
    </div>
  </div>`;
}
