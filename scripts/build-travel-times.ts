/**
 * Builds src/modules/regions/data/travel-times.json — driving minutes between every pair of county seats —
 * from the road model in road-network.json (see the README beside them):
 *
 *   npx tsx scripts/build-travel-times.ts            # rebuild, then report against the known times
 *   npx tsx scripts/build-travel-times.ts --check    # report only, write nothing
 *
 * The model functions are exported so the tests can check that the committed matrix matches the network.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

const DATA = path.join(__dirname, '..', 'src', 'modules', 'regions', 'data');
export const NETWORK_FILE = path.join(DATA, 'road-network.json');
export const KNOWN_FILE = path.join(DATA, 'known-travel-times.json');
export const REGIONS_FILE = path.join(DATA, 'regions.json');
export const OUT_FILE = path.join(DATA, 'travel-times.json');

/** Minutes at or above this are stored as this (the engine's "unreachable"). */
export const MAX_MINUTES = 65534;

const Code = z.string().regex(/^\d{6}$/);
const TERRAINS = ['flat', 'hill', 'mountain'] as const;
type Terrain = (typeof TERRAINS)[number];
const ROAD_CLASSES = ['expressway', 'ordinary'] as const;
type RoadClass = (typeof ROAD_CLASSES)[number];

const ClassParams = z
  .object({ speedKmh: z.number().min(10).max(130), winding: z.number().min(1).max(3) })
  .strict();
const ByTerrain = z.object({ flat: ClassParams, hill: ClassParams, mountain: ClassParams }).strict();

export const RoadNetwork = z
  .object({
    description: z.string(),
    version: z.number().int(),
    classes: z.object({ expressway: ByTerrain, ordinary: ByTerrain }).strict(),
    accessMinutes: z.number().min(0).max(60),
    neighbours: z
      .object({ k: z.number().int().min(1), maxKm: z.number().positive(), minLinks: z.number().int().min(1) })
      .strict(),
    terrain: z
      .object({
        default: z.enum(TERRAINS),
        flatPrefectures: z.array(Code),
        flatCounties: z.array(Code),
        mountainPrefectures: z.array(Code),
        mountainCounties: z.array(Code),
        hillCounties: z.array(Code),
        note: z.string(),
      })
      .strict(),
    corridors: z.array(
      z
        .object({
          id: z.string().min(1),
          name: z.string().min(1),
          nameEn: z.string().min(1),
          codes: z.array(Code).min(2),
          uncertain: z.array(Code).optional(),
          note: z.string().optional(),
        })
        .strict(),
    ),
    links: z.array(
      z.object({ from: Code, to: Code, class: z.enum(ROAD_CLASSES), note: z.string().min(1) }).strict(),
    ),
    roadKm: z.array(
      z.object({ from: Code, to: Code, km: z.number().positive(), note: z.string().min(1) }).strict(),
    ),
  })
  .strict();
export type RoadNetwork = z.infer<typeof RoadNetwork>;

export const KnownTimes = z
  .object({
    description: z.string(),
    pairs: z.array(
      z
        .object({
          from: Code,
          fromName: z.string(),
          to: Code,
          toName: z.string(),
          minutes: z.number().int().positive(),
          route: z.string().min(1),
          source: z.string().min(10),
          confidence: z.enum(['high', 'medium']),
        })
        .strict(),
    ),
  })
  .strict();
export type KnownTimes = z.infer<typeof KnownTimes>;

export interface Seat {
  code: string;
  prefecture: string;
  lat: number;
  lng: number;
}

export function haversineKm(a: { lat: number; lng: number }, b: { lat: number; lng: number }): number {
  const rad = Math.PI / 180;
  const h =
    Math.sin(((b.lat - a.lat) * rad) / 2) ** 2 +
    Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(((b.lng - a.lng) * rad) / 2) ** 2;
  return 2 * 6371.0088 * Math.asin(Math.min(1, Math.sqrt(h)));
}

export function terrainOf(net: RoadNetwork, seat: Seat): Terrain {
  const t = net.terrain;
  if (t.mountainCounties.includes(seat.code)) return 'mountain';
  if (t.flatCounties.includes(seat.code)) return 'flat';
  if (t.hillCounties.includes(seat.code)) return 'hill';
  if (t.mountainPrefectures.includes(seat.prefecture)) return 'mountain';
  if (t.flatPrefectures.includes(seat.prefecture)) return 'flat';
  return t.default;
}

const RANK: Record<Terrain, number> = { flat: 0, hill: 1, mountain: 2 };

export interface Edge {
  a: number;
  b: number;
  roadClass: RoadClass;
  terrain: Terrain;
  km: number;
  minutes: number;
}

/**
 * The links of the graph: each corridor's consecutive seats as expressway (with the road length where
 * roadKm gives it), each seat to its nearest neighbours as ordinary road, and the hand-added links. Where two links of one class join the same pair,
 * the faster is kept.
 */
