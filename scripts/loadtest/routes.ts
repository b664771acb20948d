/**
 * The routes the load test drives, who calls them and their share of the mix. Pure data: the driver
 * (drive.ts) turns each into autocannon requests, options.ts checks `--only` against the names.
 */
export const ROUTE_NAMES = [
  'health',
  'candidates',
  'need-page',
  'expert-home',
  'employer-home',
  'need-list',
  'expert-search',
  'availability',
] as const;
export type RouteName = (typeof ROUTE_NAMES)[number];

export type Role = 'coordinator' | 'expert' | 'employer';

export interface RouteSpec {
  name: RouteName;
  /** What a reader of the report sees. */
  label: string;
  method: 'GET' | 'PATCH';
  /** Whose session cookie it carries; none for /health. */
  role?: Role;
  /** Share of the mix's connections (the weights add up to 100). */
  weight: number;
}

export const ROUTES: readonly RouteSpec[] = [
  { name: 'health', label: 'GET /health', method: 'GET', weight: 5 },
  {
    name: 'candidates',
    label: 'GET /api/v1/needs/{id}/candidates',
    method: 'GET',
    role: 'coordinator',
    weight: 20,
  },
  { name: 'need-page', label: 'GET /coordinator/needs/{id}', method: 'GET', role: 'coordinator', weight: 10 },
  { name: 'expert-home', label: 'GET /expert', method: 'GET', role: 'expert', weight: 15 },
  { name: 'employer-home', label: 'GET /employer', method: 'GET', role: 'employer', weight: 10 },
  {
    name: 'need-list',
    label: 'GET /api/v1/needs?pageSize=20',
    method: 'GET',
    role: 'coordinator',
    weight: 15,
  },
  {
    name: 'expert-search',
    label: 'GET /api/v1/experts?q=…&pageSize=20',
    method: 'GET',
    role: 'coordinator',
    weight: 20,
  },
  { name: 'availability', label: 'PATCH /api/v1/experts/me', method: 'PATCH', role: 'expert', weight: 5 },
];

export const routeSpec = (name: RouteName): RouteSpec => {
  const spec = ROUTES.find((r) => r.name === name);
  if (!spec) throw new Error(`unknown route ${name}`);
  return spec;
};

/**
 * Splits `total` connections over the routes by weight (largest remainder), each route at least one:
 * the mix is one autocannon instance per route, all running at once.
 */
export function splitConnections(routes: readonly RouteSpec[], total: number): Map<RouteName, number> {
  const weight = routes.reduce((s, r) => s + r.weight, 0);
  const spare = Math.max(0, total - routes.length);
  const exact = routes.map((r) => (spare * r.weight) / weight);
  const counts = exact.map((x) => Math.floor(x));
  let left = spare - counts.reduce((s, n) => s + n, 0);
  const byRemainder = exact.map((x, i) => ({ i, rest: x - Math.floor(x) })).sort((a, b) => b.rest - a.rest);
  for (const { i } of byRemainder) {
    if (left <= 0) break;
    counts[i] += 1;
    left -= 1;
  }
  return new Map(routes.map((r, i) => [r.name, counts[i] + 1]));
}
