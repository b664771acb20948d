/**
 * Romanised names of county-level divisions, in the form English-language official sources use:
 * "Qianjiang District", "Enshi City", "Zhong County", "Shizhu Tujia Autonomous County".
 */

/** Turns Chinese text into toneless pinyin syllables, one per character. */
export type ToPinyin = (text: string) => string[];

/**
 * Place-name readings that a general-purpose pinyin dictionary gets wrong (it picks the common reading):
 * 都 in 都匀/三都/曾都/郫都/丰都 is dū, 陂 in 黄陂 is pí, 曾 in 曾都 is zēng.
 */
const PLACE_READINGS: Readonly<Record<string, string>> = { 都: 'du', 陂: 'pi', 曾: 'zeng' };

const ETHNIC_GROUPS: ReadonlyArray<readonly [string, string]> = [
  ['土家族', 'Tujia'],
  ['苗族', 'Miao'],
  ['侗族', 'Dong'],
  ['仡佬族', 'Gelao'],
  ['布依族', 'Bouyei'],
  ['彝族', 'Yi'],
  ['回族', 'Hui'],
  ['瑶族', 'Yao'],
  ['水族', 'Shui'],
  ['羌族', 'Qiang'],
  ['藏族', 'Tibetan'],
];

const GENERIC_TERMS: ReadonlyArray<readonly [string, string]> = [
  ['自治县', 'Autonomous County'],
  ['自治州', 'Autonomous Prefecture'],
  ['特区', 'Special District'],
  ['林区', 'Forestry District'],
  ['区', 'District'],
  ['县', 'County'],
  ['市', 'City'],
];

/** Joins syllables the way GB/T 16159 writes place names: "Qianjiang", "Weng'an", "Xi'an". */
export function joinSyllables(syllables: readonly string[]): string {
  const word = syllables
    .map((s, i) => (i > 0 && /^[aoe]/.test(s) ? `'${s}` : s))
    .join('')
    .toLowerCase();
  return word.charAt(0).toUpperCase() + word.slice(1);
}

function romanise(text: string, toPinyin: ToPinyin): string {
  const syllables = toPinyin(text).map((s, i) => PLACE_READINGS[text.charAt(i)] ?? s);
  return joinSyllables(syllables);
}

function listInEnglish(items: readonly string[]): string {
  if (items.length <= 2) return items.join(' and ');
  return `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

export interface PlaceName {
  /** Pinyin of the specific name without the generic term: "Qianjiang"; "Zhongxian" for 忠县. */
  pinyin: string;
  /** "Qianjiang District", "Zhong County", "Xiushan Tujia and Miao Autonomous County". */
  nameEn: string;
}

/** Splits a GB/T 2260 name into specific part, ethnic groups and generic term, and romanises it. */
export function placeName(name: string, toPinyin: ToPinyin): PlaceName {
  const generic = GENERIC_TERMS.find(([zh]) => name.endsWith(zh) && name.length > zh.length);
  if (!generic) throw new Error(`no generic term in ${name}`);
  let rest = name.slice(0, -generic[0].length);
  const groups: string[] = [];
  for (let found = true; found && generic[0].startsWith('自治'); ) {
    const group = ETHNIC_GROUPS.find(([zh]) => rest.endsWith(zh));
    found = group !== undefined;
    if (group) {
      groups.unshift(group[1]);
      rest = rest.slice(0, -group[0].length);
    }
  }
  if (rest.length === 1) {
    // one-character names keep the generic syllable in pinyin (忠县 Zhongxian) but read "Zhong County"
    return { pinyin: romanise(name, toPinyin), nameEn: `${romanise(rest, toPinyin)} ${generic[1]}` };
  }
  const pinyin = romanise(rest, toPinyin);
  return { pinyin, nameEn: [pinyin, listInEnglish(groups), generic[1]].filter(Boolean).join(' ') };
}