export function buildEdges(net: RoadNetwork, seats: readonly Seat[]): Edge[] {
  const indexOf = new Map(seats.map((s, i) => [s.code, i]));
  const at = (code: string, where: string) => {
    const i = indexOf.get(code);
    if (i === undefined) throw new Error(`road-network.json: unknown county ${code} in ${where}`);
    return i;
  };
  const terrain = seats.map((s) => terrainOf(net, s));
  const pairKey = (a: number, b: number) => `${Math.min(a, b)}-${Math.max(a, b)}`;
  const roadKm = new Map(net.roadKm.map((r) => [pairKey(at(r.from, 'roadKm'), at(r.to, 'roadKm')), r.km]));
  const edges = new Map<string, Edge>();
  const add = (a: number, b: number, roadClass: RoadClass) => {
    if (a === b) return;
    const t = RANK[terrain[a]] >= RANK[terrain[b]] ? terrain[a] : terrain[b];
    const p = net.classes[roadClass][t];
    // A known road length of an expressway leg replaces straight line × winding.
    const known = roadClass === 'expressway' ? roadKm.get(pairKey(a, b)) : undefined;
    const km = known ?? haversineKm(seats[a], seats[b]) * p.winding;
    const edge = {
      a: Math.min(a, b),
      b: Math.max(a, b),
      roadClass,
      terrain: t,
      km,
      minutes: (km / p.speedKmh) * 60,
    };
    // Both classes may join a pair: an ordinary road does not pay the expressway's access time.
    const key = `${edge.a}-${edge.b}-${roadClass}`;
    const old = edges.get(key);
    if (!old || old.minutes > edge.minutes) edges.set(key, edge);
  };
  for (const c of net.corridors) {
    for (const code of c.uncertain ?? []) {
      if (!c.codes.includes(code))
        throw new Error(`road-network.json: ${c.id} marks ${code} uncertain but lacks it`);
    }
    for (let i = 1; i < c.codes.length; i++)
      add(at(c.codes[i - 1], c.id), at(c.codes[i], c.id), 'expressway');
  }
  const { k, maxKm, minLinks } = net.neighbours;
  seats.forEach((s, i) => {
    const nearest = seats
      .map((o, j) => ({ j, km: haversineKm(s, o) }))
      .filter((n) => n.j !== i)
      .sort((x, y) => x.km - y.km);
    nearest.forEach((n, rank) => {
      if (rank < minLinks || (rank < k && n.km <= maxKm)) add(i, n.j, 'ordinary');
    });
  });
  for (const l of net.links) add(at(l.from, 'links'), at(l.to, 'links'), l.class);
  return [...edges.values()];
}

/**
 * Dijkstra with a binary heap from one source over two layers: layer 0 has not used an expressway yet,
 * layer 1 has. The first expressway link of a trip costs the access time (town centre to interchange and
 * off again) on top of its driving time; ordinary roads between neighbouring towns do not.
 * Returns minutes (float) to every node.
 */
function shortestFrom(
  source: number,
  adjacency: ReadonlyArray<ReadonlyArray<[number, number, boolean]>>,
  accessMinutes: number,
): Float64Array {
  const n = adjacency.length;
  const dist = new Float64Array(2 * n).fill(Number.POSITIVE_INFINITY);
  dist[source] = 0;
  const heap: Array<[number, number]> = [[0, source]];
  const push = (item: [number, number]) => {
    heap.push(item);
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (heap[parent][0] <= heap[i][0]) break;
      [heap[parent], heap[i]] = [heap[i], heap[parent]];
      i = parent;
    }
  };
  const pop = (): [number, number] => {
    const top = heap[0];
    const last = heap.pop() as [number, number];
    if (heap.length > 0) {
      heap[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < heap.length && heap[l][0] < heap[m][0]) m = l;
        if (r < heap.length && heap[r][0] < heap[m][0]) m = r;
        if (m === i) break;
        [heap[m], heap[i]] = [heap[i], heap[m]];
        i = m;
      }
    }
    return top;
  };
  while (heap.length > 0) {
    const [d, state] = pop();
    if (d > dist[state]) continue;
    const layer = state >= n ? 1 : 0;
    const u = state - layer * n;
    for (const [v, w, expressway] of adjacency[u]) {
      const toLayer = layer === 1 || expressway ? 1 : 0;
      const cost = d + w + (expressway && layer === 0 ? accessMinutes : 0);
      const next = v + toLayer * n;
      if (cost < dist[next]) {
        dist[next] = cost;
        push([cost, next]);
      }
    }
  }
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = Math.min(dist[i], dist[i + n]);
  return out;
}

/** Row-major R × R whole minutes of the fastest path, 0 on the diagonal, capped at MAX_MINUTES. */
export function allPairsMinutes(net: RoadNetwork, seats: readonly Seat[]): Uint16Array {
  const n = seats.length;
  const adjacency: Array<Array<[number, number, boolean]>> = seats.map(() => []);
  for (const e of buildEdges(net, seats)) {
    const expressway = e.roadClass === 'expressway';
    adjacency[e.a].push([e.b, e.minutes, expressway]);
    adjacency[e.b].push([e.a, e.minutes, expressway]);
  }
  const out = new Uint16Array(n * n);
  for (let i = 0; i < n; i++) {
    const dist = shortestFrom(i, adjacency, net.accessMinutes);
    for (let j = 0; j < n; j++) {
      if (i === j) continue;
      out[i * n + j] = Number.isFinite(dist[j]) ? Math.min(MAX_MINUTES, Math.round(dist[j])) : MAX_MINUTES;
    }
  }
  return out;
}

