// The touch kiosk, /c/{centre}/kiosk (kiosk/kiosk_app.js).
import '../styles/base.css';
import '../styles/kiosk.css';
import { mount } from '../common/ui.js';
import { KioskApp } from '../kiosk/kiosk_app.js';
import { lockDown } from '../kiosk/lockdown.js';

lockDown(document);
mount(KioskApp);
