// Simple line icons for the fields, drawn for the kiosk (64×64, stroke in
// currentColor so they follow the button's colours). Unknown fields get a
// plain document.
import { html } from '../common/ui.js';

const svg = (body, label) => html`<svg class="field-icon" viewBox="0 0 64 64" width="96" height="96"
  fill="none" stroke="currentColor" stroke-width="3.5" stroke-linecap="round" stroke-linejoin="round"
  role="img" aria-label=${label}>${body}</svg>`;

const DOCUMENT = html`<path d="M16 6h22l12 12v40H16z" /><path d="M38 6v12h12" />
  <path d="M23 28h20M23 36h20M23 44h12" />`;

const ICONS = {
  // Certification: a page with a round seal.
  chung_thuc: html`<path d="M12 6h22l10 10v22" /><path d="M34 6v10h10" /><path d="M12 6v48h18" />
    <path d="M19 24h16M19 31h12" /><circle cx="44" cy="46" r="10" /><path d="M39 46l4 4 6-8" />`,
  // Civil status: two adults and a child.
  ho_tich: html`<circle cx="20" cy="16" r="7" /><circle cx="44" cy="16" r="7" /><circle cx="32" cy="36" r="5" />
    <path d="M8 56v-12c0-7 5-12 12-12 4 0 7 2 9 4" /><path d="M56 56v-12c0-7-5-12-12-12-4 0-7 2-9 4" />
    <path d="M24 58v-6c0-5 4-8 8-8s8 3 8 8v6" />`,
  // Land: a plot with boundary marks and a house.
  dat_dai: html`<path d="M4 50l14-10 18 6 24-12" /><path d="M4 58l14-10 18 6 24-12" />
    <path d="M30 30V18l10-8 10 8v12z" /><path d="M37 30v-7h6v7" /><path d="M14 40v-8M18 32h-8" />`,
  // Household business: a shop with an awning.
  ho_kinh_doanh: html`<path d="M8 24l5-14h38l5 14" /><path d="M8 24c0 4 3 7 8 7s8-3 8-7c0 4 3 7 8 7s8-3 8-7c0 4 3 7 8 7s8-3 8-7" />
    <path d="M12 31v25h40V31" /><path d="M26 56V42h12v14" />`,
};

export const FieldIcon = ({ fieldId, label }) => svg(ICONS[fieldId] || DOCUMENT, label || '');
