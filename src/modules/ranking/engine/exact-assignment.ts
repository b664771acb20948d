import { costScaling, liveEdges } from './cost-scaling';
import { buildFlowGraph, type FlowProblem } from './flow-graph';
import { shortestPathRounds } from './min-cost-flow';

/**
 * Shortest paths hand over once a unit's Dijkstra settles, on a running average, this share of the nodes
 * and at least `min` nodes; graphs under `minNodes` nodes stay with shortest paths throughout (their tail
 * costs little, and less than starting cost scaling: 25k scarce edges took 0.3 s that way, 0.1 s without).
 */
const HAND_OVER = { share: 1 / 256, min: 512, minNodes: 8192 };
/** First ε of cost scaling after the hand-over, in weight units (milli-points): the flow is already close. */
const HAND_OVER_EPSILON = 1000;

/**
 * Exact maximum-weight b-matching in two stages on one graph. Successive shortest paths route the units
 * while each unit's Dijkstra stays local — most units, and every unit when experts are plentiful. When
 * experts are scarce the last units' paths cross most of the graph (the last tenth of the units took nine
 * tenths of the time), so once the Dijkstras grow past a share of the graph, cost scaling takes over from
 * the min-cost pseudoflow reached (every residual reduced cost ≥ 0) and moves all remaining units at once.
 * Deterministic for a given input order.
 */
export function exactAssignment(p: FlowProblem, handOver = HAND_OVER): Uint8Array {
  const live = liveEdges(p);
  const q = live.problem;
  const g = buildFlowGraph(q);
  const nodes = q.needs + q.experts + 1;
  const threshold =
    nodes < handOver.minNodes ? Number.POSITIVE_INFINITY : Math.max(handOver.min, nodes * handOver.share);
  let recent = 0;
  const state = shortestPathRounds(q, g, (settled) => {
    recent += (settled - recent) / 32;
    return recent > threshold;
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
  for (let k = 0; k < flow.length; k++) if (flow[k] === 1) out[live.index[g.original[k]]] = 1;
  return out;
}
