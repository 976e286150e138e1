// Prints the built UI's gzipped size and fails the build when the JavaScript passes its budget (150 KB gzipped).
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

const BUDGET = 150 * 1024;
const dist = path.join(import.meta.dirname, 'dist');
const assets = path.join(dist, 'assets');
const sizes = { js: { raw: 0, gzip: 0 }, css: { raw: 0, gzip: 0 } };
for (const file of readdirSync(assets)) {
  const kind = file.endsWith('.js') ? 'js' : file.endsWith('.css') ? 'css' : null;
  if (!kind) continue;
  const data = readFileSync(path.join(assets, file));
  sizes[kind].raw += data.length;
  sizes[kind].gzip += gzipSync(data, { level: 9 }).length;
}
writeFileSync(path.join(dist, 'size.json'), JSON.stringify({ ...sizes, budgetGzip: BUDGET }, null, 2));
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
process.stderr.write(
  `review-ui: JS ${kb(sizes.js.raw)} (${kb(sizes.js.gzip)} gzipped, budget ${kb(BUDGET)}), CSS ${kb(sizes.css.raw)} (${kb(sizes.css.gzip)} gzipped)\n`,
);
if (sizes.js.gzip > BUDGET) {
  process.stderr.write('review-ui: JavaScript over budget\n');
  process.exit(1);
}
