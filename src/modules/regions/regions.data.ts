import { z } from 'zod';
import file from './data/regions.json';

/**
 * The committed data set, validated once at load (a corrupt edit fails at start-up, not in a request) and
 * indexed. Built by scripts/build-regions.ts; see data/README.md.
 */

const Code = z.string().regex(/^\d{6}$/);
const Named = { code: Code, name: z.string().min(1), nameEn: z.string().min(1) };

const RegionsFile = z.object({
  source: z.record(z.string(), z.string()),
  provinces: z.array(z.object(Named).strict()),
  prefectures: z.array(z.object({ ...Named, province: Code }).strict()),
  regions: z.array(
    z
      .object({
        ...Named,
        pinyin: z.string().min(1),
        prefecture: Code,
        province: Code,
        lat: z.number().min(-90).max(90),
        lng: z.number().min(-180).max(180),
        centreSource: z.enum(['echarts-cp', 'polygon-centroid']),
      })
      .strict(),
  ),
});

export interface AreaRef {
  readonly code: string;
  readonly name: string;
  readonly nameEn: string;
}

export interface Prefecture extends AreaRef {
  readonly province: AreaRef;
}

export interface Region extends AreaRef {
  /** Pinyin of the specific name without tones: "Qianjiang". */
  readonly pinyin: string;
  readonly prefecture: AreaRef;
  readonly province: AreaRef;
  readonly lat: number;
  readonly lng: number;
  /** Where the centre point comes from: the source's point (mostly the county seat) or the shape's centroid. */
  readonly centreSource: 'echarts-cp' | 'polygon-centroid';
}

function index() {
  const data = RegionsFile.parse(file);
  const provinces = new Map(data.provinces.map((p) => [p.code, Object.freeze({ ...p })]));
  const prefectures = new Map<string, Prefecture>();
  for (const p of data.prefectures) {
    const province = provinces.get(p.province);
    if (!province) throw new Error(`regions.json: prefecture ${p.code} has unknown province ${p.province}`);
    prefectures.set(p.code, Object.freeze({ code: p.code, name: p.name, nameEn: p.nameEn, province }));
  }
  const regions = new Map<string, Region>();
  for (const r of data.regions) {
    const prefecture = prefectures.get(r.prefecture);
    const province = provinces.get(r.province);
    if (!prefecture || !province || prefecture.province !== province || regions.has(r.code)) {
      throw new Error(`regions.json: region ${r.code} is duplicated or refers to an unknown area`);
    }
    const { code, name, nameEn } = prefecture;
    regions.set(r.code, Object.freeze({ ...r, prefecture: Object.freeze({ code, name, nameEn }), province }));
  }
  return { provinces, prefectures, regions };
}

/** Loaded once per process. */
export const regionIndex = index();
