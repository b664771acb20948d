import { getRegion } from '../../src/modules/regions/regions.service';
import type { Rng } from './prng';

/**
 * Where the demo's experts live: weighted towards 渝东南 (Qianjiang and its neighbours) and the border
 * counties of 恩施州, 湘西州 and 铜仁, with a few from the provincial capitals. Codes are GB/T 2260.
 */
export const EXPERT_COUNTIES: ReadonlyArray<readonly [string, number]> = [
  ['500114', 60], // 黔江区
  ['500242', 16], // 酉阳
  ['500241', 15], // 秀山
  ['500243', 14], // 彭水
  ['500240', 12], // 石柱
  ['500156', 10], // 武隆
  ['500102', 4], // 涪陵
  ['500101', 3], // 万州
  ['500103', 3], // 渝中
  ['500106', 3], // 沙坪坝
  ['500108', 2], // 南岸
  ['500230', 2], // 丰都
  ['422801', 12], // 恩施市
  ['422802', 8], // 利川
  ['422827', 8], // 来凤
  ['422826', 8], // 咸丰
  ['422825', 5], // 宣恩
  ['422828', 4], // 鹤峰
  ['422822', 3], // 建始
  ['420106', 3], // 武昌区
  ['433101', 10], // 吉首
  ['433130', 8], // 龙山
  ['433125', 5], // 保靖
  ['433124', 5], // 花垣
  ['433123', 4], // 凤凰
  ['433127', 4], // 永顺
  ['430104', 3], // 岳麓区
  ['520602', 8], // 碧江区
  ['520627', 6], // 沿河
  ['520628', 6], // 松桃
  ['520626', 4], // 德江
  ['520625', 4], // 印江
  ['520624', 3], // 思南
  ['520102', 3], // 南明区
];

/** Neighbours an expert may name as places they will travel to, besides their own county. */
export const BORDER_COUNTIES = [
  '500114',
  '500242',
  '500241',
  '500243',
  '500240',
  '422801',
  '422827',
  '422826',
  '433130',
  '520627',
  '520628',
];

/** "酉阳土家族苗族自治县" → "酉阳县", "恩施市" stays: the short form used in unit names. */
export function shortCountyName(code: string): string {
  const region = getRegion(code);
  if (!region) throw new Error(`seed: unknown region ${code}`);
  const { name } = region;
  if (name.endsWith('自治县')) return `${name.slice(0, 2)}县`;
  return name;
}

/** 重庆市 / 湖北省 / 湖南省 / 贵州省 — names the province-level honours. */
export function provinceName(code: string): string {
  return getRegion(code)?.province.name ?? '重庆市';
}

/** The prefecture (恩施州, 湘西州, 铜仁市); Chongqing's counties answer with their own name. */
export function prefectureShortName(code: string): string {
  const region = getRegion(code);
  if (!region || region.province.code === '500000') return shortCountyName(code);
  const name = region.prefecture.name;
  return name.endsWith('自治州') ? `${name.slice(0, 2)}州` : name;
}

export const pickCounty = (rng: Rng) => rng.weighted(EXPERT_COUNTIES);
