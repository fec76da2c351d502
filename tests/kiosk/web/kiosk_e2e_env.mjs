// What the browser checks of the public pages (kiosk_e2e.mjs, board_e2e.mjs,
// ticket_e2e.mjs) share: the pages built into a temp folder, a centre file
// made for the checks, the real qms-server and qms-gateway through the
// harness, and qmsctl. Not a test by itself (node --test does not pick it).
//
//   QMS_SERVER_BIN=/work/wt/bin/qms-server QMS_GATEWAY_BIN=/work/wt/bin/qms-gateway \
//   QMS_QMSCTL_BIN=/work/wt/bin/qmsctl QMS_E2E_SHOTS=/tmp/shots node --test tests/kiosk/web/kiosk_e2e.mjs
import { execFile, execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Gateway, Server, SOURCE_DIR, tempDir, waitFor } from '../e2e/harness.mjs';

export { Gateway, launchBrowser, screenshot, waitFor, json } from '../e2e/harness.mjs';

const run = promisify(execFile);
export const QMSCTL_BIN = process.env.QMS_QMSCTL_BIN || join(SOURCE_DIR, 'build/services/qmsctl/qmsctl');

// 1 Monday .. 7 Sunday in Hà Nội now.
const vnWeekdayNow = () => ((new Date(Date.now() + 7 * 3600e3).getUTCDay() + 6) % 7) + 1;

// The demo centres' fields and counters, and two centres for the checks:
// 09187 takes tickets at any hour (and Đất đai has a cap of 2 a day), 07696
// keeps its opening hours on one day that is not today, so it is closed.
export function writeConfig(dir) {
  const demo = readFileSync(join(SOURCE_DIR, 'config/demo.yaml'), 'utf8');
  const template = demo.slice(demo.indexOf('templates:'), demo.indexOf('centres:'))
    .replace('{id: dat_dai,       prefix: C, name_vi: "Đất đai",       name_en: "Land",               service_minutes: 15}',
      '{id: dat_dai,       prefix: C, name_vi: "Đất đai",       name_en: "Land",               service_minutes: 15, daily_cap: 2}');
  if (!template.includes('daily_cap: 2')) throw new Error('config/demo.yaml changed: the Đất đai line was not found');
  const openDay = vnWeekdayNow() === 7 ? 'saturday' : 'sunday';
  const text = `# Written by tests/kiosk/web/kiosk_e2e_env.mjs
policy:
  number_start: 1
  priority_ratio: 3
  max_wait_minutes: 60
  auto_no_show_minutes: 0
  citizen_daily_cap: 2
  citizen_field_cap: 1
  stop_when_wait_past_closing: false
  accept_outside_hours: true
  default_service_minutes: 8

hours:
  weekdays: ["07:30-11:30", "13:30-17:00"]
  saturday: []
  sunday: []

${template}
centres:
  - id: "09187"
    name_vi: "Phường Kinh Bắc"
    name_en: "Kinh Bac Ward"
    province: "Bắc Ninh"
    agency_code: "000.17.22.H56"
    template: phuong_chuan
  - id: "07696"
    name_vi: "Xã Tây Yên Tử"
    name_en: "Tay Yen Tu Commune"
    province: "Bắc Ninh"
    agency_code: "000.30.22.H56"
    template: phuong_chuan
    policy: {accept_outside_hours: false}
    hours:
      weekdays: []
      ${openDay}: ["07:30-11:30"]
`;
  const path = join(dir, 'centres.yaml');
  writeFileSync(path, text);
  return path;
}

// The pages, built once per process into a temp folder.
let built = '';
export function buildPages() {
  if (built) return built;
  built = join(tempDir('qms-web-dist-'), 'dist');
  execFileSync(process.execPath, [join(SOURCE_DIR, 'kiosk/web/build.mjs'), '--out', built], { stdio: 'inherit' });
  return built;
}

// A server on the checks' centres and a gateway serving the built pages.
export async function startCentre(extraGatewayArgs = []) {
  const dir = tempDir('qms-pages-');
  const config = writeConfig(dir);
  const server = new Server(dir);
  server.args[server.args.indexOf('--config') + 1] = config;
  await server.start();
  const gateway = new Gateway(dir, server.address, ['09187', '07696'], ['--web-dir', buildPages(), ...extraGatewayArgs]);
  await gateway.start();
  const qmsctl = async (...args) => (await run(QMSCTL_BIN, ['--server', server.address, ...args])).stdout;
  const stopAll = async () => {
    await gateway.stop();
    await server.stop();
  };
  return { dir, server, gateway, qmsctl, stopAll };
}

// The gateway's view of its link to the server.
export async function gatewayLive(gateway, live) {
  let last = null;
  try {
    await waitFor(async () => {
      const r = await fetch(`${gateway.url}/healthz`);
      last = await r.json();
      return last.server_reachable === live;
    }, `the gateway to see the server ${live ? 'up' : 'down'}`, 30000);
  } catch (e) {
    e.message += `\nlast /healthz: ${JSON.stringify(last)}\ngateway log:\n${gateway.log}`;
    throw e;
  }
}

export const testid = (id) => `[data-testid="${id}"]`;
