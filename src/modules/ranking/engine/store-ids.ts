/**
 * The store's external ids by slot, without a JS string per expert: an id of 24 lower-case hex digits (a
 * MongoDB ObjectId as the service writes it) is kept as its 12 bytes, any other id as a string; an
 * open-addressing table (linear probing, slots in an Int32Array) finds the slot of an id. About 22 B per
 * expert where a string array and a Map took over 200.
 */
export class IdTable {
  private bytes = new Uint8Array(0);
  /** Per slot: 0 no id, 1 hex id in `bytes`, 2 other id in `others`. */
  private kind = new Uint8Array(0);
  private readonly others = new Map<number, string>();
  /** Slots, −1 empty; size a power of two, at most half full. */
  private cells = new Int32Array(16).fill(-1);
  private count = 0;
  /** The query id's bytes when it is hex (slotOf), so a lookup allocates nothing. */
  private readonly probe = new Uint8Array(12);

  grow(capacity: number): void {
    const bytes = new Uint8Array(capacity * 12);
    bytes.set(this.bytes);
    this.bytes = bytes;
    const kind = new Uint8Array(capacity);
    kind.set(this.kind);
    this.kind = kind;
  }

  slotOf(id: string): number | undefined {
    const hex = parseHex(id, this.probe);
    const mask = this.cells.length - 1;
    for (let c = (hex ? hashBytes(this.probe, 0) : hashString(id)) & mask; ; c = (c + 1) & mask) {
      const slot = this.cells[c];
      if (slot < 0) return undefined;
      if (hex ? this.kind[slot] === 1 && this.bytesEqual(slot) : this.others.get(slot) === id) return slot;
    }
  }

  idOf(slot: number): string | undefined {
    const k = this.kind[slot];
    if (k === 1) {
      let s = '';
      for (let b = slot * 12, end = b + 12; b < end; b++) s += HEX[this.bytes[b]];
      return s;
    }
    return k === 2 ? this.others.get(slot) : undefined;
  }

  /** Orders two slots as their ids compare as strings (an empty slot as ''), for ties in rankings. */
  compare(a: number, b: number): number {
    if (this.kind[a] === 1 && this.kind[b] === 1) {
      // lower-case hex compares as its bytes do
      for (let x = a * 12, y = b * 12, end = x + 12; x < end; x++, y++) {
        if (this.bytes[x] !== this.bytes[y]) return this.bytes[x] - this.bytes[y];
      }
      return 0;
    }
    const ia = this.idOf(a) ?? '';
    const ib = this.idOf(b) ?? '';
    return ia < ib ? -1 : ia > ib ? 1 : 0;
  }

  /** Gives slot `slot` the id (the id is not in the table and the slot has none). */
  set(slot: number, id: string): void {
    if (2 * (this.count + 1) > this.cells.length) this.rehash(this.cells.length * 2);
    if (parseHex(id, this.probe)) {
      this.bytes.set(this.probe, slot * 12);
      this.kind[slot] = 1;
    } else {
      this.others.set(slot, id);
      this.kind[slot] = 2;
    }
    this.place(slot);
    this.count++;
  }

  /** Takes the id of `slot` out (backward-shift deletion: no tombstones). */
  delete(slot: number): void {
    if (this.kind[slot] === 0) return;
    const mask = this.cells.length - 1;
    let c = this.hashOf(slot) & mask;
    while (this.cells[c] !== slot) c = (c + 1) & mask;
    for (let next = (c + 1) & mask; this.cells[next] >= 0; next = (next + 1) & mask) {
      const home = this.hashOf(this.cells[next]) & mask;
      // the entry at `next` moves into the hole at c when c lies between its home and `next`
      if (((next - home) & mask) >= ((next - c) & mask)) {
        this.cells[c] = this.cells[next];
        c = next;
      }
    }
    this.cells[c] = -1;
    this.kind[slot] = 0;
    this.others.delete(slot);
    this.count--;
  }

  byteLength(): number {
    return this.bytes.byteLength + this.kind.byteLength + this.cells.byteLength + this.others.size * 120;
  }

  private place(slot: number): void {
    const mask = this.cells.length - 1;
    let c = this.hashOf(slot) & mask;
    while (this.cells[c] >= 0) c = (c + 1) & mask;
    this.cells[c] = slot;
  }

  private rehash(size: number): void {
    const old = this.cells;
    this.cells = new Int32Array(size).fill(-1);
    for (const slot of old) if (slot >= 0) this.place(slot);
  }

  private hashOf(slot: number): number {
    return this.kind[slot] === 1 ? hashBytes(this.bytes, slot * 12) : hashString(this.others.get(slot) ?? '');
  }

  private bytesEqual(slot: number): boolean {
    const at = slot * 12;
    for (let k = 0; k < 12; k++) if (this.bytes[at + k] !== this.probe[k]) return false;
    return true;
  }
}

const HEX = Array.from({ length: 256 }, (_, b) => b.toString(16).padStart(2, '0'));

/** Writes the 12 bytes of a 24-digit lower-case hex id into `out`; false for any other id. */
function parseHex(id: string, out: Uint8Array): boolean {
  if (id.length !== 24) return false;
  for (let k = 0; k < 12; k++) {
    const hi = nibble(id.charCodeAt(2 * k));
    const lo = nibble(id.charCodeAt(2 * k + 1));
    if (hi < 0 || lo < 0) return false;
    out[k] = (hi << 4) | lo;
  }
  return true;
}

function nibble(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  return c >= 97 && c <= 102 ? c - 87 : -1;
}

/** FNV-1a, then a final mix: ObjectIds of one second share their first bytes. */
function hashBytes(bytes: Uint8Array, at: number): number {
  let h = 0x811c9dc5;
  for (let k = at; k < at + 12; k++) h = Math.imul(h ^ bytes[k], 0x01000193);
  return mix(h);
}

function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let k = 0; k < s.length; k++) h = Math.imul(h ^ s.charCodeAt(k), 0x01000193);
  return mix(h);
}

function mix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  return h >>> 0;
}
