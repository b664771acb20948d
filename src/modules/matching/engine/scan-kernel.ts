import type { ExpertStore } from './expert-store';
import { MARK_CLOSED, MARK_CONTINUITY, type NeedPlan } from './need-plan';
import { GATE_MULTI_SPAN } from './store-gate';
import type { TopHeap } from './top-heap';

// Module-local copies: the CommonJS output of tsx/swc reads an imported binding through a getter call,
// which cost about a third of the scan when read per slot.
const MULTI = GATE_MULTI_SPAN;
const CLOSED = MARK_CLOSED;
const CONTINUITY = MARK_CONTINUITY;

/**
 * The ranking scan: the same rules as passes() + scoreSlot(), ordered so most experts cost one read.
 * The gate word rejects closed experts, unaccepted modes and other fields (a superset test); then the
 * availability hull, the spans of the few with several, the per-need marks, the exact field bit, level
 * and travel; only the survivors are scored. Columns are hoisted into locals so V8 keeps the loop tight.
 */
export function scanInto(s: ExpertStore, p: NeedPlan, heap: TopHeap): void {
  const { gate, availFrom, availTo, mark, bits, series, title, skill, region, maxTravel } = s;
  const { staticMilli, days, modes } = s;
  const named = s.side.named;
  const spanAt = s.spans.at;
  const spans = s.spans.data;
  const words = s.words;
  const { gateMask, gateWant, fieldGate, seriesCode, levelOk, levelMilli, travelMin } = p;
  const { regionMilli, availMilli, modeMilli, contMilli, regionIdx, closeSub, closeField } = p;
  const from = p.from;
  const to = p.to;
  if (from > to) return;
  const remote = p.remote;
  const ft = p.fieldTests;
  const nft = ft.length;
  const mt = p.must.tests;
  const mn6 = p.must.count * 6;
  const mustEmpty = p.must.count === 0;
  const nt = p.nice.tests;
  const nn6 = p.nice.count * 6;
  const niceEmpty = p.nice.count === 0;
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
    const base = i * words;
    if (nft > 0) {
      let any = 0;
      for (let k = 0; k < nft; k += 2) any |= bits[base + ft[k]] & ft[k + 1];
      if (any === 0) continue;
    }
    const t = seriesCode === 0 || series[i] === seriesCode ? title[i] : 0;
    const li = t * 6 + skill[i];
    if (levelOk[li] === 0) continue;
    const r = region[i];
    if (!remote && travelMin[r] > maxTravel[i] && !namedHas(named[i], regionIdx)) continue;
    let m =
      staticMilli[i] + regionMilli[r] + availMilli[days[i]] + modeMilli[modes[i] >>> 4] + levelMilli[li];
    if ((mk & CONTINUITY) !== 0) m += contMilli;
    if (mustEmpty) m += p.must.emptyMilli;
    else {
      let sum = 0;
      for (let k = 0; k < mn6; k += 6) {
        if ((bits[base + mt[k]] & mt[k + 1]) !== 0) sum += 1;
        else if ((bits[base + mt[k + 2]] & mt[k + 3]) !== 0) sum += closeSub;
        else if ((bits[base + mt[k + 4]] & mt[k + 5]) !== 0) sum += closeField;
      }
      m += Math.round(p.must.weight * (sum / p.must.count) * 1000);
    }
    if (niceEmpty) m += p.nice.emptyMilli;
    else {
      let sum = 0;
      for (let k = 0; k < nn6; k += 6) {
        if ((bits[base + nt[k]] & nt[k + 1]) !== 0) sum += 1;
        else if ((bits[base + nt[k + 2]] & nt[k + 3]) !== 0) sum += closeSub;
        else if ((bits[base + nt[k + 4]] & nt[k + 5]) !== 0) sum += closeField;
      }
      m += Math.round(p.nice.weight * (sum / p.nice.count) * 1000);
    }
    if (heap.accepts(m)) heap.offer(m, i);
  }
}

function namedHas(named: Uint16Array | null, regionIdx: number): boolean {
  if (named === null) return false;
  for (let k = 0; k < named.length; k++) if (named[k] === regionIdx) return true;
  return false;
}
