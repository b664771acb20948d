import type {
  EngagementMode,
  EngineExpert,
  EngineNeed,
  EngineRegion,
  EngineTaxonomyNode,
} from '../../src/modules/ranking/engine';

/**
 * Seeded synthetic data for the matching benchmark and the engine's randomised tests: a border region of
 * four provinces, a field → sub-field → skill taxonomy, experts and needs with every attribute varied.
 */

export type Rng = () => number;

/** mulberry32: small, fast, seeded. */
export function seededRng(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const int = (rng: Rng, lo: number, hi: number): number => lo + Math.floor(rng() * (hi - lo + 1));
export const pick = <T>(rng: Rng, xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)];

export interface World {
  regions: EngineRegion[];
  taxonomy: EngineTaxonomyNode[];
  fields: string[];
  skills: string[];
  subs: string[];
  employers: string[];
  day0: number;
}

export interface WorldShape {
  counties: number;
  fields: number;
  subsPerField: number;
  skillsPerSub: number;
  employers: number;
}

const PROVINCES = [
  { code: '50', lat: 29.5, lng: 108.7 },
  { code: '42', lat: 30.3, lng: 109.5 },
  { code: '43', lat: 28.3, lng: 109.7 },
  { code: '52', lat: 27.7, lng: 108.9 },
];

export function makeWorld(rng: Rng, shape: WorldShape): World {
  const regions: EngineRegion[] = [];
  for (let k = 0; k < shape.counties; k++) {
    const p = PROVINCES[k % 4];
    const pref = Math.floor(k / 4) % 8;
    const county = Math.floor(k / 32);
    regions.push({
      code: `${p.code}${String(pref + 1).padStart(2, '0')}${String(county + 1).padStart(2, '0')}`,
      lat: p.lat + (pref % 3) * 0.4 + (rng() - 0.5) * 0.6,
      lng: p.lng + Math.floor(pref / 3) * 0.4 + (rng() - 0.5) * 0.6,
    });
  }
  const taxonomy: EngineTaxonomyNode[] = [];
  const fields: string[] = [];
  const subs: string[] = [];
  const skills: string[] = [];
  for (let f = 0; f < shape.fields; f++) {
    const fc = `F${f}`;
    fields.push(fc);
    taxonomy.push({ code: fc });
    for (let s = 0; s < shape.subsPerField; s++) {
      const sc = `${fc}.${s}`;
      subs.push(sc);
      taxonomy.push({ code: sc, parent: fc });
      for (let k = 0; k < shape.skillsPerSub; k++) {
        skills.push(`${sc}.${k}`);
        taxonomy.push({ code: `${sc}.${k}`, parent: sc });
      }
    }
  }
  const employers = Array.from({ length: shape.employers }, (_, k) => `emp${k}`);
  return { regions, taxonomy, fields, subs, skills, employers, day0: 20000 };
}

export const objectId = (n: number, prefix = 'e'): string =>
  (prefix === 'e' ? '6a' : '6b') + n.toString(16).padStart(22, '0');

const MODES: EngagementMode[] = ['onsite', 'periodic', 'remote'];
const SERIES = ['health', 'engineering', 'agriculture', 'education', 'economics'];

/** A skill near `home` (same field most of the time). */
function skillNear(rng: Rng, w: World, homeField: number, perField: number): string {
  const f = rng() < 0.8 ? homeField : int(rng, 0, w.fields.length - 1);
  return w.skills[f * perField + int(rng, 0, perField - 1)];
}

