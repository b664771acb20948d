import { spansOverlap } from './availability-spans';
import type { ExpertStore } from './expert-store';
import { PAUSED, REMOVED } from './expert-store';
import { levelKey, MARK_CLOSED, MARK_CONTINUITY, type NeedPlan } from './need-plan';
import { skillMilli, skillMilliWeak } from './skill-tests';
import { GATE_WEAK } from './store-gate';
import { overlapCount } from './store-side-index';

/**
 * The hot kernel: hard filters and the full score of one store slot against one planned need, from
 * typed-array columns and the need's lookup tables only. Scores are integer milli-points.
 */

// Module-local copies: the CommonJS output of tsx/swc reads an imported binding through a getter call,
// too slow to pay once per slot.
const SKIP = PAUSED | REMOVED;
const CLOSED = MARK_CLOSED;
const CONTINUITY = MARK_CONTINUITY;
const WEAK = GATE_WEAK;

/** True when slot i passes every hard filter for the planned need. */
export function passes(s: ExpertStore, p: NeedPlan, i: number): boolean {
  const flags = s.flags[i];
  if ((flags & SKIP) !== 0 || s.maxConc[i] === 0) return false;
  if ((s.modes[i] & p.modeBit) === 0) return false;
  if ((s.mark[i] & CLOSED) !== 0) return false;
  if (!holdsAll(s, p, i)) return false;
  if (p.levelOk[levelKey(s, p, i)] === 0) return false;
  if (!availableIn(s, i, p.from, p.to)) return false;
  if (!withinTravel(s, p, i)) return false;
  return !atCapacity(s, i, p.from, p.to);
}

/** The field (one of the need's codes) and every must-have requirement are held. */
export function holdsAll(s: ExpertStore, p: NeedPlan, i: number): boolean {
  const base = i * s.words;
  const ft = p.fieldTests;
  if (ft.length > 0) {
    let any = 0;
    for (let k = 0; k < ft.length; k += 2) any |= s.bits[base + ft[k]] & ft[k + 1];
    if (any === 0) return false;
  }
  const rq = p.required;
  for (let k = 0; k < rq.length; k += 2) if ((s.bits[base + rq[k]] & rq[k + 1]) === 0) return false;
  return true;
}

export function withinTravel(s: ExpertStore, p: NeedPlan, i: number): boolean {
  return (
    p.remote || p.travelMin[s.region[i]] <= s.maxTravel[i] * p.travelSlack || namedHas(s, i, p.regionIdx)
  );
}

/** The places slot i holds during [from, to] reach its maximum. */
export function atCapacity(s: ExpertStore, i: number, from: number, to: number): boolean {
  const holds = s.side.holds[i];
  return holds !== null && overlapCount(holds, from, to) >= s.maxConc[i];
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

/** The need-independent milli-points of slot i at the plan's weights. */
export function staticMilliOf(s: ExpertStore, p: NeedPlan, i: number): number {
  const t = p.statics;
  if (t === null) return s.staticMilli[i];
  return t.honours[s.honours[i]] + t.experience[s.years[i]] + t.load[s.active[i]] + t.feedback[s.rating[i]];
}

/** The full score of slot i (every feature), in milli-points, whether or not it passes the filters. */
export function scoreSlot(s: ExpertStore, p: NeedPlan, i: number): number {
  const base = i * s.words;
  let m = staticMilliOf(s, p, i) + p.regionMilli[s.region[i]] + p.fitMilli[s.fit[i]];
  m += p.levelMilli[levelKey(s, p, i)];
  if ((s.mark[i] & CONTINUITY) !== 0) m += p.contMilli;
  const weak = s.side.weak[i];
  if (weak) {
    m += skillMilliWeak(s.bits, base, p.must, weak);
    m += skillMilliWeak(s.bits, base, p.nice, weak);
  } else {
    m += skillMilli(s.bits, base, p.must);
    m += skillMilli(s.bits, base, p.nice);
  }
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
  const { bits, series, level, region, staticMilli, fit, mark, honours, years, active, rating } = s;
  const { seriesCode, levelMilli, regionMilli, fitMilli, contMilli, must, nice } = p;
  const mq = must.milliBySum;
  const nq = nice.milliBySum;
  const st = p.statics;
  if (mq === null || nq === null) {
    scoreAll(s, p, out);
    return;
  }
  const { gate } = s;
  const weak = s.side.weak;
  const { loads: ml, units: mu, count: mn } = must;
  const { loads: nl, units: nu, count: nn } = nice;
  const words = s.words;
  const end = s.end;
  for (let i = 0; i < end; i++) {
    const base = i * words;
    const li = seriesCode === 0 || series[i] === seriesCode ? level[i] : level[i] + 32;
    let m =
      st === null
        ? staticMilli[i]
        : st.honours[honours[i]] + st.experience[years[i]] + st.load[active[i]] + st.feedback[rating[i]];
    m += regionMilli[region[i]] + fitMilli[fit[i]] + levelMilli[li];
    if ((mark[i] & CONTINUITY) !== 0) m += contMilli;
    const wk = (gate[i] & WEAK) !== 0 ? weak[i] : null;
    if (wk) {
      out[i] = m + skillMilliWeak(bits, base, must, wk) + skillMilliWeak(bits, base, nice, wk);
      continue;
    }
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
