import { TAXONOMY, type TaxonomyEntry } from './taxonomy.data';

/** Pure lookups over the fields/sub-fields/skills tree in taxonomy.data.ts. */

export interface TaxonomyNode {
  /** Stable ASCII code: "health", "health.cardiology", "agriculture.tea.processing". */
  readonly code: string;
  readonly label: { readonly 'zh-CN': string; readonly en: string };
  /** 1 = field, 2 = sub-field, 3 = skill. */
  readonly level: 1 | 2 | 3;
  readonly parent: string | null;
  readonly children: readonly TaxonomyNode[];
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
