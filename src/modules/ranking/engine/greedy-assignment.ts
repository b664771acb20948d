/**
 * Greedy baseline: edges by weight (ties: need, then expert order), taken while both sides have room.
 * The order comes from stable counting sorts (expert, need, then weight descending in two 16-bit
 * digits): O(E) on typed arrays, where a comparator sort of boxed indices took most of the greedy time.
 * Pairs are unique, so the order is total and equals the comparator's.
 */
export function greedyAssignment(p: {
  slots: Int32Array;
  capacity: Int32Array;
  edgeNeed: Int32Array;
  edgeExpert: Int32Array;
  edgeWeight: Int32Array;
}): Uint8Array {
  const E = p.edgeNeed.length;
  const order = greedyOrder(p.edgeNeed, p.edgeExpert, p.edgeWeight);
  const slots = p.slots.slice();
  const cap = p.capacity.slice();
  const chosen = new Uint8Array(E);
  for (let j = 0; j < E; j++) {
    const k = order[j];
    const n = p.edgeNeed[k];
    const e = p.edgeExpert[k];
    if (slots[n] > 0 && cap[e] > 0) {
      slots[n]--;
      cap[e]--;
      chosen[k] = 1;
    }
  }
  return chosen;
}

/** Edge indices by weight descending, then need, then expert (all non-negative integers). */
export function greedyOrder(
  edgeNeed: Int32Array,
  edgeExpert: Int32Array,
  edgeWeight: Int32Array,
): Int32Array {
  const E = edgeNeed.length;
  let maxW = 0;
  for (let k = 0; k < E; k++) maxW = Math.max(maxW, edgeWeight[k]);
  const low = new Int32Array(E);
  const high = new Int32Array(E);
  for (let k = 0; k < E; k++) {
    const descending = maxW - edgeWeight[k];
    low[k] = descending & 0xffff;
    high[k] = descending >>> 16;
  }
  const order = new Int32Array(E);
  for (let k = 0; k < E; k++) order[k] = k;
  const tmp = new Int32Array(E);
  // least significant key first: each stable pass keeps the order of the keys sorted before it
  stableSortBy(order, edgeExpert, tmp);
  stableSortBy(order, edgeNeed, tmp);
  stableSortBy(order, low, tmp);
  stableSortBy(order, high, tmp);
  return order;
}

function stableSortBy(order: Int32Array, key: Int32Array, tmp: Int32Array): void {
  let range = 0;
  for (let j = 0; j < key.length; j++) range = Math.max(range, key[j] + 1);
  const start = new Int32Array(range + 1);
  for (let j = 0; j < order.length; j++) start[key[order[j]] + 1]++;
  for (let r = 0; r < range; r++) start[r + 1] += start[r];
  for (let j = 0; j < order.length; j++) tmp[start[key[order[j]]]++] = order[j];
  order.set(tmp);
}
