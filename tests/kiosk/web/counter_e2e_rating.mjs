// The citizen's rating after Complete, on the console's overlay and on the
// counter's tablet (/c/{centre}/counter?view=rating&counter=5), then the
// server and the gateway stopped during the run: the pages say the system is
// unavailable and recover by themselves. Run by hand (counter_e2e_env.mjs).
import {
  assert, waitFor, startCentre, launchBrowser, newPage, byTestId, textOf, snap, signIn, waitForCurrent, press,
} from './counter_e2e_env.mjs';

const env = await startCentre();
const ratingOf = async (number) => (await env.api('GET', `/tickets/${number}`)).body.ticket.rating;

const browser = await launchBrowser();
const a = await newPage(browser);
const tablet = await newPage(browser, 1280, 800);
try {
  await signIn(a, env, 'Nguyễn Thị Lan', '5');
  await tablet.goto(env.url('/counter?view=rating&counter=5'));
  await byTestId(tablet, 'rating-idle').waitFor();
  assert.equal(await textOf(tablet, 'rating-tablet-counter'), 'Quầy 5');
  await snap(tablet, 'rating-tablet-idle');

  console.log('complete: the overlay and the tablet both ask');
  const first = await env.issue('ho_tich');
  const second = await env.issue('ho_tich');
  await press(a, 'g');
  await waitForCurrent(a, first, 'CALLED');
  await press(a, 'b');
  await waitForCurrent(a, first, 'SERVING');
  await press(a, 'h');
  await byTestId(a, 'rating-overlay').waitFor();
  assert.equal(await a.getAttribute('[data-testid="rating-panel"]', 'data-number'), first);
  await byTestId(tablet, 'rating-panel').waitFor();
  assert.equal(await tablet.getAttribute('[data-testid="rating-panel"]', 'data-number'), first);
  assert.match(await textOf(a, 'rating-VERY_SATISFIED'), /Rất hài lòng\s*Very satisfied/);
  await snap(a, 'rating-overlay');
  await snap(tablet, 'rating-tablet-asking');

  console.log('a tap on the tablet: thanks there; the RATED event of the feed closes the overlay');
  await byTestId(tablet, 'rating-VERY_SATISFIED').click();
  await waitFor(async () => (await tablet.getAttribute('[data-testid="rating-done"]', 'data-outcome')) === 'thanks', 'thanks');
  await snap(tablet, 'rating-tablet-thanks');
  await byTestId(a, 'rating-overlay').waitFor({ state: 'detached', timeout: 10000 });
  assert.equal(await ratingOf(first), 'VERY_SATISFIED');
  const again = await env.api('POST', `/tickets/${first}/rating`, { counter_id: '5', rating: 'DISSATISFIED' });
  assert.equal(again.status, 409, 'a second, different rating is refused');
  assert.equal(again.body.error.code, 'ALREADY_EXISTS');
  await byTestId(tablet, 'rating-idle').waitFor({ timeout: 15000 });

  console.log('the next one rated on the overlay (with the clerk): the tablet question closes');
  await press(a, 'g');
  await waitForCurrent(a, second, 'CALLED');
  await press(a, 'h');
  await byTestId(a, 'rating-overlay').waitFor();
  await byTestId(tablet, 'rating-panel').waitFor();
  await byTestId(a, 'rating-SATISFIED').click();
  await waitFor(async () => (await a.getAttribute('[data-testid="rating-done"]', 'data-outcome')) === 'thanks', 'thanks on the overlay');
  await snap(a, 'rating-overlay-thanks');
  await byTestId(a, 'rating-overlay').waitFor({ state: 'detached', timeout: 15000 });
  await byTestId(tablet, 'rating-idle').waitFor({ timeout: 10000 });
  assert.equal(await ratingOf(second), 'SATISFIED');

  console.log('the overlay turned off for a counter with a tablet; the tablet question times out after 30 s');
  await byTestId(a, 'rating-overlay-toggle').uncheck();
  const third = await env.issue('ho_tich');
  await press(a, 'g');
  await waitForCurrent(a, third, 'CALLED');
  await press(a, 'h');
  await byTestId(tablet, 'rating-panel').waitFor();
  assert.equal(await byTestId(a, 'rating-overlay').count(), 0);
  await tablet.setViewportSize({ width: 800, height: 1280 });
  await snap(tablet, 'rating-tablet-asking-portrait');
  await tablet.setViewportSize({ width: 1280, height: 800 });
  await byTestId(tablet, 'rating-idle').waitFor({ timeout: 40000 });
  assert.equal(await ratingOf(third), 'RATING_UNSPECIFIED', 'no tap in 30 s: the question closes unanswered');

  console.log('the server stops: both pages say so, actions are off; it comes back: they recover');
  await env.issue('ho_tich');
  await env.server.stop();
  await waitFor(async () => (await a.getAttribute('[data-testid="link-status"]', 'data-problem')) === 'server', 'server away on the console', 20000);
  await waitFor(async () => (await tablet.getAttribute('[data-testid="link-status"]', 'data-problem')) === 'server', 'server away on the tablet', 20000);
  assert.ok(await byTestId(a, 'act-next').isDisabled());
  await snap(a, 'counter-server-unavailable');
  await snap(tablet, 'rating-tablet-server-unavailable');
  await env.server.start();
  await byTestId(a, 'link-status').waitFor({ state: 'detached', timeout: 30000 });
  await byTestId(tablet, 'link-status').waitFor({ state: 'detached', timeout: 30000 });
  await waitFor(async () => !(await byTestId(a, 'act-next').isDisabled()), 'call next again', 10000);
  await press(a, 'g');
  await waitFor(async () => (await byTestId(a, 'current-ticket').getAttribute('data-state')) === 'CALLED', 'called after the restart');

  console.log('the gateway stops and comes back on its address');
  await env.gateway.stop();
  await waitFor(async () => (await a.getAttribute('[data-testid="link-status"]', 'data-problem')) === 'gateway', 'gateway away', 20000);
  await snap(a, 'counter-gateway-unavailable');
  await env.gateway.start();
  await byTestId(a, 'link-status').waitFor({ state: 'detached', timeout: 30000 });
  await press(a, 'h');
  await waitForCurrent(a, '', 'none');
} catch (e) {
  await snap(a, 'FAILED-console');
  await snap(tablet, 'FAILED-tablet');
  console.log(`server log:\n${env.server.log.slice(-1500)}\ngateway log:\n${env.gateway.log.slice(-1500)}`);
  throw e;
}
await browser.close();
await env.gateway.stop();
await env.server.stop();
console.log('counter rating and outage e2e: ok');
