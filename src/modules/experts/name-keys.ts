import { pinyin } from 'pinyin-pro';

/**
 * The keys a name is found by, stored on the expert when the name is written, so that a search is an
 * indexed prefix match on one multikey index instead of a scan:
 * - the name itself from each character on (向德明, 德明, 明): a prefix search of these is a
 *   "contains" search of the name;
 * - its pinyin without tones, in lower case, from each syllable on (xiangdeming, deming, ming), ü as v
 *   as people type it (吕 → lv);
 * - the initials of its syllables (xdm).
 * Surnames are read as surnames (单 shan, 曾 zeng). A name in Latin letters gives its letters and the
 * initials of its words.
 */
export const NAME_KEYS_VERSION = 1;

const HAN = /\p{Script=Han}/u;

/** What a search box's text is compared with: lower case, no spaces, apostrophes or dots. */
export function searchKey(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s'’·.\-_]+/gu, '')
    .replace(/ü/g, 'v');
}

function suffixes(parts: readonly string[]): string[] {
  return parts.map((_, i) => parts.slice(i).join('')).filter((s) => s.length > 0);
}

export function nameKeysOf(name: string | null | undefined): string[] {
  const text = (name ?? '').normalize('NFKC').trim();
  if (!text) return [];
  const keys = new Set<string>();
  if (HAN.test(text)) {
    const chars = [...text.replace(/\s+/gu, '')];
    for (const s of suffixes(chars)) keys.add(searchKey(s));
    const syllables = pinyin(text, { toneType: 'none', type: 'array', surname: 'head', v: true })
      .map((s) => searchKey(s))
      .filter((s) => /^[a-z]+$/.test(s));
    for (const s of suffixes(syllables)) keys.add(s);
    const initials = syllables.map((s) => s[0]).join('');
    if (initials) keys.add(initials);
  } else {
    const words = text
      .toLowerCase()
      .split(/[^\p{L}\p{N}]+/u)
      .filter(Boolean);
    for (const s of suffixes(words)) keys.add(searchKey(s));
    if (words.length > 1) keys.add(words.map((w) => w[0]).join(''));
  }
  return [...keys];
}
