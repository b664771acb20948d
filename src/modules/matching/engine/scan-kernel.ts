import type { ExpertStore } from './expert-store';
import { PAUSED, REMOVED, SIDE_AVAIL } from './expert-store';
import type { NeedPlan } from './need-plan';
import { passes, scoreSlot } from './score-kernel';
import type { TopHeap } from './top-heap';

/**
 * The ranking scan: the same rules as passes() + scoreSlot(), with every column hoisted into a local
 * and the common case inlined (one field word, no marks, no side arrays), so V8 keeps the loop tight.
 * Anything unusual (marks for continuity or a closed need, side availability, named regions) falls back
 * to the plain kernel for that slot.
 * Imported constants are copied into locals first: the CommonJS output of tsx/swc turns each imported
 * binding into a getter call, which cost about a third of the scan when read per slot.
 */
export function scanInto(s: ExpertStore, p: NeedPlan, heap: TopHeap): void {
  const SKIP = PAUSED | REMOVED;
  const SIDE = SIDE_AVAIL;
  const { flags, active, pending, maxConc, modes, mark, bits, series, title, skill, availFrom, availTo } = s;
  const { region, maxTravel, staticMilli, days } = s;
  const words = s.words;
  const { modeBit, seriesCode, levelOk, levelMilli, travelMin, regionMilli, availMilli, modeMilli } = p;
  const from = p.from;
  const to = p.to;
  const remote = p.remote;
  const ft = p.fieldTests;
  const oneField = ft.length === 2;
  const fw = oneField ? ft[0] : 0;
  const fm = oneField ? ft[1] : 0;
  const anyField = ft.length === 0;
  const mt = p.must.tests;
  const mn = p.must.count;
  const mw = p.must.weight;
  const nt = p.nice.tests;
  const nn = p.nice.count;
  const nw = p.nice.weight;
  const closeSub = p.closeSub;
  const closeField = p.closeField;
  const simple = (anyField || oneField) && mn > 0;
  const end = s.end;
  for (let i = 0; i < end; i++) {
    const f = flags[i];
    if ((f & SKIP) !== 0) continue;
    if ((modes[i] & modeBit) === 0) continue;
    if (active[i] + pending[i] >= maxConc[i]) continue;
    if (availFrom[i] > to || availTo[i] < from) continue;
    if (!simple || (f & SIDE) !== 0 || mark[i] !== 0) {
      if (passes(s, p, i)) {
        const score = scoreSlot(s, p, i);
        if (heap.accepts(score)) heap.offer(score, i);
      }
      continue;
    }
    const base = i * words;
    if (!anyField && (bits[base + fw] & fm) === 0) continue;
    const t = seriesCode === 0 || series[i] === seriesCode ? title[i] : 0;
    const li = t * 6 + skill[i];
    if (levelOk[li] === 0) continue;
    const r = region[i];
    if (!remote && travelMin[r] > maxTravel[i]) {
      if (s.side.named[i] === null) continue;
      if (passes(s, p, i)) {
        const score = scoreSlot(s, p, i);
        if (heap.accepts(score)) heap.offer(score, i);
      }
      continue;
    }
    let m =
      staticMilli[i] + regionMilli[r] + availMilli[days[i]] + modeMilli[modes[i] >>> 4] + levelMilli[li];
    let sum = 0;
    for (let k = 0; k < mn * 6; k += 6) {
      if ((bits[base + mt[k]] & mt[k + 1]) !== 0) sum += 1;
      else if ((bits[base + mt[k + 2]] & mt[k + 3]) !== 0) sum += closeSub;
      else if ((bits[base + mt[k + 4]] & mt[k + 5]) !== 0) sum += closeField;
    }
    m += Math.round(mw * (sum / mn) * 1000);
    if (nn === 0) m += p.nice.emptyMilli;
    else {
      sum = 0;
      for (let k = 0; k < nn * 6; k += 6) {
        if ((bits[base + nt[k]] & nt[k + 1]) !== 0) sum += 1;
        else if ((bits[base + nt[k + 2]] & nt[k + 3]) !== 0) sum += closeSub;
        else if ((bits[base + nt[k + 4]] & nt[k + 5]) !== 0) sum += closeField;
      }
      m += Math.round(nw * (sum / nn) * 1000);
    }
    if (heap.accepts(m)) heap.offer(m, i);
  }
}
