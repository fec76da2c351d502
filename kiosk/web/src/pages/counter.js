// /c/{centre}/counter: the counter console and the rating tablet (src/counter/).
import '../styles/base.css';
import '../styles/counter.css';
import '../styles/print.css';
import { mount } from '../common/ui.js';
import { CounterPage } from '../counter/app.js';

mount(CounterPage);
