import type { EngagementMode, Localized } from './engine.types';

/** The words explanations use for levels, series, modes, distances and durations (zh-CN and en). */

export const T = (zh: string, en: string): Localized => ({ 'zh-CN': zh, en });

const TITLE_NAMES = ['', '初级职称', '中级职称', '副高级职称', '正高级职称'];
const TITLE_NAMES_EN = [
  '',
  'junior title',
  'intermediate title',
  'associate senior title',
  'full senior title',
];
const SKILL_NAMES = ['', '初级工', '中级工', '高级工', '技师', '高级技师'];
const SKILL_NAMES_EN = [
  '',
  'junior worker',
  'intermediate worker',
  'senior worker',
  'technician',
  'senior technician',
];
const SERIES: Record<string, Localized> = {
  health: T('卫生系列', 'health series'),
  engineering: T('工程系列', 'engineering series'),
  agriculture: T('农业系列', 'agriculture series'),
  education: T('教育系列', 'education series'),
  economics: T('经济系列', 'economics series'),
  accounting: T('会计系列', 'accounting series'),
  research: T('自然科学研究系列', 'research series'),
  law: T('法律系列', 'law series'),
  culture: T('文化艺术系列', 'culture and arts series'),
  journalism: T('新闻系列', 'journalism series'),
  social_work: T('社会工作系列', 'social work series'),
  other: T('其他系列', 'another series'),
};

export const MODE_WORDS: Record<EngagementMode, Localized> = {
  onsite: T('长期驻点', 'on-site long term'),
  periodic: T('定期服务', 'periodic visits'),
  remote: T('远程咨询', 'remote consulting'),
};

/** The four cross-region classes in the office's words. */
export const CLASS_WORDS: readonly Localized[] = [
  T('同区县', 'same county'),
  T('同市州', 'same prefecture'),
  T('跨市州', 'another prefecture'),
  T('跨省', 'another province'),
];

export function seriesWords(series: string | undefined): Localized | undefined {
  if (series === undefined) return undefined;
  return SERIES[series] ?? T(series, series);
}

/** A title level (1–4, optionally of a series) in words: "正高级职称（卫生系列）". */
export function titleWords(level: number, series?: string): Localized {
  const s = seriesWords(series);
  return T(
    `${TITLE_NAMES[level] ?? ''}${s ? `（${s['zh-CN']}）` : ''}`,
    `${TITLE_NAMES_EN[level] ?? ''}${s ? ` (${s.en})` : ''}`,
  );
}

export function skillWords(level: number): Localized {
  return T(SKILL_NAMES[level] ?? '', SKILL_NAMES_EN[level] ?? '');
}

/** The expert's title and skill level in words, e.g. "正高级职称、高级技师". */
export function levelWords(title: number, skill: number, series?: string): Localized {
  const parts = [
    title > 0 ? titleWords(title, series) : undefined,
    skill > 0 ? skillWords(skill) : undefined,
  ];
  const given = parts.filter((p): p is Localized => p !== undefined);
  if (given.length === 0) return T('无职称或技能等级', 'No title or skill level');
  const en = given.map((p) => p.en).join(', ');
  return T(given.map((p) => p['zh-CN']).join('、'), en.charAt(0).toUpperCase() + en.slice(1));
}

/** Minutes as hours and minutes, as the regions API writes them: "2小时35分钟" / "2 h 35 min". */
export function durationWords(minutes: number): Localized {
  const m = Math.max(0, Math.round(minutes));
  const h = Math.floor(m / 60);
  const r = m % 60;
  if (h === 0) return T(`${r}分钟`, `${r} min`);
  if (r === 0) return T(`${h}小时`, `${h} h`);
  return T(`${h}小时${r}分钟`, `${h} h ${r} min`);
}

/** Joins localized parts with the list separators of each language. */
export function joinWords(parts: readonly Localized[], zhSep = '、', enSep = ', '): Localized {
  return T(parts.map((p) => p['zh-CN']).join(zhSep), parts.map((p) => p.en).join(enSep));
}
