import { toMilli } from './engine-config';
import type { TaxonomyIndex } from './taxonomy-index';
import { bitOfCode } from './taxonomy-index';

/**
 * A need's skill list (must-have or nice-to-have) as three single-bit reads per skill and a table, so
 * the taxonomy closeness costs no branches: code = exact·4 + sameSubField·2 + sameField, and
 * value[skill·8 + code] is the closeness the reference gives (1, closeness.sameSubField,
 * closeness.sameField or 0; a test that does not apply to the skill's depth is ignored by the table).
 *
 * When every closeness is a multiple of 1/1024 (v1: 1, 0.5, 0.25) the float sums are exact, so the hot
 * loops add small integers (value ÷ unit) and read the points from milliBySum: no float division or
 * rounding per expert, the same result. Otherwise milliBySum is null and skillMilli() is used.
 */
export interface SkillTests {
  /** Per skill: (word, shift) of the exact, sub-field and field bits. */
  loads: Int32Array;
  /** Per skill: the exact, sub-field and field bits themselves (−1: the test does not apply). */
  bitsOf: Int32Array;
  value: Float64Array;
  /** value × 1024 ÷ unit, unit the greatest common divisor of the values × 1024. */
  units: Int32Array;
  /** Points by Σ units (index 0 of an empty list: its points); null when the values are not exact. */
  milliBySum: Int32Array | null;
  count: number;
  weight: number;
  /** Points when the list is empty. */
  emptyMilli: number;
}

export function buildSkillTests(
  tax: TaxonomyIndex,
  codes: readonly string[],
  weight: number,
  emptyValue: number,
  closeness: { sameSubField: number; sameField: number },
): SkillTests {
  const n = codes.length;
  const loads = new Int32Array(n * 6);
  const bitsOf = new Int32Array(n * 3).fill(-1);
  const value = new Float64Array(n * 8);
  codes.forEach((code, k) => {
    const b = bitOfCode(tax, code);
    let sub = -1;
    let field = -1;
    for (let a = tax.parentBit[b]; a >= 0; a = tax.parentBit[a]) {
      if (tax.depth[a] === 1) sub = a;
      if (tax.depth[a] === 0) field = a;
    }
    if (tax.depth[b] < 2) sub = -1;
    if (tax.depth[b] < 1) field = -1;
    [b, sub, field].forEach((bit, j) => {
      bitsOf[k * 3 + j] = bit;
      loads[k * 6 + 2 * j] = bit < 0 ? 0 : bit >>> 5;
      loads[k * 6 + 2 * j + 1] = bit < 0 ? 0 : bit & 31;
    });
    for (let c = 0; c < 8; c++) {
      let v = 0;
      if ((c & 4) !== 0) v = 1;
      else if ((c & 2) !== 0 && sub >= 0) v = closeness.sameSubField;
      else if ((c & 1) !== 0 && field >= 0) v = closeness.sameField;
      value[k * 8 + c] = v;
    }
  });
  const emptyMilli = toMilli(weight, emptyValue);
  const exact = value.every((v) => Number.isInteger(v * 1024) && v >= 0 && v <= 1024);
  let unit = 0;
  for (const v of value) unit = gcd(unit, v * 1024);
  unit = Math.max(1, unit);
  const units = exact ? Int32Array.from(value, (v) => (v * 1024) / unit) : new Int32Array(n * 8);
  let milliBySum: Int32Array | null = null;
  if (exact && n === 0) milliBySum = Int32Array.of(emptyMilli);
  else if (exact) {
    const max = n * Math.max(...units);
    milliBySum = Int32Array.from({ length: max + 1 }, (_, q) => toMilli(weight, (q * unit) / 1024 / n));
  }
  return { loads, bitsOf, value, units, milliBySum, count: n, weight, emptyMilli };
}

function gcd(a: number, b: number): number {
  while (b !== 0) [a, b] = [b, a % b];
  return a;
}

/** The most points the list can give any expert (every skill held exactly, or the best closeness). */
export function skillCeilingMilli(st: SkillTests): number {
  if (st.count === 0) return st.emptyMilli;
  let best = 0;
  for (const v of st.value) best = Math.max(best, v);
  // rounding of the sum can only add less than one milli-point; +1 keeps the ceiling safe
  return Math.max(0, Math.round(st.weight * best * 1000)) + 1;
}

/** The list's milli-points for the expert bitset at base: toMilli(weight, Σ closeness / count). */
export function skillMilli(bits: Uint32Array, base: number, st: SkillTests): number {
  const n = st.count;
  if (n === 0) return st.emptyMilli;
  const { loads, value } = st;
  let sum = 0;
  for (let k = 0; k < n; k++) {
    const l = k * 6;
    const code =
      (((bits[base + loads[l]] >>> loads[l + 1]) & 1) << 2) |
      (((bits[base + loads[l + 2]] >>> loads[l + 3]) & 1) << 1) |
      ((bits[base + loads[l + 4]] >>> loads[l + 5]) & 1);
    sum += value[k * 8 + code];
  }
  return Math.round(st.weight * (sum / n) * 1000);
}

/** Closeness value of each test level: exact (code 4), same sub-field (2), same field (1). */
const LEVEL_CODE = [4, 2, 1];

/**
 * skillMilli for an expert some of whose bits come from keywords only (`weak`, sorted bits): each
 * skill's closeness is the best level held, a weak one counting keywordEvidence of its value.
 */
export function skillMilliWeak(
  bits: Uint32Array,
  base: number,
  st: SkillTests,
  weak: Uint16Array,
  keywordEvidence: number,
): number {
  const n = st.count;
  if (n === 0) return st.emptyMilli;
  let sum = 0;
  for (let k = 0; k < n; k++) sum += skillCloseness(bits, base, st, k, weak, keywordEvidence);
  return Math.round(st.weight * (sum / n) * 1000);
}

export function skillCloseness(
  bits: Uint32Array,
  base: number,
  st: SkillTests,
  k: number,
  weak: Uint16Array | null,
  keywordEvidence: number,
): number {
  let best = 0;
  for (let j = 0; j < 3; j++) {
    const bit = st.bitsOf[k * 3 + j];
    if (bit < 0 || (bits[base + (bit >>> 5)] & (1 << (bit & 31))) === 0) continue;
    let v = st.value[k * 8 + LEVEL_CODE[j]];
    if (weak?.includes(bit)) v *= keywordEvidence;
    if (v > best) best = v;
  }
  return best;
}
