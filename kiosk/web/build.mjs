// Bundles the pages with esbuild: src/pages/<page>.js -> <out>/assets/<page>.js
// (+ .css when the page imports CSS), and writes <out>/<page>.html. Run by
// the CMake build (kiosk/web/CMakeLists.txt); nothing is fetched here: the
// packages come from `npm ci` in scripts/setup.sh.
import { mkdirSync, writeFileSync, existsSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const outIndex = process.argv.indexOf('--out');
const out = outIndex > 0 ? process.argv[outIndex + 1] : join(here, 'dist');

if (!existsSync(join(here, 'node_modules', 'esbuild'))) {
  console.error('kiosk/web: node_modules is missing; run scripts/setup.sh (it runs `npm ci` in kiosk/web)');
  process.exit(1);
}
const esbuild = await import('esbuild');

// Each page: its title and the class of its <body> (layout and theme).
export const PAGES = {
  index: { title: 'Trung tâm phục vụ hành chính công', body: 'page-index' },
  kiosk: { title: 'Lấy số thứ tự', body: 'page-kiosk' },
  board: { title: 'Bảng gọi số', body: 'page-board' },
  counter: { title: 'Quầy giao dịch', body: 'page-counter' },
  dashboard: { title: 'Giám sát trung tâm', body: 'page-dashboard' },
  ticket: { title: 'Số thứ tự của bạn', body: 'page-ticket' },
};

function html(page, { title, body }, hasCss) {
  return `<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light">
<title>${title}</title>
${hasCss ? `<link rel="stylesheet" href="/assets/${page}.css">` : ''}
</head>
<body class="${body}">
<div id="app"></div>
<noscript>Trang này cần JavaScript. / This page needs JavaScript.</noscript>
<script src="/assets/${page}.js"></script>
</body>
</html>
`;
}

rmSync(out, { recursive: true, force: true });
mkdirSync(join(out, 'assets'), { recursive: true });
const result = await esbuild.build({
  entryPoints: Object.keys(PAGES).map((p) => join(here, 'src', 'pages', `${p}.js`)),
  outdir: join(out, 'assets'),
  bundle: true,
  format: 'iife',
  target: ['chrome100'],
  minify: true,
  sourcemap: false,
  metafile: true,
  legalComments: 'none',
  loader: { '.svg': 'text' },
  logLevel: 'warning',
});
for (const [page, info] of Object.entries(PAGES)) {
  const hasCss = Object.keys(result.metafile.outputs).some((f) => f.endsWith(`assets/${page}.css`));
  writeFileSync(join(out, `${page}.html`), html(page, info, hasCss));
}
console.log(`kiosk/web: ${Object.keys(PAGES).length} pages built into ${out}`);
