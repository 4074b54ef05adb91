/**
 * The floor of issue 9 (docs/performance.md, 第七轮), step 2: three extensions of a few dozen lines that only clone
 * the elements capture.mjs recorded into every row (the row number set to the row's place), with SEA Kit's
 * stylesheet, reading nothing: `eager` writes all rows in the page's own render task, `lazy` writes the rows within
 * 10 screens in every scroll frame, `batched` writes 10 screens only when a row within one screen is owed (SEA
 * Kit's batches). On the chat page they add the three copy buttons SEA Kit adds. Compare on the same bench run:
 *   node bench/floor/make.mjs <SEA Kit build dir>
 *   npm run bench -- --only=pages --browsers=with,without --extension=bench/.output/floor/batched --before=<SEA Kit build dir>
 */
import fs from 'node:fs';
import path from 'node:path';

const OUT = 'bench/.output/floor';
const kit = path.resolve(process.argv[2] ?? 'bench/.output/chrome-mv3');
const captured = JSON.parse(fs.readFileSync(`${OUT}/templates.json`, 'utf8'));
const css = Object.values(captured)[0].css;
const templates = Object.fromEntries(Object.entries(captured).map(([list, v]) => [list, v.items]));
const chatButton = Object.values(templates).flat().find((i) => i.html.includes('copy-fields')).html;

for (const mode of ['eager', 'lazy', 'batched']) {
  const dir = `${OUT}/${mode}`;
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  // The bench reads the content and writing scripts' sizes from the extension it runs: SEA Kit's, unused here.
  fs.cpSync(path.join(kit, 'content-scripts'), path.join(dir, 'content-scripts'), { recursive: true });
  fs.copyFileSync(path.join(kit, 'sea-writing.js'), path.join(dir, 'sea-writing.js'));
  fs.writeFileSync(`${dir}/background.js`, '');
  fs.writeFileSync(`${dir}/manifest.json`, JSON.stringify({
    manifest_version: 3, name: `SEA Kit floor (${mode})`, version: '1.0.0', background: { service_worker: 'background.js' },
    content_scripts: [{ matches: ['*://127.0.0.1/*'], js: ['floor.js'], run_at: 'document_idle' }],
  }));
  fs.writeFileSync(`${dir}/floor.js`, `(() => {
const MODE = ${JSON.stringify(mode)};
const style = document.createElement('style');
style.textContent = ${JSON.stringify(css)};
(document.head || document.documentElement).append(style);
const make = (html) => { const t = document.createElement('template'); t.innerHTML = html; return document.importNode(t.content.firstElementChild, true); };
const info = document.querySelector('.chat__info');
if (info) { for (const kv of [...info.children].slice(0, 3)) kv.lastElementChild.append(make(${JSON.stringify(chatButton)})); return; }
const items = (${JSON.stringify(templates)})[location.pathname];
if (!items) return;
const made = items.map((i) => ({ ...i, el: make(i.html), number: i.html.includes('row-number') }));
const rows = document.getElementsByClassName({ '/search': 'sea-table__row', '/vue/search': 'el-table__row', '/react/search': 'ant-table-row' }[location.pathname]);
const done = new WeakSet();
function enhance(row, index) {
  if (done.has(row)) return;
  done.add(row);
  for (const i of made) {
    let parent = row.cells[i.cell];
    if (!parent) continue;
    for (const k of i.path) parent = parent.children[k] ?? parent;
    const el = i.el.cloneNode(true);
    if (i.number) el.textContent = String(index + 1);
    parent.insertBefore(el, parent.childNodes[i.at] ?? null);
  }
}
function rowAt(y, edge) {
  let low = 0, high = rows.length - 1;
  while (low < high) { const mid = (low + high) >> 1; if (rows[mid].getBoundingClientRect()[edge] < y) low = mid + 1; else high = mid; }
  return low;
}
function range(screens) {
  return rows.length ? [rowAt(-screens * innerHeight, 'bottom'), Math.min(rows.length - 1, rowAt((screens + 1) * innerHeight, 'top'))] : [0, -1];
}
function near(screens) { const [from, to] = range(screens); for (let i = from; i <= to; i++) enhance(rows[i], i); }
function owed(screens) { const [from, to] = range(screens); for (let i = from; i <= to; i++) if (!done.has(rows[i])) return true; return false; }
const all = () => { for (let i = 0; i < rows.length; i++) enhance(rows[i], i); };
let count = -1;
const arrived = () => { if (rows.length === count) return; count = rows.length; MODE === 'eager' ? all() : near(1); };
new MutationObserver(arrived).observe(document.body, { childList: true, subtree: true });
arrived();
let queued = false;
addEventListener('scroll', () => {
  if (MODE === 'eager' || queued) return;
  queued = true;
  requestAnimationFrame(() => { queued = false; if (MODE === 'lazy' || owed(1)) near(10); });
}, { capture: true, passive: true });
})();
`);
}
console.log(`floor extensions in ${OUT}/{eager,lazy,batched}`);
