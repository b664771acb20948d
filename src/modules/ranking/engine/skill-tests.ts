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
  value: Float64Array;
  /** value × 1024 ÷ unit, unit the greatest common divisor of the values × 1024. */
  units: Int32Array;
  /** Points by Σ units (index 0 of an empty list: its points); null when the values are not exact. */
  milliBySum: Int32Array | null;
  count: number;
  weight: number;
  /** Points when the list is empty. */
  emptyMilli: number;
  /**
   * Per skill, by strong code × 8 + weak code (the tests met by recorded skills, and by keywords only):
   * the best level's closeness, a keyword-only level counting keywordEvidence of its value.
   */
  weakValue: Float64Array;
}

export function buildSkillTests(
  tax: TaxonomyIndex,
  codes: readonly string[],
  weight: number,
  emptyValue: number,
  closeness: { sameSubField: number; sameField: number },
  keywordEvidence = 0,
): SkillTests {
  const n = codes.length;
  const loads = new Int32Array(n * 6);
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
  const weakValue = new Float64Array(n * 64);
  for (let k = 0; k < n; k++) {
    for (let strong = 0; strong < 8; strong++) {
      for (let weak = 0; weak < 8; weak++) {
        let best = 0;
        for (const level of [4, 2, 1]) {
          const v = value[k * 8 + level];
          const got = (strong & level) !== 0 ? v : (weak & level) !== 0 ? v * keywordEvidence : 0;
          if (got > best) best = got;
        }
        weakValue[k * 64 + strong * 8 + weak] = best;
      }
    }
  }
  return { loads, value, units, milliBySum, count: n, weight, emptyMilli, weakValue };
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

/**
 * skillMilli for an expert some of whose bits come from keywords only (`weak`, a bitset of the store's
 * words): each skill's closeness is the best level held, a weak one counting keywordEvidence of its
 * value — read from weakValue by the strong and the weak test codes.
 */
export function skillMilliWeak(bits: Uint32Array, base: number, st: SkillTests, weak: Uint32Array): number {
  const n = st.count;
  if (n === 0) return st.emptyMilli;
  const { loads, weakValue } = st;
  let sum = 0;
  for (let k = 0; k < n; k++) {
    const l = k * 6;
    const w =
      (((weak[loads[l]] >>> loads[l + 1]) & 1) << 2) |
      (((weak[loads[l + 2]] >>> loads[l + 3]) & 1) << 1) |
      ((weak[loads[l + 4]] >>> loads[l + 5]) & 1);
    const all =
      (((bits[base + loads[l]] >>> loads[l + 1]) & 1) << 2) |
      (((bits[base + loads[l + 2]] >>> loads[l + 3]) & 1) << 1) |
      ((bits[base + loads[l + 4]] >>> loads[l + 5]) & 1);
    sum += weakValue[k * 64 + (all & ~w) * 8 + w];
  }
  return Math.round(st.weight * (sum / n) * 1000);
}
