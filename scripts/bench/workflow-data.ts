import { TITLE_LEVELS, TITLE_SERIES } from '../../src/modules/experts/expert-levels';
import { closeTaxonomy } from '../../src/modules/experts/expert-profile-write';
import { listRegions } from '../../src/modules/regions/regions.service';
import { getTaxonomy, type TaxonomyNode } from '../../src/modules/taxonomy/taxonomy.service';
import { int, pick, type Rng } from './synthetic-data';

/**
 * Expert documents for the workflow benchmark, shaped like real profiles: fields and skills from the
 * taxonomy, counties from the regions, titles, modes, availability windows, travel preferences.
 * Profiles were last edited some time in the past year, as in a database that has been in use.
 */
const SURNAMES = [...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘'];
const GIVEN = [...'建国华明军平志伟秀英丽敏静芳桂兰玉珍德福永红春梅海涛文斌晓云'];
const MODES = ['onsite', 'periodic', 'remote'] as const;
const DAY_MS = 24 * 3600 * 1000;

const descendants = (n: TaxonomyNode): TaxonomyNode[] => n.children.flatMap((c) => [c, ...descendants(c)]);
const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export interface ProfileWorld {
  fields: { code: string; skills: string[] }[];
  counties: string[];
}

export function profileWorld(): ProfileWorld {
  return {
    fields: getTaxonomy().map((f) => ({ code: f.code, skills: descendants(f).map((d) => d.code) })),
    counties: listRegions().map((r) => r.code),
  };
}

function someOf<T>(rng: Rng, xs: readonly T[], lo: number, hi: number): T[] {
  const out = new Set<T>();
  const n = Math.min(xs.length, int(rng, lo, hi));
  while (out.size < n) out.add(pick(rng, xs));
  return [...out];
}

export function makeExpertDoc(rng: Rng, world: ProfileWorld, k: number, now = Date.now()) {
  const field = pick(rng, world.fields);
  const second = rng() < 0.2 ? pick(rng, world.fields) : undefined;
  const skills = someOf(rng, field.skills, 1, 4);
  const fields = second && second.code !== field.code ? [field.code, second.code] : [field.code];
  const series = (TITLE_SERIES as readonly string[]).includes(field.code) ? field.code : 'other';
  const home = pick(rng, world.counties);
  const start = now + int(rng, -60, 120) * DAY_MS;
  const windows = [{ from: day(start), to: day(start + int(rng, 60, 540) * DAY_MS) }];
  if (rng() < 0.3) {
    const later = start + int(rng, 600, 800) * DAY_MS;
    windows.push({ from: day(later), to: day(later + int(rng, 30, 180) * DAY_MS) });
  }
  const edited = new Date(now - int(rng, 30, 365) * DAY_MS);
  const name = `${pick(rng, SURNAMES)}${pick(rng, GIVEN)}${rng() < 0.6 ? pick(rng, GIVEN) : ''}`;
  return {
    name,
    birthYear: int(rng, 1948, 1966),
    gender: rng() < 0.45 ? 'female' : 'male',
    email: `bench.expert.${k}@example.org`,
    homeCounty: home,
    residenceCounty: rng() < 0.8 ? home : pick(rng, world.counties),
    formerEmployer: `${name.slice(0, 1)}氏示范单位 ${k % 500}`,
    position: '退休专家',
    title: { level: pick(rng, TITLE_LEVELS), series },
    fields,
    skills,
    taxonomyCodes: closeTaxonomy([...fields, ...skills]),
    honours: rng() < 0.25 ? [{ name: '先进工作者', level: 'municipal', year: int(rng, 1990, 2020) }] : [],
    yearsOfExperience: int(rng, 15, 45),
    languages: ['zh'],
    preferredLanguage: rng() < 0.95 ? 'zh-CN' : 'en',
    modes: someOf(rng, MODES, 1, 3),
    availability: {
      windows,
      daysPerMonth: int(rng, 2, 20),
      maxConcurrent: int(rng, 1, 3),
      blockedDates: [],
      paused: rng() < 0.03,
    },
    travel: { maxHours: int(rng, 1, 8), regions: someOf(rng, world.counties, 0, 3), remoteOk: rng() < 0.7 },
    consents: [{ kind: 'profile', textVersion: 'privacy-2026-01', at: edited, channel: 'web' }],
    status: rng() < 0.02 ? 'paused' : 'active',
    activeEngagements: 0,
    pendingOffers: 0,
    createdAt: edited,
    updatedAt: edited,
  };
}
