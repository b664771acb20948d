/** Binary min-heap of (distance, node) for Dijkstra with lazy deletion; ties pop the smaller node first. */
export class DistHeap {
  private d: Float64Array;
  private v: Int32Array;
  size = 0;

  constructor(capacity: number) {
    this.d = new Float64Array(Math.max(16, capacity));
    this.v = new Int32Array(Math.max(16, capacity));
  }

  clear(): void {
    this.size = 0;
  }

  topDist(): number {
    return this.d[0];
  }

  push(dist: number, node: number): void {
    if (this.size === this.d.length) {
      const d = new Float64Array(this.size * 2);
      const v = new Int32Array(this.size * 2);
      d.set(this.d);
      v.set(this.v);
      this.d = d;
      this.v = v;
    }
    const hd = this.d;
    const hv = this.v;
    let k = this.size++;
    while (k > 0) {
      const p = (k - 1) >> 1;
      if (hd[p] < dist || (hd[p] === dist && hv[p] <= node)) break;
      hd[k] = hd[p];
      hv[k] = hv[p];
      k = p;
    }
    hd[k] = dist;
    hv[k] = node;
  }

  /** Removes the minimum and returns its node (read topDist() first). */
  pop(): number {
    const hd = this.d;
    const hv = this.v;
    const top = hv[0];
    const n = --this.size;
    if (n === 0) return top;
    const dist = hd[n];
    const node = hv[n];
    let k = 0;
    for (;;) {
      const l = 2 * k + 1;
      if (l >= n) break;
      const r = l + 1;
      const c = r < n && (hd[r] < hd[l] || (hd[r] === hd[l] && hv[r] < hv[l])) ? r : l;
      if (hd[c] > dist || (hd[c] === dist && hv[c] >= node)) break;
      hd[k] = hd[c];
      hv[k] = hv[c];
      k = c;
    }
    hd[k] = dist;
    hv[k] = node;
    return top;
  }
}