export function makeExpert(rng: Rng, w: World, n: number, needIds: readonly string[] = []): EngineExpert {
  const perField = w.skills.length / w.fields.length;
  const home = int(rng, 0, w.fields.length - 1);
  const skills = new Set<string>();
  for (let k = int(rng, 1, 5); k > 0; k--) skills.add(skillNear(rng, w, home, perField));
  if (rng() < 0.2) skills.add(pick(rng, w.subs));
  const modes = MODES.filter(() => rng() < 0.6);
  if (modes.length === 0) modes.push(pick(rng, MODES));
  const start = w.day0 + int(rng, -60, 200);
  const windows = [{ from: start, to: start + int(rng, 30, 400) }];
  if (rng() < 0.15) windows.push({ from: start + 450, to: start + 600 });
  const blocked = rng() < 0.2 ? Array.from({ length: int(rng, 1, 8) }, () => start + int(rng, 0, 60)) : [];
  const engagements: NonNullable<EngineExpert['engagements']> = [];
  for (let k = int(rng, 0, 3); k > 0; k--) {
    engagements.push({ employerId: pick(rng, w.employers), status: 'completed', rating: int(rng, 1, 5) });
  }
  for (let k = int(rng, 0, 1); k > 0; k--) {
    const from = w.day0 + int(rng, -200, 300);
    const period = rng() < 0.8 ? { from, to: from + int(rng, 30, 200) } : undefined;
    engagements.push({ employerId: pick(rng, w.employers), status: 'active', period });
  }
  const offers: NonNullable<EngineExpert['offers']> = [];
  if (needIds.length > 0 && rng() < 0.3) offers.push({ needId: pick(rng, needIds), status: 'declined' });
  if (needIds.length > 0 && rng() < 0.1) offers.push({ needId: pick(rng, needIds), status: 'rejected' });
  if (rng() < 0.2)
    offers.push({ needId: needIds.length > 0 ? pick(rng, needIds) : 'n-x', status: 'pending' });
  const keywordSkills = rng() < 0.2 ? [skillNear(rng, w, home, perField)] : undefined;
  const cut = start + int(rng, 0, 200);
  const blockedPeriods = rng() < 0.1 ? [{ from: cut, to: cut + int(rng, 0, 40) }] : undefined;
  return {
    id: objectId(n),
    regionCode: pick(rng, w.regions).code,
    skills: [...skills],
    keywordSkills,
    title: rng() < 0.75 ? { level: int(rng, 1, 4), series: pick(rng, SERIES) } : undefined,
    skillLevel: rng() < 0.4 ? int(rng, 1, 5) : undefined,
    honours: Array.from({ length: rng() < 0.6 ? 0 : int(rng, 1, 5) }, (_, k) => `h${k}`),
    yearsExperience: int(rng, 3, 50),
    modes,
    preferredModes: rng() < 0.6 ? [pick(rng, modes)] : undefined,
    availability: {
      windows,
      blockedDates: blocked,
      blockedPeriods,
      daysPerMonth: int(rng, 1, 31),
      maxConcurrent: int(rng, 1, 4),
      paused: rng() < 0.05,
    },
    travel: {
      maxHours: rng() < 0.85 ? int(rng, 1, 16) / 2 : undefined,
      regions: rng() < 0.15 ? [pick(rng, w.regions).code, pick(rng, w.regions).code] : undefined,
    },
    engagements,
    offers,
  };
}

export function makeNeed(rng: Rng, w: World, n: number): EngineNeed {
  const perField = w.skills.length / w.fields.length;
  const home = int(rng, 0, w.fields.length - 1);
  const must = new Set<string>();
  for (let k = int(rng, 1, 3); k > 0; k--) must.add(skillNear(rng, w, home, perField));
  const nice = new Set<string>();
  for (let k = int(rng, 0, 3); k > 0; k--) nice.add(skillNear(rng, w, home, perField));
  const from = w.day0 + int(rng, 0, 300);
  const levelKind = rng();
  const mode = pick(rng, MODES);
  const subsPerField = w.subs.length / w.fields.length;
  const fieldKind = rng();
  const fields =
    fieldKind < 0.1
      ? [w.fields[home]]
      : fieldKind < 0.2
        ? [w.subs[home * subsPerField + int(rng, 0, subsPerField - 1)]]
        : undefined;
  return {
    id: objectId(n, 'n'),
    employerId: pick(rng, w.employers),
    regionCode: pick(rng, w.regions).code,
    mustHaveSkills: [...must],
    mustHaveMatch: rng() < 0.3 ? 'exact' : 'subField',
    niceToHaveSkills: [...nice],
    fields,
    minTitle:
      levelKind < 0.6
        ? { level: int(rng, 1, 3), series: rng() < 0.3 ? pick(rng, SERIES) : undefined }
        : undefined,
    minSkillLevel: levelKind > 0.4 && levelKind < 0.8 ? int(rng, 2, 4) : undefined,
    mode,
    period: { from, to: from + int(rng, 7, 180) },
    daysPerMonth: mode === 'remote' ? undefined : int(rng, 2, 22),
    wanted: int(rng, 1, 4),
    priority: rng() < 0.2,
  };
}
