import { costScaling, liveEdges } from './cost-scaling';
import { buildFlowGraph, type FlowProblem } from './flow-graph';
import { shortestPathRounds } from './min-cost-flow';

/**
 * When shortest paths hand over to cost scaling. The first units' Dijkstras set a baseline (the mean nodes
 * settled over the first `early` units, or the first 1/32 of all units if more); after them a running
 * average (over about 256 units) is watched, and once it passes `growth` times the baseline the paths are
 * no longer local and cost scaling takes the rest. With experts plentiful the paths never grow (they shrink
 * as needs fill), so shortest paths route every unit. Graphs under `minNodes` nodes stay with shortest paths
 * throughout (their tail costs little, and less than starting cost scaling: 25k scarce edges took 0.3 s
 * that way, 0.1 s without). Handing over once the paths reach a fixed share of the graph's nodes came far
 * too late on 5M scarce edges (22 s in all, against 15 s by growth).
 */
export interface HandOver {
  growth: number;
  early: number;
  minNodes: number;
}
const HAND_OVER: HandOver = { growth: 4, early: 256, minNodes: 8192 };
/** First ε of cost scaling after the hand-over, in weight units (milli-points): the flow is already close. */
const HAND_OVER_EPSILON = 1000;

/**
 * Exact maximum-weight b-matching in two stages on one graph. Successive shortest paths route the units
 * while each unit's Dijkstra stays local — most units, and every unit when experts are plentiful. When
 * experts are scarce the last units' paths cross most of the graph (the last tenth of the units took nine
 * tenths of the time), so once the Dijkstras have grown (see HandOver), cost scaling takes over from
 * the min-cost pseudoflow reached (every residual reduced cost ≥ 0) and moves all remaining units at once.
 * Deterministic for a given input order.
 */
export function exactAssignment(p: FlowProblem, handOver: HandOver = HAND_OVER): Uint8Array {
  const live = liveEdges(p);
  const q = live.problem;
  const g = buildFlowGraph(q);
  const nodes = q.needs + q.experts + 1;
  let units = 0;
  for (let n = 0; n < q.needs; n++) if (g.start[n + 1] > g.start[n]) units += Math.max(0, q.slots[n]);
  const early = Math.max(handOver.early, units >> 5);
  let routed = 0;
  let recent = 0;
  let limit = Number.POSITIVE_INFINITY;
  const state = shortestPathRounds(q, g, (settled) => {
    routed++;
    if (routed > early) recent += (settled - recent) / 256;
    else {
      recent += (settled - recent) / routed;
      if (routed === early && nodes >= handOver.minNodes) limit = handOver.growth * recent;
    }
    return recent > limit;
  });
  let waiting = 0;
  for (let n = 0; n < q.needs; n++) waiting += state.left[n];
  let flow = state.flow;
  if (waiting > 0) {
    try {
      flow = costScaling(q, g, state, HAND_OVER_EPSILON);
    } catch (err) {
      if (!(err instanceof RangeError)) throw err;
      // prices beyond exact integers (weights far larger than scores make): finish by shortest paths alone
      flow = shortestPathRounds(q, buildFlowGraph(q)).flow;
    }
  }
  const out = new Uint8Array(p.edgeNeed.length);
  const { index } = live;
  for (let k = 0; k < flow.length; k++) {
    if (flow[k] === 1) out[index ? index[g.original[k]] : g.original[k]] = 1;
  }
  return out;
}
