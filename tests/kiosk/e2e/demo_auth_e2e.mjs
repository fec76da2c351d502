// The demo as the README runs it, with access control and TLS on: the demo's
// own scripts make the key, the tokens (scripts/demo-auth.sh) and the
// certificates (scripts/make-demo-certs.sh); qms-server verifies tokens and
// serves TLS; qms-gateway reaches it over TLS with the tokens file. Then:
//   - the pages work with their tokens: the kiosk issues, the board's feed
//     streams, the dashboard reads, and in Chromium a clerk who came with
//     their own token (#token=...) opens a counter and calls under their name;
//   - a clerk's counter is theirs: another clerk's token is refused;
//   - a kiosk token cannot call a ticket (qmsctl, exit 9 PERMISSION_DENIED),
//     a token signed with another key is UNAUTHENTICATED, plaintext is refused;
//   - the audit trail names who did it, and neither log holds a token.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  Server, Gateway, SOURCE_DIR, QMSCTL_BIN, tempDir, launchBrowser, screenshot, waitFor, json,
} from './harness.mjs';

const CENTRE = '09187';
const dir = tempDir('qms-demo-auth-');
const data = join(dir, 'data');
const script = (name, ...args) => execFileSync('bash', [join(SOURCE_DIR, 'scripts', name), ...args], { stdio: 'pipe' });
script('make-demo-certs.sh', join(data, 'tls'));
script('demo-auth.sh', QMSCTL_BIN, data, `${CENTRE},07696`);
const tokens = Object.fromEntries(
  readFileSync(join(data, 'auth/tokens.txt'), 'utf8').split('\n').filter((l) => l && !l.startsWith('#'))
    .map((l) => l.split(' ')).map(([, subject, token]) => [subject, token]));
const tls = (name) => join(data, 'tls', name);

const server = await new Server(dir, '127.0.0.1:0', ['--auth-keys', join(data, 'auth/keys.txt'),
  '--tls-cert', tls('server.pem'), '--tls-key', tls('server.key')]).start();
const gateway = await new Gateway(dir, server.address, [CENTRE],
  ['--tokens', join(data, 'auth/gateway.tokens'), '--tls-ca', tls('ca.pem'), '--no-voice']).start();
const browser = await launchBrowser();
after(async () => {
  await browser.close();
  await gateway.stop();
  await server.stop();
});
const url = (path) => `${gateway.url}${path}`;
const bearer = (subject) => ({ Authorization: `Bearer ${tokens[subject]}` });

// qmsctl over TLS, as a person would run it: { code, out, err }.
function qmsctl(token, ...args) {
  const tlsArgs = ['--server', server.address, '--tls-ca', tls('ca.pem')];
  return new Promise((resolve) => {
    execFile(QMSCTL_BIN, [...tlsArgs, ...(token ? ['--token', token] : []), ...args], { timeout: 20000 },
      (error, stdout, stderr) => resolve({ code: error ? error.code : 0, out: stdout, err: stderr }));
  });
}

async function issue() {
  const r = await json(url(`/api/c/${CENTRE}/tickets`), {
    method: 'POST',
    body: JSON.stringify({ field_id: 'ho_tich', request_id: `demo-${Math.random()}`, priority: 'NORMAL', citizen_id: '' }),
  });
  assert.equal(r.status, 200, JSON.stringify(r.body));
  return r.body.issued.ticket.number;
}

test('the pages work with the gateway\'s tokens: kiosk, board feed, dashboard', async () => {
  const number = await issue();
  assert.match(number, /^B\d{3}$/);
  const events = await fetch(url(`/api/c/${CENTRE}/events`));
  assert.equal(events.status, 200);
  const reader = events.body.getReader();
  const { value } = await reader.read();
  assert.match(new TextDecoder().decode(value), /snapshot|event:/);
  await reader.cancel();
  const stats = await json(url(`/api/c/${CENTRE}/stats`));
  assert.equal(stats.status, 200, JSON.stringify(stats.body));
});

