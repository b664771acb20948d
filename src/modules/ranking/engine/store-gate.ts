import type { SpanPool } from './availability-spans';
import { availableSpans } from './availability-spans';
import type { ExpertFacts } from './expert-facts';
import type { TaxonomyIndex } from './taxonomy-index';

/**
 * The gate word: one Uint32 per expert holding everything the ranking scan tests first, so most experts
 * are rejected after reading 4 bytes instead of five or six columns.
 * - bits 0–2: accepted modes (MODE_BIT);
 * - GATE_CLOSED: never a candidate now (paused, removed, or taking no engagement at all);
 * - GATE_MULTI_SPAN: availability has several spans (see availability-spans.ts), not just [availFrom, availTo];
 * - GATE_HOLDS: holds as many places as the maximum somewhere in time: count those overlapping the need;
 * - GATE_WEAK: some codes held come from keywords only (weaker evidence, scored on the slow path);
 * - bits 8–31: fields held, field ordinal mod 24; with fewer than 24 fields, the bits left over hold the
 *   sub-fields held (sub-field ordinal mod the bits left). Bits may be shared, so the gate is only a
 *   pre-filter for a need's field and must-have requirements: the exact test on the bitset follows.
 */
export const GATE_CLOSED = 8;
export const GATE_MULTI_SPAN = 16;
export const GATE_HOLDS = 32;
export const GATE_WEAK = 64;
const FIELD_SHIFT = 8;
const FIELD_BITS = 24;

/** Per taxonomy bit: its gate bit when it is a field or (with bits to spare) a sub-field, else 0. */
export function fieldGateBits(tax: TaxonomyIndex): Uint32Array {
  const out = new Uint32Array(tax.codes.length);
  let fields = 0;
  for (let b = 0; b < tax.codes.length; b++) {
    if (tax.depth[b] === 0) out[b] = (1 << (FIELD_SHIFT + (fields++ % FIELD_BITS))) >>> 0;
  }
  const spare = FIELD_BITS - fields;
  let subs = 0;
  for (let b = 0; spare > 0 && b < tax.codes.length; b++) {
    if (tax.depth[b] === 1) out[b] = (1 << (FIELD_SHIFT + fields + (subs++ % spare))) >>> 0;
  }
  return out;
}

/** True when no two fields share a gate bit (then the gate's field test is exact). */
export function fieldGateIsExact(tax: TaxonomyIndex): boolean {
  let fields = 0;
  for (let b = 0; b < tax.codes.length; b++) if (tax.depth[b] === 0) fields++;
  return fields <= FIELD_BITS;
}

/** The gate bits of the fields held in one expert's bitset (words w at base). */
export function heldFieldGate(
  bits: Uint32Array,
  base: number,
  words: number,
  fieldGate: Uint32Array,
): number {
  let g = 0;
  for (let w = 0; w < words; w++) {
    let word = bits[base + w];
    while (word !== 0) {
      const low = word & -word;
      const b = w * 32 + (31 - Math.clz32(low));
      g |= fieldGate[b];
      word ^= low;
    }
  }
  return g >>> 0;
}

/** Writes slot i's availability (hull and spans) and its gate word; bits and modes are written first. */
/** The store's columns the gate is written from and to (the ExpertStore). */
export interface GateColumns {
  readonly words: number;
  readonly fieldGate: Uint32Array;
  readonly spans: SpanPool;
  bits: Uint32Array;
  modes: Uint8Array;
  gate: Uint32Array;
  availFrom: Int32Array;
  availTo: Int32Array;
}

export function writeAvailabilityAndGate(s: GateColumns, i: number, f: ExpertFacts): void {
  const spans = availableSpans(f.windows, f.blocked);
  s.availFrom[i] = spans.length > 0 ? spans[0] : 2147483647;
  s.availTo[i] = spans.length > 0 ? spans[spans.length - 1] : -2147483648;
  s.spans.set(i, spans);
  const closed = f.paused || f.maxConcurrent === 0;
  s.gate[i] =
    (s.modes[i] & 7) |
    (closed ? GATE_CLOSED : 0) |
    (spans.length > 2 ? GATE_MULTI_SPAN : 0) |
    (f.holds.length >= f.maxConcurrent ? GATE_HOLDS : 0) |
    (f.weakHeld.size > 0 ? GATE_WEAK : 0) |
    heldFieldGate(s.bits, i * s.words, s.words, s.fieldGate);
}
