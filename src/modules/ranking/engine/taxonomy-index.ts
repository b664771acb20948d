import type { EngineTaxonomyNode, Localized } from './engine.types';

/**
 * The skill taxonomy with each node given a bit number, so an expert's holdings become a bitset. An
 * expert "holds" a node when they list it or any node below it (holdings are closed upwards).
 */
export interface TaxonomyIndex {
  readonly codes: readonly string[];
  readonly bitOf: ReadonlyMap<string, number>;
  /** Parent bit per bit, −1 for a field (root). */
  readonly parentBit: Int32Array;
  /** Depth per bit: 0 field, 1 sub-field, 2 skill (deeper nodes count as skills). */
  readonly depth: Uint8Array;
  /** 32-bit words per expert bitset. */
  readonly words: number;
  /** Names for reasons, by bit (the code when none was given). */
  readonly labels: readonly Localized[];
}

export function buildTaxonomyIndex(nodes: readonly EngineTaxonomyNode[]): TaxonomyIndex {
  const bitOf = new Map<string, number>();
  nodes.forEach((n, i) => {
    if (bitOf.has(n.code)) throw new RangeError(`duplicate taxonomy node ${n.code}`);
    bitOf.set(n.code, i);
  });
  const parentBit = new Int32Array(nodes.length).fill(-1);
  nodes.forEach((n, i) => {
    if (n.parent === undefined) return;
    const p = bitOf.get(n.parent);
    if (p === undefined) throw new RangeError(`unknown parent ${n.parent} of ${n.code}`);
    parentBit[i] = p;
  });
  const depth = new Uint8Array(nodes.length);
  for (let i = 0; i < nodes.length; i++) {
    let d = 0;
    for (let p = parentBit[i]; p >= 0; p = parentBit[p]) {
      if (++d > nodes.length) throw new RangeError(`taxonomy cycle at ${nodes[i].code}`);
    }
    depth[i] = d;
  }
  return {
    codes: nodes.map((n) => n.code),
    bitOf,
    parentBit,
    depth,
    words: Math.max(1, Math.ceil(nodes.length / 32)),
    labels: nodes.map((n) => n.label ?? { 'zh-CN': n.code, en: n.code }),
  };
}

export function labelOf(tax: TaxonomyIndex, code: string): Localized {
  return tax.labels[bitOfCode(tax, code)];
}

export function bitOfCode(tax: TaxonomyIndex, code: string): number {
  const b = tax.bitOf.get(code);
  if (b === undefined) throw new RangeError(`unknown taxonomy code ${code}`);
  return b;
}

/** The codes held, closed upwards (each code and all its ancestors). */
export function closeUpwards(tax: TaxonomyIndex, codes: readonly string[]): Set<string> {
  const held = new Set<string>();
  for (const code of codes) {
    for (let b = bitOfCode(tax, code); b >= 0; b = tax.parentBit[b]) held.add(tax.codes[b]);
  }
  return held;
}

/** The field (root) of a node. */
export function fieldOf(tax: TaxonomyIndex, code: string): string {
  let b = bitOfCode(tax, code);
  while (tax.parentBit[b] >= 0) b = tax.parentBit[b];
  return tax.codes[b];
}

/** The sub-field (depth 1 ancestor-or-self) of a node at depth ≥ 1; undefined for a field. */
export function subFieldOf(tax: TaxonomyIndex, code: string): string | undefined {
  let b = bitOfCode(tax, code);
  if (tax.depth[b] === 0) return undefined;
  while (tax.depth[b] > 1) b = tax.parentBit[b];
  return tax.codes[b];
}
