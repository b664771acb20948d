import type { SkillLevel, TITLE_SERIES, TitleLevel } from '../experts/expert-levels';
import {
  RETIRED,
  SKILL_LEVEL_NAMES,
  TAXONOMY,
  type TaxonomyEntry,
  TITLE_NAMES,
  TRADE_NAMES,
} from './taxonomy.data';

/** A title series (职称系列), as in expert-levels.ts. */
export type TitleSeries = (typeof TITLE_SERIES)[number];

/**
 * Pure lookups over the fields/sub-fields/skills tree in taxonomy.data.ts, and the resolvers that turn what
 * people write (labels, aliases, title names, trade names, skill level words) into codes and levels. Every
 * index is built once at module load; the data is checked as it is indexed, so a data bug fails at start-up.
 */

export interface TaxonomyNode {
  /** Stable ASCII code: "health", "health.cardiology", "agriculture.tea.processing". */
  readonly code: string;
  readonly label: { readonly 'zh-CN': string; readonly en: string };
  /** 1 = field, 2 = sub-field, 3 = skill. */
  readonly level: 1 | 2 | 3;
  readonly parent: string | null;
  readonly children: readonly TaxonomyNode[];
  /** Synonyms, abbreviations and the forms people write (zh and en). */
  readonly aliases: readonly string[];
  /** The standard the node follows, with its code where known: 'GB/T 13745-2009 32024', 'local'. */
  readonly std?: string;
}

const nodes = new Map<string, TaxonomyNode>();

function build(entry: TaxonomyEntry, parent: TaxonomyNode | null): TaxonomyNode {
  const level = parent ? parent.level + 1 : 1;
  if (level > 3) throw new Error(`taxonomy: ${entry.code} is deeper than three levels`);
  const node: TaxonomyNode = {
    code: entry.code,
    label: Object.freeze({ 'zh-CN': entry.zh, en: entry.en }),
    level: level as TaxonomyNode['level'],
    parent: parent?.code ?? null,
    children: [],
    aliases: Object.freeze([...(entry.aliases ?? [])]),
    ...(entry.std ? { std: entry.std } : {}),
  };
  if (nodes.has(node.code)) throw new Error(`taxonomy: duplicate code ${node.code}`);
  nodes.set(node.code, node);
  (node.children as TaxonomyNode[]).push(...(entry.children ?? []).map((child) => build(child, node)));
  Object.freeze(node.children);
  return Object.freeze(node);
}

const tree: readonly TaxonomyNode[] = Object.freeze(TAXONOMY.map((field) => build(field, null)));

/** The whole tree: fields, each with its sub-fields and skills. */
export function getTaxonomy(): readonly TaxonomyNode[] {
  return tree;
}

export function getNode(code: string): TaxonomyNode | undefined {
  return nodes.get(code);
}

export function isTaxonomyCode(code: unknown): code is string {
  return typeof code === 'string' && nodes.has(code);
}

/** Every code, fields first within their subtree (depth-first, display order). */
export function listTaxonomyCodes(): string[] {
  return [...nodes.keys()];
}

/** The field (level 1) a code belongs to: fieldOf("health.surgery.orthopaedics") is "health". */
export function fieldOf(code: string): TaxonomyNode | undefined {
  let node = nodes.get(code);
  while (node?.parent) node = nodes.get(node.parent);
  return node;
}

/** True when `code` is `ancestor` or lies below it: an orthopaedist is within "health.surgery". */
export function isWithin(code: string, ancestor: string): boolean {
  for (let node = nodes.get(code); node; node = node.parent ? nodes.get(node.parent) : undefined) {
    if (node.code === ancestor) return true;
  }
  return false;
}

// --- Resolving what people write --------------------------------------------------------------------------

const retired = new Map(RETIRED.map((r) => [r.code, r]));
for (const r of RETIRED) {
  if (!nodes.has(r.code)) throw new Error(`taxonomy: retired code ${r.code} is not in the tree`);
  if (!nodes.has(r.replacedBy) || retired.has(r.replacedBy)) {
    throw new Error(`taxonomy: ${r.code} is replaced by ${r.replacedBy}, which is unknown or retired`);
  }
}

/** Trimmed, lower case, full-width folded to half-width (NFKC), inner spaces collapsed. */
export function normaliseTerm(text: string): string {
  return text.normalize('NFKC').trim().toLowerCase().replace(/\s+/g, ' ');
}

/** A name → value index that refuses one name for two values (a data bug, caught at load). */
function indexNames<T>(what: string, pairs: Iterable<readonly [string, T]>): Map<string, T> {
  const index = new Map<string, T>();
  for (const [name, value] of pairs) {
    const key = normaliseTerm(name);
    if (!key) continue;
    const known = index.get(key);
    if (known !== undefined && known !== value) {
      throw new Error(`taxonomy: ${what} "${name}" names both ${String(known)} and ${String(value)}`);
    }
    index.set(key, value);
  }
  return index;
}

function* termsOfActiveNodes(): Generator<readonly [string, string]> {
  for (const node of nodes.values()) {
    if (retired.has(node.code)) continue; // a retired node answers to its code only
    yield [node.label['zh-CN'], node.code];
    yield [node.label.en, node.code];
    for (const alias of node.aliases) yield [alias, node.code];
  }
  for (const [trade, code] of Object.entries(TRADE_NAMES)) {
    if (!nodes.has(code)) throw new Error(`taxonomy: trade name ${trade} points to unknown code ${code}`);
    yield [trade, code];
  }
}

