// /c/{centre}/counter: the counter console and the rating tablet (src/counter/).
import '../styles/base.css';
import '../styles/counter.css';
import '../styles/print.css';
import { mount } from '../common/ui.js';
import { CounterPage } from '../counter/app.js';
import { adoptTokenFromAddress } from '../common/page_token.js';

// A clerk's own token in the address (#token=...) is taken once, before the
// first render, into this tab's sessionStorage.
adoptTokenFromAddress();
mount(CounterPage);
