// Builds the fonts the impact card (SkiaImpactCardRenderer) is drawn with, reproducibly from npm packages:
//   npm ci && node build-fonts.mjs
// - DejaVu Sans and DejaVu Sans Bold (dejavu-fonts-ttf 2.37.3): copied as they are (Latin, Greek, Cyrillic and more).
// - Noto Sans SC Regular and Bold (@openfonts/noto-sans-sc_all 1.44.1, WOFF2, which Skia cannot load): subset with
//   HarfBuzz (subset-font 2.9.0) and written as OpenType (sfnt), which Skia loads. The full font is 8-17 MB per weight.
//   Kept characters:
//     Bold (names, headings and figures): every character of GB 2312 (6,763 hanzi and rows 1-9: punctuation, full-width
//       forms, kana, Greek, Cyrillic), printable ASCII, and every character of the Chinese resources.
//     Regular (labels): printable ASCII, GB 2312 rows 1-9 and every character of the Chinese resources.
//   A team or donor name with a character no font has is drawn as a neutral line instead (the renderer checks each
//   character with the typeface's glyph lookup), so a subset never shows a missing-glyph box.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import subsetFont from 'subset-font';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const out = path.join(root, 'src/RecyclePlatform.Infrastructure/Images/Fonts');
const modules = path.join(here, 'node_modules');
fs.mkdirSync(out, { recursive: true });

// GB 2312 decoded through GB 18030 (its superset): rows 0xA1-0xA9 are symbols, 0xB0-0xF7 hanzi.
const gb = new TextDecoder('gb18030');
const symbols = new Set();
const hanzi = new Set();
for (let row = 0xa1; row <= 0xf7; row++) {
  if (row > 0xa9 && row < 0xb0) continue;
  for (let cell = 0xa1; cell <= 0xfe; cell++) {
    const ch = gb.decode(new Uint8Array([row, cell]));
    const cp = ch.codePointAt(0);
    if (ch.length !== 1 || ch === '\ufffd' || (cp >= 0xe000 && cp <= 0xf8ff)) continue; // unassigned cells decode to private use
    (row < 0xb0 ? symbols : hanzi).add(ch);
  }
}
const ascii = new Set(Array.from({ length: 0x7f - 0x20 }, (_, i) => String.fromCharCode(0x20 + i)));
const resx = fs.readFileSync(path.join(root, 'src/RecyclePlatform.Web/Resources/SharedResource.zh-CN.resx'), 'utf8');
const resources = new Set([...resx.matchAll(/<value>([\s\S]*?)<\/value>/g)].flatMap(m => [...m[1]]).filter(c => c.codePointAt(0) >= 0x20));
const extra = new Set(['…', '·', '³', '²', '₂', '–', '—', '×']);

const sets = {
  'NotoSansSC-Bold-subset.otf': { source: 'noto-sans-sc-all-700.woff2', chars: new Set([...hanzi, ...symbols, ...ascii, ...resources, ...extra]) },
  'NotoSansSC-Regular-subset.otf': { source: 'noto-sans-sc-all-400.woff2', chars: new Set([...symbols, ...ascii, ...resources, ...extra]) },
};
for (const [name, { source, chars }] of Object.entries(sets)) {
  const woff2 = fs.readFileSync(path.join(modules, '@openfonts/noto-sans-sc_all/files', source));
  const text = [...chars].sort().join('');
  const subset = await subsetFont(woff2, text, { targetFormat: 'sfnt' });
  fs.writeFileSync(path.join(out, name), subset);
  console.log(`${name}: ${chars.size} characters, ${subset.length} bytes`);
}
for (const name of ['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf']) {
  fs.copyFileSync(path.join(modules, 'dejavu-fonts-ttf/ttf', name), path.join(out, name));
  console.log(`${name}: copied`);
}
fs.copyFileSync(path.join(modules, 'dejavu-fonts-ttf/LICENSE'), path.join(out, 'DejaVu-LICENSE.txt'));