const terms = indexNames('term', termsOfActiveNodes());
const tradeNames = indexNames(
  'trade name',
  Object.entries(TRADE_NAMES).map(([name, code]) => [name, code] as const),
);
const titleNames = indexNames(
  'title name',
  TITLE_NAMES.flatMap((t) => {
    const value = Object.freeze({ level: t.level, series: t.series });
    return [t.zh, t.en, ...(t.aliases ?? [])].map((name) => [name, value] as const);
  }),
);
const skillLevelNames = indexNames('skill level', Object.entries(SKILL_LEVEL_NAMES));

/** A code, a zh/en label or an alias → its node; retired codes resolve to themselves. */
export function resolveTerm(text: string): TaxonomyNode | undefined {
  if (typeof text !== 'string') return undefined;
  const exact = nodes.get(text.trim());
  if (exact) return exact;
  const key = normaliseTerm(text);
  const code = terms.get(key) ?? (nodes.has(key) ? key : undefined);
  return code ? nodes.get(code) : undefined;
}

/** Every label, alias and trade name, so free text can be cut into whole terms. */
export function listTerms(): string[] {
  return [...terms.keys()];
}

type Segmenter = { cut(sentence: string, hmm?: boolean): string[] };
let segmenter: Segmenter | undefined;

/** jieba with the default dictionary plus every Chinese term of the taxonomy, built on first use. */
function getSegmenter(): Segmenter {
  if (!segmenter) {
    const { Jieba } = require('@node-rs/jieba') as {
      Jieba: { withDict(d: Uint8Array): Segmenter & { loadDict(d: Uint8Array): void } };
    };
    const { dict } = require('@node-rs/jieba/dict') as { dict: Uint8Array };
    const jieba = Jieba.withDict(dict);
    const words = listTerms().filter((t) => /\p{Script=Han}/u.test(t) && !/\s/.test(t));
    jieba.loadDict(Buffer.from(words.map((w) => `${w} 200000`).join('\n')));
    segmenter = jieba;
  }
  return segmenter;
}

const SEPARATORS = /[,;，；、。.:：!！?？()（）[\]【】《》"“”'‘’|/\\\n\r\t]+/;
const CODE_PATTERN = /\b[a-z][a-z0-9_]*(?:\.[a-z][a-z0-9_]*){1,2}\b/g;
/** How many adjacent segments are joined to find terms jieba split ("heart" + " " + "failure"). */
const MAX_JOIN = 5;

/**
 * Free text (an expert's keywords, a need's description) → the distinct codes it names, most specific first,
 * in order of appearance within a level. A retired code written literally counts as its replacement.
 * Never throws: unreadable input gives [].
 */
export function matchKeywords(text: string): string[] {
  try {
    if (typeof text !== 'string' || !text.trim()) return [];
    const found: string[] = [];
    const add = (term: string) => {
      // Bare field codes are left out here: the English word "it" is not the IT field.
      const hit =
        terms.get(normaliseTerm(term)) ?? (term.includes('.') ? resolveTerm(term)?.code : undefined);
      if (!hit) return;
      const code = replacementOf(hit) ?? hit;
      if (!found.includes(code)) found.push(code);
    };
    add(text);
    // Codes written as such ("health.cardiology") are taken whole, not cut at their dots.
    const prose = text.replace(CODE_PATTERN, (code) => {
      add(code);
      return ',';
    });
    const cut = getSegmenter();
    for (const phrase of prose.split(SEPARATORS)) {
      if (!phrase.trim()) continue;
      add(phrase);
      const tokens = cut.cut(phrase, false);
      for (let i = 0; i < tokens.length; i++) {
        if (!tokens[i].trim()) continue;
        let joined = '';
        for (let j = i; j < Math.min(tokens.length, i + MAX_JOIN); j++) {
          joined += tokens[j];
          if (tokens[j].trim()) add(joined);
        }
      }
    }
    const level = (code: string) => nodes.get(code)?.level ?? 0;
    return found
      .map((code, i) => ({ code, i }))
      .sort((a, b) => level(b.code) - level(a.code) || a.i - b.i)
      .map((x) => x.code);
  } catch {
    return [];
  }
}

/** A professional title as written (主任医师, 高级工程师, "Senior engineer") → its level and series. */
export function resolveTitleName(name: string): { level: TitleLevel; series: TitleSeries } | undefined {
  return typeof name === 'string' ? titleNames.get(normaliseTerm(name)) : undefined;
}

/** A trade name (工种: 数控车工, 焊工, 中式烹调师) → the code of its occupation node. */
export function resolveTradeName(name: string): { code: string } | undefined {
  if (typeof name !== 'string') return undefined;
  const code = tradeNames.get(normaliseTerm(name)) ?? tradeNames.get(withoutTrailingNote(name));
  return code ? { code } : undefined;
}

/** A skill level word (高级技师, 技师, 高级工, 中级工, 初级工; 一级 … 五级) → its SKILL_LEVELS value. */
export function resolveSkillLevelName(name: string): SkillLevel | undefined {
  return typeof name === 'string' ? skillLevelNames.get(normaliseTerm(name)) : undefined;
}

/** "数控车工（高级技师）" → "数控车工". */
function withoutTrailingNote(name: string): string {
  return normaliseTerm(name).replace(/\s*\([^)]*\)$/, '');
}

export function isRetiredCode(code: string): boolean {
  return retired.has(code);
}

/** The code that replaces a retired one; undefined for a code that is not retired. */
export function replacementOf(code: string): string | undefined {
  return retired.get(code)?.replacedBy;
}
