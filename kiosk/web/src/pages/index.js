// `/`: the centres this gateway serves, with a link to each of their pages.
import '../styles/base.css';
import { apiGet } from '../common/api.js';
import { html, mount, useEffect, useState } from '../common/ui.js';

const PAGES = [
  ['kiosk', 'Ki-ốt lấy số', 'Kiosk'],
  ['board', 'Bảng gọi số', 'Display board'],
  ['counter', 'Quầy giao dịch', 'Counter console'],
  ['dashboard', 'Giám sát', 'Supervisor dashboard'],
];

function Index() {
  const [list, setList] = useState(null);
  const [error, setError] = useState('');
  useEffect(() => {
    apiGet('/api/centres').then(setList, (e) => setError(e.text('vi')));
  }, []);
  return html`<main>
    <h1>Trung tâm phục vụ hành chính công</h1>
    <p lang="en">Public service centres served by this gateway</p>
    ${error && html`<p class="error-text">${error}</p>`}
    ${list &&
    list.centres.map(
      (c) => html`<section class="centre" data-testid="centre-${c.centre_id}">
        <h2>${c.name_vi} <small>(${c.centre_id})</small></h2>
        <div>${c.province}</div>
        ${PAGES.map(([page, vi, en]) => html`<a href="/c/${c.centre_id}/${page}" title=${en}>${vi}</a>`)}
      </section>`,
    )}
    ${list &&
    list.missing.length > 0 &&
    html`<p class="error-text">Máy chủ chưa biết các trung tâm / not known to the server: ${list.missing.join(', ')}</p>`}
  </main>`;
}

mount(Index);
