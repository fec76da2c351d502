// /c/{centre}/dashboard: the supervisor dashboard (src/dashboard/).
import '../styles/base.css';
import '../styles/dashboard.css';
import { mount } from '../common/ui.js';
import { Dashboard } from '../dashboard/app.js';

mount(Dashboard);
