// The state of the page's link, shown on every page: the gateway (the
// event stream is open) and, through it, the server (the gateway's `link`
// events). Nothing is shown while both are up.
import { html } from './ui.js';

export function linkProblem(gatewayUp, link) {
  if (!gatewayUp) return 'gateway';
  if (link && !link.live) return 'server';
  return '';
}

export function LinkStatus({ gatewayUp, link, lang }) {
  const problem = linkProblem(gatewayUp, link);
  if (!problem) return null;
  const text =
    problem === 'gateway'
      ? lang === 'en'
        ? 'Lost connection to the centre gateway. Reconnecting…'
        : 'Mất kết nối với máy chủ trung tâm. Đang kết nối lại…'
      : lang === 'en'
        ? 'The system is not available. Actions cannot be done now. Reconnecting…'
        : 'Hệ thống tạm thời không sẵn sàng, chưa thao tác được. Đang kết nối lại…';
  return html`<div class="link-status" role="status" data-testid="link-status" data-problem=${problem}>${text}</div>`;
}
