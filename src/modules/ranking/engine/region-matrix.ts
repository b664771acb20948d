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

/** The region's prefecture and province as given, else from the code's digits (xxxx00, xx0000). */
const prefectureOf = (r: EngineRegion) => r.prefecture ?? `${r.code.slice(0, 4)}00`;
const provinceOf = (r: EngineRegion) => r.province ?? `${r.code.slice(0, 2)}0000`;

export function classify(a: EngineRegion, b: EngineRegion): number {
  if (a.code === b.code) return SAME_COUNTY;
  if (prefectureOf(a) === prefectureOf(b)) return SAME_PREFECTURE;
  if (provinceOf(a) === provinceOf(b)) return OTHER_PREFECTURE;
  return OTHER_PROVINCE;
}

/**
 * Builds the county × county travel-time matrix in whole minutes: the given road times (row-major, in
 * the order of `regions`) or, without them, haversine × roadFactor ÷ speed.
 */
export function buildRegionMatrix(
  regions: readonly EngineRegion[],
  travel: { roadFactor: number; speedKmh: number },
  roadMinutes?: ArrayLike<number>,
): RegionMatrix {
  const r = regions.length;
  if (r > 65535) throw new RangeError('too many regions');
  const indexOf = new Map<string, number>();
  regions.forEach((region, i) => {
    if (indexOf.has(region.code)) throw new RangeError(`duplicate region ${region.code}`);
    indexOf.set(region.code, i);
  });
  if (roadMinutes !== undefined && roadMinutes.length !== r * r) {
    throw new RangeError(`road minutes: ${roadMinutes.length} cells for ${r} regions`);
  }
  const minutes = new Uint16Array(r * r);
  const distanceClass = new Uint8Array(r * r);
  for (let i = 0; i < r; i++) {
    for (let j = 0; j < r; j++) {
      if (roadMinutes !== undefined) minutes[i * r + j] = Math.min(MAX_MINUTES, roadMinutes[i * r + j]);
      else {
        const km = haversineKm(regions[i], regions[j]);
        minutes[i * r + j] = Math.min(
          MAX_MINUTES,
          Math.round(((km * travel.roadFactor) / travel.speedKmh) * 60),
        );
      }
      distanceClass[i * r + j] = classify(regions[i], regions[j]);
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
