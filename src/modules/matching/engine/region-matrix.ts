import type { EngineRegion } from './engine.types';

/** Distance classes for the cross-region policy. */
export const SAME_COUNTY = 0;
export const SAME_PREFECTURE = 1;
export const OTHER_PREFECTURE = 2;
export const OTHER_PROVINCE = 3;

/** Travel minutes at or above this are stored as this (≈ 45 days: effectively unreachable). */
export const MAX_MINUTES = 65534;

export interface RegionMatrix {
  readonly codes: readonly string[];
  readonly indexOf: ReadonlyMap<string, number>;
  /** Row-major R × R travel minutes (integers), computed once. */
  readonly minutes: Uint16Array;
  /** Row-major R × R distance class (SAME_COUNTY ... OTHER_PROVINCE). */
  readonly distanceClass: Uint8Array;
}

const EARTH_RADIUS_KM = 6371.0088;

export function haversineKm(a: EngineRegion, b: EngineRegion): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLng = (b.lng - a.lng) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

export function classify(codeA: string, codeB: string): number {
  if (codeA === codeB) return SAME_COUNTY;
  if (codeA.slice(0, 4) === codeB.slice(0, 4)) return SAME_PREFECTURE;
  if (codeA.slice(0, 2) === codeB.slice(0, 2)) return OTHER_PREFECTURE;
  return OTHER_PROVINCE;
}

/** Builds the county × county travel-time matrix: haversine × roadFactor ÷ speed, in whole minutes. */
export function buildRegionMatrix(
  regions: readonly EngineRegion[],
  travel: { roadFactor: number; speedKmh: number },
): RegionMatrix {
  const r = regions.length;
  if (r > 65535) throw new RangeError('too many regions');
  const indexOf = new Map<string, number>();
  regions.forEach((region, i) => {
    if (indexOf.has(region.code)) throw new RangeError(`duplicate region ${region.code}`);
    indexOf.set(region.code, i);
  });
  const minutes = new Uint16Array(r * r);
  const distanceClass = new Uint8Array(r * r);
  for (let i = 0; i < r; i++) {
    for (let j = i; j < r; j++) {
      const km = haversineKm(regions[i], regions[j]);
      const m = Math.min(MAX_MINUTES, Math.round(((km * travel.roadFactor) / travel.speedKmh) * 60));
      const c = classify(regions[i].code, regions[j].code);
      minutes[i * r + j] = m;
      minutes[j * r + i] = m;
      distanceClass[i * r + j] = c;
      distanceClass[j * r + i] = c;
    }
  }
  return { codes: regions.map((x) => x.code), indexOf, minutes, distanceClass };
}

export function regionIndex(matrix: RegionMatrix, code: string): number {
  const i = matrix.indexOf.get(code);
  if (i === undefined) throw new RangeError(`unknown region ${code}`);
  return i;
}

export function travelMinutes(matrix: RegionMatrix, fromCode: string, toCode: string): number {
  return matrix.minutes[regionIndex(matrix, fromCode) * matrix.codes.length + regionIndex(matrix, toCode)];
}
