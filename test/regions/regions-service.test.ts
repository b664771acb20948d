import { RegionCode, SearchRegionsQuery } from '../../src/modules/regions/regions.schemas';
import {
  getRegion,
  isRegionCode,
  listPrefectures,
  listProvinces,
  prefectureOf,
  provinceOf,
  searchRegions,
} from '../../src/modules/regions/regions.service';

const codes = (list: readonly { code: string }[]) => list.map((r) => r.code);

describe('regions service lookups', () => {
  it('when getting 黔江区 by code, then names, prefecture, province and centre are filled in', () => {
    expect(getRegion('500114')).toEqual({
      code: '500114',
      name: '黔江区',
      pinyin: 'Qianjiang',
      nameEn: 'Qianjiang District',
      prefecture: { code: '500000', name: '重庆市', nameEn: 'Chongqing' },
      province: { code: '500000', name: '重庆市', nameEn: 'Chongqing' },
      lat: expect.any(Number),
      lng: expect.any(Number),
      centreSource: 'echarts-cp',
    });
  });

  it('when getting an unknown or non-county code, then it is undefined', () => {
    expect(getRegion('500100')).toBeUndefined();
    expect(getRegion('421071')).toBeUndefined();
    expect(isRegionCode('421071')).toBe(false);
    expect(isRegionCode(500114)).toBe(false);
    expect(isRegionCode('433101')).toBe(true);
  });

  it('when asking for prefecture and province, then the GB/T 2260 parents are returned', () => {
    expect(prefectureOf('433101')).toMatchObject({ code: '433100', name: '湘西土家族苗族自治州' });
    expect(prefectureOf('433101')?.province.code).toBe('430000');
    expect(prefectureOf('429021')).toMatchObject({ code: '429000', name: '省直辖县级行政区划' });
    expect(provinceOf('520602')).toEqual({ code: '520000', name: '贵州省', nameEn: 'Guizhou' });
    expect(provinceOf('510116')?.name).toBe('四川省');
    expect(prefectureOf('999999')).toBeUndefined();
    expect(provinceOf('999999')).toBeUndefined();
  });

  it('when listing provinces and prefectures, then the five provinces and their prefectures appear', () => {
    expect(codes(listProvinces()).sort()).toEqual(['420000', '430000', '500000', '510000', '520000']);
    expect(listPrefectures('520000')).toHaveLength(9);
    expect(listPrefectures()).toHaveLength(39);
  });

  it('when a returned region is mutated, then the shared data is unchanged', () => {
    const region = getRegion('422801') as { lat: number };
    expect(() => {
      region.lat = 0;
    }).toThrow(TypeError);
    expect(getRegion('422801')?.lat).not.toBe(0);
  });
});

describe('searchRegions', () => {
  it('when searching by Chinese name, then the exact match comes first', () => {
    expect(codes(searchRegions('黔江区'))).toEqual(['500114']);
    expect(codes(searchRegions('恩施'))[0]).toBe('422801');
  });

  it('when searching by pinyin or English name in any case, then both Qianjiangs are found', () => {
    expect(codes(searchRegions('qianjiang'))).toEqual(['429005', '500114']);
    expect(codes(searchRegions('QIANJIANG DISTRICT'))).toEqual(['500114']);
    expect(codes(searchRegions('Enshi City'))).toEqual(['422801']);
  });

  it('when searching pinyin with or without apostrophe, then polyphonic place names are read right', () => {
    expect(codes(searchRegions("weng'an"))).toEqual(['522725']);
    expect(codes(searchRegions('wengan'))).toEqual(['522725']);
    expect(codes(searchRegions('duyun'))).toEqual(['522701']);
    expect(codes(searchRegions('huangpi'))).toEqual(['420116', '522622']); // 黄陂区, then 黄平县 (Huangping)
    expect(searchRegions('huangbei')).toEqual([]);
  });

  it('when searching by code or code prefix, then matching codes are returned in order', () => {
    expect(codes(searchRegions('422801'))).toEqual(['422801']);
    expect(codes(searchRegions('4228'))).toEqual([
      '422801',
      '422802',
      '422822',
      '422823',
      '422825',
      '422826',
      '422827',
      '422828',
    ]);
  });

  it('when searching by prefecture name, then the counties of that prefecture are found', () => {
    expect(searchRegions('湘西').map((r) => r.prefecture.code)).toEqual(Array(8).fill('433100'));
  });

  it('when restricted to a province, then only its regions are returned', () => {
    expect(codes(searchRegions('qianjiang', { province: '500000' }))).toEqual(['500114']);
    expect(searchRegions('', { province: '510000', limit: 100 })).toHaveLength(20);
  });

  it('when a limit is given, then no more results are returned', () => {
    expect(searchRegions('5001', { limit: 5 })).toHaveLength(5);
    expect(searchRegions('重庆')).toHaveLength(20);
    expect(searchRegions('黔江', { limit: 0 })).toEqual([]);
  });

  it('when nothing matches, then the result is empty', () => {
    expect(searchRegions('北京')).toEqual([]);
    expect(searchRegions('110101')).toEqual([]);
    expect(searchRegions("'")).toEqual([]);
  });
});

describe('region schemas', () => {
  it('when parsing a known code, then it passes; unknown or malformed codes fail', () => {
    expect(RegionCode.parse('500114')).toBe('500114');
    expect(RegionCode.safeParse('500100').success).toBe(false);
    expect(RegionCode.safeParse('50011').success).toBe(false);
    expect(RegionCode.safeParse(500114).success).toBe(false);
  });

  it('when parsing a search query string, then defaults apply and bad values are rejected', () => {
    expect(SearchRegionsQuery.parse({ q: ' 黔江 ' })).toEqual({ q: '黔江', limit: 20 });
    expect(SearchRegionsQuery.parse({ province: '520000', limit: '5' })).toEqual({
      q: '',
      province: '520000',
      limit: 5,
    });
    expect(SearchRegionsQuery.safeParse({ province: '110000' }).success).toBe(false);
    expect(SearchRegionsQuery.safeParse({ limit: '1000' }).success).toBe(false);
    expect(SearchRegionsQuery.safeParse({ q: 'x', extra: '1' }).success).toBe(false);
  });
});
