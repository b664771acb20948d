/**
 * Monotone bucket queue of (level, node) for small integer levels, with lazy deletion: a node may sit in
 * several buckets, and the caller skips stale entries. Levels at or above the bucket count are refused.
 */
export class LevelQueue {
  private head: Int32Array;
  private node: Int32Array;
  private next: Int32Array;
  private used = 0;
  private top = -1;
  /** Level of the entry last popped. */
  level = 0;
  size = 0;

  constructor(levels: number, capacity: number) {
    this.head = new Int32Array(levels).fill(-1);
    this.node = new Int32Array(Math.max(16, capacity));
    this.next = new Int32Array(Math.max(16, capacity));
  }

  clear(): void {
    for (let l = 0; l <= this.top; l++) this.head[l] = -1;
    this.used = 0;
    this.top = -1;
    this.level = 0;
    this.size = 0;
  }

  /** Returns false when the level is beyond the buckets (the entry is not kept). */
  push(level: number, v: number): boolean {
    if (level >= this.head.length) return false;
    if (this.used === this.node.length) {
      const node = new Int32Array(this.used * 2);
      const next = new Int32Array(this.used * 2);
      node.set(this.node);
      next.set(this.next);
      this.node = node;
      this.next = next;
    }
    const entry = this.used++;
    this.node[entry] = v;
    this.next[entry] = this.head[level];
    this.head[level] = entry;
    if (level > this.top) this.top = level;
    this.size++;
    return true;
  }

  /** Removes an entry of the lowest level and returns its node (its level is then in `level`). */
  pop(): number {
    let l = this.level;
    while (this.head[l] === -1) l++;
    const entry = this.head[l];
    this.head[l] = this.next[entry];
    this.level = l;
    this.size--;
    return this.node[entry];
  }
}
