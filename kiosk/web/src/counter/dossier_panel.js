// The console's panel of dossiers to watch: overdue and due soon (tabs with
// their counts), each opening the dossier's details; and a field to open a
// dossier by its code.
import { html, useState } from '../common/ui.js';
import { translate } from '../common/i18n.js';
import { hhmm } from '../common/format.js';
import { DOSSIER_STRINGS } from './dossier_strings.js';
import { DossierRow } from './dossier_lists.js';
import { Notice } from './dialog.js';

function count(list, more) {
  if (!list) return '…';
  return more ? `${list.length}+` : String(list.length);
}

export function DossierPanel({ lists, names, nowUs, lang, onOpen }) {
  const td = (key, vars) => translate(DOSSIER_STRINGS, lang, key, vars);
  const [tab, setTab] = useState('overdue');
  const [code, setCode] = useState('');
  const list = tab === 'overdue' ? lists.overdue : lists.dueSoon;
  const openTyped = (e) => {
    e.preventDefault();
    const c = code.trim();
    if (c) onOpen(c);
  };
  return html`<section class="panel dossiers" data-testid="dossier-panel">
    <h2 class="section-title">${td('panel.heading')}</h2>
    <div class="tabs" role="tablist">
      <button type="button" role="tab" aria-selected=${tab === 'overdue'} class="tab tab-overdue"
        data-testid="tab-overdue" onClick=${() => setTab('overdue')}>
        ${td('panel.overdue', { n: count(lists.overdue, lists.more.overdue) })}</button>
      <button type="button" role="tab" aria-selected=${tab === 'dueSoon'} class="tab"
        data-testid="tab-due-soon" onClick=${() => setTab('dueSoon')}>
        ${td('panel.dueSoon', { n: count(lists.dueSoon, lists.more.dueSoon) })}</button>
    </div>
    ${lists.error && html`<${Notice} message=${{ kind: 'refusal', headline: td('panel.loadFailed'), reason: lists.error.text(lang) }} />`}
    ${tab === 'dueSoon' && html`<p class="hint">${td('panel.dueSoonHint')}</p>`}
    <ul class="dossier-list" data-testid="dossier-list-${tab}">
      ${list && list.length === 0 && html`<li class="hint">${td('panel.none')}</li>`}
      ${(list || []).map(
        (d) => html`<${DossierRow} key=${d.code} dossier=${d} names=${names} nowUs=${nowUs} lang=${lang} onOpen=${onOpen}
          overdue=${tab === 'overdue'} />`,
      )}
    </ul>
    <form class="open-by-code" onSubmit=${openTyped}>
      <input class="text-input" data-testid="dossier-code-input" placeholder=${td('panel.openByCode')} value=${code}
        aria-label=${td('panel.openByCode')} maxlength="64" onInput=${(e) => setCode(e.target.value)} />
      <button type="submit" data-testid="dossier-code-open">${td('panel.open')}</button>
    </form>
    ${lists.updatedUs > 0 && html`<p class="hint small">${td('panel.updated', { time: hhmm(lists.updatedUs) })}</p>`}
  </section>`;
}
