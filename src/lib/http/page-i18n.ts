import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Request } from 'express';

/** The page languages: zh-CN first, English on request. */
export const PAGE_LANGUAGES = ['zh-CN', 'en'] as const;
export type PageLanguage = (typeof PAGE_LANGUAGES)[number];
export const DEFAULT_LANGUAGE: PageLanguage = 'zh-CN';
export const LANG_COOKIE = 'lang';

export type Dictionary = Readonly<Record<string, string>>;
export interface Translate {
  (key: string, vars?: Record<string, unknown>): string;
  has(key: string): boolean;
}

/** templates/ sits at the repository root, and beside dist/ in the image: walk up until it is found. */
export function findTemplatesDir(from = __dirname): string {
  for (let dir = from; ; dir = dirname(dir)) {
    const candidate = join(dir, 'templates');
    if (existsSync(join(candidate, 'pages'))) return candidate;
    if (dirname(dir) === dir) throw new Error(`templates/pages not found above ${from}`);
  }
}

/** Reads templates/i18n/<lang>.json (flat "area.key": "text" pairs) once per process. */
export function loadDictionaries(dir = join(findTemplatesDir(), 'i18n')): Record<PageLanguage, Dictionary> {
  const read = (lang: PageLanguage) =>
    Object.freeze(JSON.parse(readFileSync(join(dir, `${lang}.json`), 'utf8')) as Record<string, string>);
  return { 'zh-CN': read('zh-CN'), en: read('en') };
}

export const isPageLanguage = (value: unknown): value is PageLanguage =>
  typeof value === 'string' && (PAGE_LANGUAGES as readonly string[]).includes(value);

/** The `lang` cookie when it names a page language, else zh-CN (no cookie parser needed for one value). */
export function languageOf(req: Request): PageLanguage {
  const match = /(?:^|;\s*)lang=([A-Za-z-]{2,5})(?:;|$)/.exec(req.headers.cookie ?? '');
  return match && isPageLanguage(match[1]) ? match[1] : DEFAULT_LANGUAGE;
}

/**
 * A lookup in one dictionary with `{name}` placeholders filled from vars, and `{name|one|other}` choosing
 * the word for a count ("{n} {n|night|nights}": "1 night", "3 nights"; Chinese needs none). A missing key
 * throws outside production, so a test rendering the page finds it; in production the key itself is shown.
 */
export function translator(dictionary: Dictionary, strict: boolean): Translate {
  const t = (key: string, vars?: Record<string, unknown>) => {
    const text = dictionary[key];
    if (text === undefined) {
      if (strict) throw new Error(`no page text "${key}"`);
      return key;
    }
    if (!vars) return text;
    return text
      .replace(/\{(\w+)\|([^|{}]*)\|([^|{}]*)\}/g, (whole, name: string, one: string, other: string) =>
        vars[name] === undefined || vars[name] === null ? whole : Number(vars[name]) === 1 ? one : other,
      )
      .replace(/\{(\w+)\}/g, (whole, name: string) =>
        vars[name] === undefined || vars[name] === null ? whole : String(vars[name]),
      );
  };
  return Object.assign(t, { has: (key: string) => dictionary[key] !== undefined });
}
