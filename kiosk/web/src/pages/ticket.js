// One ticket's status on a phone, /c/{centre}/t/{number} (ticket/ticket_app.js).
import '../styles/base.css';
import '../styles/ticket.css';
import { mount } from '../common/ui.js';
import { TicketApp } from '../ticket/ticket_app.js';

mount(TicketApp);
