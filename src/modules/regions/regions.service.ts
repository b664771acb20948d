import { type AreaRef, type Prefecture, type Region, regionIndex } from './regions.data';

export type { AreaRef, Prefecture, Region } from './regions.data';

/**
 * Pure lookups over the committed county-level divisions (no I/O after the data file is loaded once).
 * Unknown codes give `undefined`; turning that into a 404 is the caller's business.
 */

const allRegions: readonly Region[] = Object.freeze([...regionIndex.regions.values()]);

export function listRegions(): readonly Region[] {
  return allRegions;
}

export function getRegion(code: string): Region | undefined {
  return regionIndex.regions.get(code);
}

export function isRegionCode(code: unknown): code is string {
  return typeof code === 'string' && regionIndex.regions.has(code);
}

/** Prefecture of a region (Chongqing's 38 share the municipality, 500000 重庆市). */
export function prefectureOf(regionCode: string): Prefecture | undefined {
  const region = regionIndex.regions.get(regionCode);
  return region && regionIndex.prefectures.get(region.prefecture.code);
}

export function provinceOf(regionCode: string): AreaRef | undefined {
  return regionIndex.regions.get(regionCode)?.province;
}

export function listProvinces(): readonly AreaRef[] {
  return [...regionIndex.provinces.values()];
}

export function listPrefectures(provinceCode?: string): readonly Prefecture[] {
  const all = [...regionIndex.prefectures.values()];
  return provinceCode === undefined ? all : all.filter((p) => p.province.code === provinceCode);
}

export interface SearchRegionsOptions {
  /** Province code (6 digits, e.g. "520000") to search within. */
  province?: string;
  /** Maximum number of results, 20 by default. */
  limit?: number;
}

/** Latin text compared without case, spaces, apostrophes or hyphens: "Weng'an" ~ "wengan". */
const latin = (s: string) => s.toLowerCase().replace(/[\s'’-]/g, '');

const latinKeys = new Map(allRegions.map((r) => [r.code, [latin(r.pinyin), latin(r.nameEn)]]));

/** Lower is better; undefined means no match. */
function rank(region: Region, q: string): number | undefined {
  if (/^\d+$/.test(q)) {
    if (region.code === q) return 0;
    return region.code.startsWith(q) ? 1 : undefined;
  }
  if (region.name === q) return 2;
  if (region.name.startsWith(q)) return 3;
  if (region.name.includes(q)) return 4;
  const lq = latin(q);
  if (lq.length > 0) {
    const keys = latinKeys.get(region.code) ?? [];
    if (keys.some((k) => k.startsWith(lq))) return 5;
    if (keys.some((k) => k.includes(lq))) return 6;
  }
  const p = region.prefecture;
  if (p.name.includes(q) || (lq.length > 0 && latin(p.nameEn).includes(lq))) return 7;
  return undefined;
}

/**
 * Finds regions by code prefix ("5001", "422801"), Chinese name ("黔江", "恩施市"), pinyin or English name
 * ("qianjiang", "Enshi City"), or prefecture name ("湘西", "Xiangxi"), best matches first, then by code.
 * An empty query lists the regions (of the province, if given) in code order.
 */
export function searchRegions(q: string, options: SearchRegionsOptions = {}): Region[] {
  const limit = options.limit ?? 20;
  if (limit <= 0) return [];
  const query = q.trim();
  const scoped = options.province
    ? allRegions.filter((r) => r.province.code === options.province)
    : allRegions;
  if (query === '') return scoped.slice(0, limit);
  return scoped
    .map((region) => ({ region, rank: rank(region, query) }))
    .filter((m): m is { region: Region; rank: number } => m.rank !== undefined)
    .sort((a, b) => a.rank - b.rank || a.region.code.localeCompare(b.region.code))
    .slice(0, limit)
    .map((m) => m.region);
}
