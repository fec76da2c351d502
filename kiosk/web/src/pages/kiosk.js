// Placeholder: the kiosk page is being written (see docs/gateway.md).
import '../styles/base.css';
import { html, mount } from '../common/ui.js';

mount(() => html`<main><h1>kiosk</h1></main>`);
