// Vietnamese first, English on request. A page passes its dictionary
// { key: [vi, en] }; t(key, vars) picks the language and fills {name}
// placeholders. The choice is kept per page in localStorage, except on the
// kiosk, which goes back to Vietnamese for each citizen.
import { useState, useCallback, html } from './ui.js';

export function translate(dict, lang, key, vars = {}) {
  const entry = dict[key];
  let text = entry ? entry[lang === 'en' ? 1 : 0] : key;
  for (const [name, value] of Object.entries(vars)) text = text.split(`{${name}}`).join(String(value));
  return text;
}

export function useLang(storageKey) {
  const initial = (storageKey && localStorage.getItem(storageKey)) || 'vi';
  const [lang, setLangState] = useState(initial);
  const setLang = useCallback(
    (next) => {
      if (storageKey) localStorage.setItem(storageKey, next);
      document.documentElement.lang = next;
      setLangState(next);
    },
    [storageKey],
  );
  return [lang, setLang];
}

// The toggle names each language in itself.
export function LangToggle({ lang, setLang, className = '' }) {
  const other = lang === 'vi' ? 'en' : 'vi';
  return html`<button class="lang-toggle ${className}" type="button" lang=${other}
    onClick=${() => setLang(other)}>${other === 'en' ? 'English' : 'Tiếng Việt'}</button>`;
}

// A field's name in the page's language.
export const fieldName = (field, lang) => (field ? (lang === 'en' ? field.name_en || field.name_vi : field.name_vi) : '');