/** The strict upper triangle (i < j), row by row, as little-endian uint16 in base64. */
export function encodeUpperTriangle(minutes: Uint16Array, n: number): string {
  const buf = Buffer.alloc(((n * (n - 1)) / 2) * 2);
  let o = 0;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      buf.writeUInt16LE(minutes[i * n + j], o);
      o += 2;
    }
  }
  return buf.toString('base64');
}

export function loadInputs() {
  const read = (file: string): unknown => JSON.parse(readFileSync(file, 'utf8'));
  const regions = z
    .object({
      regions: z.array(z.object({ code: Code, prefecture: Code, lat: z.number(), lng: z.number() }).loose()),
    })
    .loose()
    .parse(read(REGIONS_FILE));
  const seats: Seat[] = regions.regions.map((r) => ({
    code: r.code,
    prefecture: r.prefecture,
    lat: r.lat,
    lng: r.lng,
  }));
  return { seats, network: RoadNetwork.parse(read(NETWORK_FILE)), known: KnownTimes.parse(read(KNOWN_FILE)) };
}

/** The file written: region codes in order and the symmetric matrix's upper triangle. */
export function serialise(net: RoadNetwork, seats: readonly Seat[], minutes: Uint16Array): string {
  const doc = {
    description:
      'Driving minutes between county seats from the road model in road-network.json (access time included). ' +
      'Built by scripts/build-travel-times.ts; see README.md.',
    networkVersion: net.version,
    encoding: 'upper-triangle-uint16le-base64',
    codes: seats.map((s) => s.code),
    minutes: encodeUpperTriangle(minutes, seats.length),
  };
  return `${JSON.stringify(doc, null, 1)}\n`;
}

export interface PairReport {
  from: string;
  to: string;
  label: string;
  known: number;
  model: number;
  straight: number;
  ratio: number;
}

/** The model and the old straight-line estimate (× 1.4 at 60 km/h) against every known time. */
export function compareWithKnown(
  known: KnownTimes,
  seats: readonly Seat[],
  minutes: Uint16Array,
): PairReport[] {
  const n = seats.length;
  const indexOf = new Map(seats.map((s, i) => [s.code, i]));
  return known.pairs.map((p) => {
    const i = indexOf.get(p.from);
    const j = indexOf.get(p.to);
    if (i === undefined || j === undefined) throw new Error(`known time ${p.from}–${p.to}: unknown county`);
    const model = minutes[i * n + j];
    return {
      from: p.from,
      to: p.to,
      label: `${p.fromName}–${p.toName}`,
      known: p.minutes,
      model,
      straight: ((haversineKm(seats[i], seats[j]) * 1.4) / 60) * 60,
      ratio: model / p.minutes,
    };
  });
}

export const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

function main() {
  const { seats, network, known } = loadInputs();
  const started = Date.now();
  const minutes = allPairsMinutes(network, seats);
  const edges = buildEdges(network, seats);
  console.log(
    `${seats.length} seats, ${edges.length} links (${edges.filter((e) => e.roadClass === 'expressway').length} expressway), all pairs in ${Date.now() - started} ms`,
  );
  const unreachable = minutes.filter((m, idx) => m >= MAX_MINUTES && idx % (seats.length + 1) !== 0).length;
  if (unreachable > 0) throw new Error(`${unreachable} pairs are unreachable: the graph is not connected`);

  const report = compareWithKnown(known, seats, minutes).sort(
    (a, b) => Math.abs(Math.log(b.ratio)) - Math.abs(Math.log(a.ratio)),
  );
  for (const r of report) {
    console.log(
      `${r.ratio.toFixed(2)}  model ${String(r.model).padStart(4)}  known ${String(r.known).padStart(4)}  straight ${String(Math.round(r.straight)).padStart(4)}  ${r.label}`,
    );
  }
  const logs = report.map((r) => Math.abs(Math.log(r.ratio)));
  const straightLogs = report.map((r) => Math.abs(Math.log(r.straight / r.known)));
  const ratios = report.map((r) => r.ratio);
  console.log(
    `model/known: min ${Math.min(...ratios).toFixed(2)}, max ${Math.max(...ratios).toFixed(2)}, median ${median(ratios).toFixed(2)}; ` +
      `median |log ratio| model ${median(logs).toFixed(3)} vs straight line ${median(straightLogs).toFixed(3)}`,
  );
  console.log(
    `straight/known: min ${Math.min(...report.map((r) => r.straight / r.known)).toFixed(2)}, max ${Math.max(...report.map((r) => r.straight / r.known)).toFixed(2)}`,
  );
  if (process.argv.includes('--check')) return;
  const text = serialise(network, seats, minutes);
  writeFileSync(OUT_FILE, text);
  console.log(`wrote ${path.relative(process.cwd(), OUT_FILE)} (${Buffer.byteLength(text)} bytes)`);
}

if (require.main === module) main();
