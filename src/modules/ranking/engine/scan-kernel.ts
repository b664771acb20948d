import type { ExpertStore } from './expert-store';
import { MARK_CLOSED, MARK_CONTINUITY, type NeedPlan } from './need-plan';
import { skillCeilingMilli, skillMilli, skillMilliWeak } from './skill-tests';
import { GATE_HOLDS, GATE_MULTI_SPAN, GATE_WEAK } from './store-gate';
import { overlapCount } from './store-side-index';
import type { TopHeap } from './top-heap';

// Module-local copies: the CommonJS output of tsx/swc reads an imported binding through a getter call,
// which cost about a third of the scan when read per slot.
const MULTI = GATE_MULTI_SPAN;
const HOLDS = GATE_HOLDS;
const WEAK = GATE_WEAK;
const CLOSED = MARK_CLOSED;
const CONTINUITY = MARK_CONTINUITY;
const EMPTY = new Int32Array(0);

/**
 * The ranking scan: the same rules as passes() + scoreSlot(), ordered so most experts cost one read.
 * The gate word rejects closed experts, unaccepted modes and other fields (a superset test); then the
 * availability hull, the spans of the few with several, the per-need marks, level, travel and the
 * places held in the period; the bitset (exact field and must-have requirements, skill points) is read
 * only for those whose best possible score could enter the heap. Columns are hoisted into locals so V8
 * keeps the loop tight.
 */
export function scanInto(s: ExpertStore, p: NeedPlan, heap: TopHeap): void {
  const { gate, availFrom, availTo, mark, bits, series, level, region, maxTravel, staticMilli, fit } = s;
  const { honours, years, active, rating, maxConc } = s;
  const { named, holds, weak } = s.side;
  const spanAt = s.spans.at;
  const spans = s.spans.data;
  const words = s.words;
  const { gateMask, gateWant, fieldGate, seriesCode, levelOk, levelMilli, travelMin } = p;
  const { regionMilli, fitMilli, contMilli, regionIdx, must, nice, travelSlack, required } = p;
  const st = p.statics;
  const nrq = required.length;
  const from = p.from;
  const to = p.to;
  if (from > to) return;
  const remote = p.remote;
  const ft = p.fieldTests;
  const nft = ft.length;
  const { loads: ml, units: mu, count: mn } = must;
  const { loads: nl, units: nu, count: nn } = nice;
  const mq = must.milliBySum ?? EMPTY;
  const nq = nice.milliBySum ?? EMPTY;
  const exact = must.milliBySum !== null && nice.milliBySum !== null;
  const skillCeiling = skillCeilingMilli(must) + skillCeilingMilli(nice);
  // with at most 24 fields each has its own gate bit, and for a need named by fields the gate's test is exact
  const fieldTestExact = p.fieldTestExact;
  const end = s.end;
  for (let i = 0; i < end; i++) {
    const g = gate[i];
    if ((g & gateMask) !== gateWant || (g & fieldGate) === 0) continue;
    if (availFrom[i] > to || availTo[i] < from) continue;
    if ((g & MULTI) !== 0) {
      const at = spanAt[i];
      const stop = at + 1 + 2 * spans[at];
      let ok = false;
      for (let k = at + 1; k < stop; k += 2) {
        if (spans[k] <= to && spans[k + 1] >= from) {
          ok = true;
          break;
        }
      }
      if (!ok) continue;
    }
    const mk = mark[i];
    if ((mk & CLOSED) !== 0) continue;
    const li = seriesCode === 0 || series[i] === seriesCode ? level[i] : level[i] + 32;
    if (levelOk[li] === 0) continue;
    const r = region[i];
    if (!remote && travelMin[r] > maxTravel[i] * travelSlack && !namedHas(named[i], regionIdx)) continue;
    if ((g & HOLDS) !== 0 && overlapCount(holds[i] ?? EMPTY, from, to) >= maxConc[i]) continue;
    let m =
      st === null
        ? staticMilli[i]
        : st.honours[honours[i]] + st.experience[years[i]] + st.load[active[i]] + st.feedback[rating[i]];
    m += regionMilli[r] + fitMilli[fit[i]] + levelMilli[li];
    if ((mk & CONTINUITY) !== 0) m += contMilli;
    // The bitset is the one read likely to miss the cache: skip it when even full skill points could not
    // enter the heap (exact: the heap would refuse the real, lower score too).
    if (!heap.accepts(m + skillCeiling)) continue;
    const base = i * words;
    if (!fieldTestExact) {
      let any = 0;
      for (let k = 0; k < nft; k += 2) any |= bits[base + ft[k]] & ft[k + 1];
      if (any === 0) continue;
    }
    let meets = true;
    for (let k = 0; k < nrq; k += 2) {
      if ((bits[base + required[k]] & required[k + 1]) === 0) {
        meets = false;
        break;
      }
    }
    if (!meets) continue;
    const wk = (g & WEAK) !== 0 ? weak[i] : null;
    if (wk) {
      m += skillMilliWeak(bits, base, must, wk) + skillMilliWeak(bits, base, nice, wk);
    } else if (exact) {
      // as in scoreAllFast: integer sums of the skill lists, written out because V8 did not inline a call
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
      m += nq[sum];
    } else m += skillMilli(bits, base, must) + skillMilli(bits, base, nice);
    if (heap.accepts(m)) heap.offer(m, i);
  }
}

function namedHas(named: readonly number[] | null, regionIdx: number): boolean {
  if (named === null) return false;
  for (let k = 0; k < named.length; k++) if (named[k] === regionIdx) return true;
  return false;
}
