import { spansOverlap } from './availability-spans';
import type { ExpertStore } from './expert-store';
import { PAUSED, REMOVED } from './expert-store';
import { levelKey, MARK_CLOSED, MARK_CONTINUITY, type NeedPlan } from './need-plan';
import { skillMilli } from './skill-tests';

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
  if (p.levelOk[levelKey(s, p, i)] === 0) return false;
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

/** The full score of slot i (all twelve features), in milli-points, whether or not it passes the filters. */
export function scoreSlot(s: ExpertStore, p: NeedPlan, i: number): number {
  const base = i * s.words;
  let m =
    s.staticMilli[i] + p.regionMilli[s.region[i]] + p.fitMilli[s.fit[i]] + p.levelMilli[levelKey(s, p, i)];
  if ((s.mark[i] & CONTINUITY) !== 0) m += p.contMilli;
  m += skillMilli(s.bits, base, p.must);
  m += skillMilli(s.bits, base, p.nice);
  return m;
}

/** Scores every slot in [0, end) into out (no filters); used by the throughput benchmark and tests. */
export function scoreAll(s: ExpertStore, p: NeedPlan, out: Int32Array): void {
  for (let i = 0; i < s.end; i++) out[i] = scoreSlot(s, p, i);
}

/**
 * scoreAll with the columns hoisted and the skill lists summed as small integers (the throughput figure
 * of the benchmark); same result as scoreAll. The skill loop is written out here rather than calling a
 * helper: V8 did not inline the call, which cost a third of the throughput.
 */
export function scoreAllFast(s: ExpertStore, p: NeedPlan, out: Int32Array): void {
  const { bits, series, level, region, staticMilli, fit, mark } = s;
  const { seriesCode, levelMilli, regionMilli, fitMilli, contMilli, must, nice } = p;
  const mq = must.milliBySum;
  const nq = nice.milliBySum;
  if (mq === null || nq === null) {
    scoreAll(s, p, out);
    return;
  }
  const { loads: ml, units: mu, count: mn } = must;
  const { loads: nl, units: nu, count: nn } = nice;
  const words = s.words;
  const end = s.end;
  for (let i = 0; i < end; i++) {
    const base = i * words;
    const li = seriesCode === 0 || series[i] === seriesCode ? level[i] : level[i] + 32;
    let m = staticMilli[i] + regionMilli[region[i]] + fitMilli[fit[i]] + levelMilli[li];
    if ((mark[i] & CONTINUITY) !== 0) m += contMilli;
    let sum = 0;
    for (let k = 0; k < mn; k++) {
      const l = k * 6;
      const code =
        (((bits[base + ml[l]] >>> ml[l + 1]) & 1) << 2) |
        (((bits[base + ml[l + 2]] >>> ml[l + 3]) & 1) << 1) |
        ((bits[base + ml[l + 4]] >>> ml[l + 5]) & 1);
      sum += mu[k * 8 + code];
    }
    m += mq[sum];
    sum = 0;
    for (let k = 0; k < nn; k++) {
      const l = k * 6;
      const code =
        (((bits[base + nl[l]] >>> nl[l + 1]) & 1) << 2) |
        (((bits[base + nl[l + 2]] >>> nl[l + 3]) & 1) << 1) |
        ((bits[base + nl[l + 4]] >>> nl[l + 5]) & 1);
      sum += nu[k * 8 + code];
    }
    out[i] = m + nq[sum];
  }
}
