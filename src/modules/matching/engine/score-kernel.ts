import { spansOverlap } from './availability-spans';
import type { ExpertStore } from './expert-store';
import { PAUSED, REMOVED } from './expert-store';
import { MARK_CLOSED, MARK_CONTINUITY, type NeedPlan, type SkillTests } from './need-plan';

/**
 * The hot kernel: hard filters and the full score of one store slot against one planned need, from
 * typed-array columns and the need's lookup tables only. Scores are integer milli-points.
 */

// Module-local copies: the CommonJS output of tsx/swc reads an imported binding through a getter call,
// too slow to pay once per slot.
const SKIP = PAUSED | REMOVED;
const CLOSED = MARK_CLOSED;
const CONTINUITY = MARK_CONTINUITY;

/** True when slot i passes every hard filter for the planned need. */
export function passes(s: ExpertStore, p: NeedPlan, i: number): boolean {
  const flags = s.flags[i];
  if ((flags & SKIP) !== 0) return false;
  if (s.active[i] + s.pending[i] >= s.maxConc[i]) return false;
  if ((s.modes[i] & p.modeBit) === 0) return false;
  if ((s.mark[i] & CLOSED) !== 0) return false;
  const ft = p.fieldTests;
  if (ft.length > 0) {
    const base = i * s.words;
    let any = 0;
    for (let k = 0; k < ft.length; k += 2) any |= s.bits[base + ft[k]] & ft[k + 1];
    if (any === 0) return false;
  }
  const t = p.seriesCode === 0 || s.series[i] === p.seriesCode ? s.title[i] : 0;
  if (p.levelOk[t * 6 + s.skill[i]] === 0) return false;
  if (!availableIn(s, i, p.from, p.to)) return false;
  if (!p.remote && p.travelMin[s.region[i]] > s.maxTravel[i] && !namedHas(s, i, p.regionIdx)) return false;
  return true;
}

/** Some available day of slot i lies in [from, to]: the hull, then the spans when there are several. */
export function availableIn(s: ExpertStore, i: number, from: number, to: number): boolean {
  if (from > to || s.availFrom[i] > to || s.availTo[i] < from) return false;
  const at = s.spans.at[i];
  if (at < 0) return true;
  const data = s.spans.data;
  return spansOverlap(data, at + 1, at + 1 + 2 * data[at], from, to);
}

export function namedHas(s: ExpertStore, i: number, regionIdx: number): boolean {
  const named = s.side.named[i];
  if (!named) return false;
  for (let k = 0; k < named.length; k++) if (named[k] === regionIdx) return true;
  return false;
}

function coverageMilli(
  bits: Uint32Array,
  base: number,
  st: SkillTests,
  closeSub: number,
  closeField: number,
): number {
  const n = st.count;
  if (n === 0) return st.emptyMilli;
  const t = st.tests;
  let sum = 0;
  for (let k = 0; k < n * 6; k += 6) {
    if ((bits[base + t[k]] & t[k + 1]) !== 0) sum += 1;
    else if ((bits[base + t[k + 2]] & t[k + 3]) !== 0) sum += closeSub;
    else if ((bits[base + t[k + 4]] & t[k + 5]) !== 0) sum += closeField;
  }
  return Math.round(st.weight * (sum / n) * 1000);
}

/** The full score of slot i (all twelve features), in milli-points, whether or not it passes the filters. */
export function scoreSlot(s: ExpertStore, p: NeedPlan, i: number): number {
  const t = p.seriesCode === 0 || s.series[i] === p.seriesCode ? s.title[i] : 0;
  const base = i * s.words;
  let m =
    s.staticMilli[i] +
    p.regionMilli[s.region[i]] +
    p.availMilli[s.days[i]] +
    p.modeMilli[s.modes[i] >>> 4] +
    p.levelMilli[t * 6 + s.skill[i]];
  if ((s.mark[i] & CONTINUITY) !== 0) m += p.contMilli;
  m += coverageMilli(s.bits, base, p.must, p.closeSub, p.closeField);
  m += coverageMilli(s.bits, base, p.nice, p.closeSub, p.closeField);
  return m;
}

/** Scores every slot in [0, end) into out (no filters); used by the throughput benchmark and tests. */
export function scoreAll(s: ExpertStore, p: NeedPlan, out: Int32Array): void {
  for (let i = 0; i < s.end; i++) out[i] = scoreSlot(s, p, i);
}

/** scoreAll with the columns hoisted (the throughput figure of the benchmark); same result as scoreAll. */
export function scoreAllFast(s: ExpertStore, p: NeedPlan, out: Int32Array): void {
  const { bits, series, title, skill, region, staticMilli, days, modes, mark } = s;
  const { seriesCode, levelMilli, regionMilli, availMilli, modeMilli, contMilli, closeSub, closeField } = p;
  const words = s.words;
  const mt = p.must.tests;
  const mn = p.must.count;
  const nt = p.nice.tests;
  const nn = p.nice.count;
  const end = s.end;
  for (let i = 0; i < end; i++) {
    const base = i * words;
    const t = seriesCode === 0 || series[i] === seriesCode ? title[i] : 0;
    let m =
      staticMilli[i] +
      regionMilli[region[i]] +
      availMilli[days[i]] +
      modeMilli[modes[i] >>> 4] +
      levelMilli[t * 6 + skill[i]];
    if ((mark[i] & CONTINUITY) !== 0) m += contMilli;
    if (mn === 0) m += p.must.emptyMilli;
    else {
      let sum = 0;
      for (let k = 0; k < mn * 6; k += 6) {
        if ((bits[base + mt[k]] & mt[k + 1]) !== 0) sum += 1;
        else if ((bits[base + mt[k + 2]] & mt[k + 3]) !== 0) sum += closeSub;
        else if ((bits[base + mt[k + 4]] & mt[k + 5]) !== 0) sum += closeField;
      }
      m += Math.round(p.must.weight * (sum / mn) * 1000);
    }
    if (nn === 0) m += p.nice.emptyMilli;
    else {
      let sum = 0;
      for (let k = 0; k < nn * 6; k += 6) {
        if ((bits[base + nt[k]] & nt[k + 1]) !== 0) sum += 1;
        else if ((bits[base + nt[k + 2]] & nt[k + 3]) !== 0) sum += closeSub;
        else if ((bits[base + nt[k + 4]] & nt[k + 5]) !== 0) sum += closeField;
      }
      m += Math.round(p.nice.weight * (sum / nn) * 1000);
    }
    out[i] = m;
  }
}