test('a clerk with their own token opens a counter in Chromium and it is theirs', async () => {
  const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
  await page.goto(url(`/c/${CENTRE}/counter#token=${tokens[`lan-${CENTRE}`]}`));
  await page.getByTestId('signin').waitFor();
  assert.equal(new URL(page.url()).hash, '', 'the token is taken out of the address');
  assert.equal(await page.getByTestId('signin-clerk').inputValue(), `lan-${CENTRE}`, 'greeted by the token\'s name');
  await screenshot(page, 'counter-signin-with-token');
  await page.getByTestId('signin-counter-5').click();
  await page.getByTestId('signin-open').click();
  await page.getByTestId('act-next').waitFor();
  await waitFor(() => page.getByTestId('act-next').isEnabled(), 'call next enabled');
  await issue();
  await page.getByTestId('act-next').click();
  // The oldest waiting ticket of the field (the first test's) comes first.
  const number = await waitFor(() => page.getByTestId('current-ticket').getAttribute('data-number'),
    'a ticket at counter 5');
  await screenshot(page, 'counter-console-as-lan');
  const ticket = (await json(url(`/api/c/${CENTRE}/tickets/${number}`))).body.ticket;
  assert.equal(ticket.clerk_id, `lan-${CENTRE}`, 'the server records the token\'s clerk, not the typed name');

  // Another clerk's token may not act on lan's counter.
  const refused = await json(url(`/api/c/${CENTRE}/counters/5/call-next`),
    { method: 'POST', body: '{}', headers: bearer(`hoa-${CENTRE}`) });
  assert.equal(refused.status, 403, JSON.stringify(refused.body));
  assert.match(JSON.stringify(refused.body.error), new RegExp(`held by lan-${CENTRE}`));
  await page.close();
});

test('a kiosk token cannot call a ticket; a foreign key and plaintext are refused', async () => {
  const asKiosk = await qmsctl(tokens['kiosk-demo'], 'call-next', '--centre', CENTRE, '--counter', '1', '--clerk', 'x');
  assert.equal(asKiosk.code, 9, asKiosk.err);
  assert.match(asKiosk.err, /PERMISSION_DENIED: role KIOSK may not call CounterService\/CallNext/);

  const other = tempDir('qms-other-key-');
  script('demo-auth.sh', QMSCTL_BIN, other, CENTRE);
  const foreign = readFileSync(join(other, 'auth/tokens.txt'), 'utf8').split('\n').find((l) => l.startsWith('admin '));
  const forged = await qmsctl(foreign.split(' ')[2], 'centres');
  assert.equal(forged.code, 10, forged.err);
  assert.match(forged.err, /UNAUTHENTICATED/);

  const plain = await new Promise((resolve) => execFile(QMSCTL_BIN, ['--server', server.address, '--timeout', '3',
    '--token', tokens.ops, 'centres'], (e, out, err) => resolve({ code: e ? e.code : 0, err })));
  assert.equal(plain.code, 2, plain.err);
  assert.match(plain.err, /UNAVAILABLE/);
});

test('the audit trail names who did it; no log holds a token', async () => {
  const trail = await qmsctl(tokens['giam-sat'], 'audit', '--centre', CENTRE);
  assert.equal(trail.code, 0, trail.err);
  assert.match(trail.out, new RegExp(`lan-${CENTRE} \\(CLERK\\).*CallNext quầy 5`));
  assert.match(trail.out, /kiosk-demo \(KIOSK\).*IssueTicket/);
  assert.match(trail.out, new RegExp(`hoa-${CENTRE} \\(CLERK\\).*PERMISSION_DENIED`));
  const asClerk = await qmsctl(tokens[`lan-${CENTRE}`], 'audit', '--centre', CENTRE);
  assert.equal(asClerk.code, 9, 'a clerk does not read the trail');
  for (const [name, log] of [['server', server.log], ['gateway', gateway.log]]) {
    for (const [subject, token] of Object.entries(tokens)) {
      assert.ok(!log.includes(token.split('.')[2]), `${name} log holds the token of ${subject}`);
    }
  }
});
