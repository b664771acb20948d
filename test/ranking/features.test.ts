import type { EngineExpert, EngineNeed } from '../../src/modules/ranking/engine';
import { explain, type FeatureName, rankCandidates } from '../../src/modules/ranking/engine';
import { buildExpert, buildNeed, storeOf } from './support/engine-fixtures';

function featureValue(
  feature: FeatureName,
  expertOverrides: Partial<EngineExpert>,
  needOverrides: Partial<EngineNeed> = {},
) {
  const expert = buildExpert(expertOverrides);
  const verdict = explain(storeOf([expert]), buildNeed(needOverrides), expert.id);
  if (verdict.excluded) throw new Error(`excluded: ${verdict.reasons.map((r) => r.filter).join()}`);
  const c = verdict.contributions.find((x) => x.feature === feature);
  if (!c) throw new Error(`no ${feature}`);
  return c.value;
}

// Expected travel minutes by an independent haversine (km × 1.4 road factor at 60 km/h).
function minutesBetween(a: [number, number], b: [number, number]): number {
  const r = Math.PI / 180;
  const h =
    Math.sin(((b[0] - a[0]) * r) / 2) ** 2 +
    Math.cos(a[0] * r) * Math.cos(b[0] * r) * Math.sin(((b[1] - a[1]) * r) / 2) ** 2;
  const km = 2 * 6371.0088 * Math.asin(Math.sqrt(h));
  return Math.round(km * 1.4);
}

describe('scoring features', () => {
  it.each<[string, FeatureName, Partial<EngineExpert>, Partial<EngineNeed>, number]>([
    ['the must-have skill is held exactly', 'mustHaveSkills', {}, {}, 1],
    [
      'only a skill of the same sub-field is held',
      'mustHaveSkills',
      { skills: ['health.cardio.echo'] },
      {},
      0.5,
    ],
    [
      'only a skill of the same field is held (a nice-to-have)',
      'niceToHaveSkills',
      {},
      { niceToHaveSkills: ['health.tcm.acupuncture'] },
      0.25,
    ],
    [
      'the must-have skill is found in keywords only',
      'mustHaveSkills',
      { skills: ['health.cardio.echo'], keywordSkills: ['health.cardio.surgery'] },
      {},
      0.5,
    ],
    [
      'only the field is recorded and the skill itself is a keyword (0.4 of exact)',
      'mustHaveSkills',
      { skills: ['health'], keywordSkills: ['health.cardio.surgery'] },
      {},
      0.4,
    ],
    [
      'one of two must-haves exact, the other same sub-field',
      'mustHaveSkills',
      { skills: ['health.cardio.surgery', 'agri.crops.tea'] },
      { mustHaveSkills: ['health.cardio.surgery', 'agri.crops.rice'] },
      0.75,
    ],
    [
      'one of two nice-to-haves held',
      'niceToHaveSkills',
      { skills: ['health.cardio.surgery', 'eng.mech.welding'] },
      { niceToHaveSkills: ['eng.mech.welding', 'agri.crops.rice'] },
      0.5,
    ],
    ['title one above a minimum of 3', 'level', {}, {}, 1],
    ['title exactly at a minimum of 3', 'level', { title: { level: 3 } }, {}, 0.5],
    ['title at a minimum of 4 (the top)', 'level', {}, { minTitle: { level: 4 } }, 1],
    [
      'skill level at a minimum of 5',
      'level',
      { title: undefined, skillLevel: 5 },
      { minTitle: undefined, minSkillLevel: 5 },
      1,
    ],
    [
      'no minimum named: the better of title/4 and skill/5',
      'level',
      { title: { level: 2 }, skillLevel: 5 },
      { minTitle: undefined },
      1,
    ],
    ['two honours (cap 3)', 'honours', { honours: ['a', 'b'] }, {}, 2 / 3],
    ['20 years (cap 40)', 'experience', { yearsExperience: 20 }, {}, 0.5],
    ['60 years (cap 40)', 'experience', { yearsExperience: 60 }, {}, 1],
    ['same county', 'travelTime', {}, {}, 1],
    ['same county: no cross-region bonus', 'crossRegion', {}, {}, 0],
    ['same prefecture', 'crossRegion', { regionCode: '500101', travel: {} }, {}, 0.3],
    [
      'another prefecture of the province',
      'crossRegion',
      { regionCode: '420106', travel: {} },
      { regionCode: '422801' },
      0.7,
    ],
    ['another province', 'crossRegion', { regionCode: '422801' }, {}, 1],
    [
      '5 days offered, 10 needed',
      'availabilityFit',
      { availability: { windows: [{ from: 20000, to: 20400 }], daysPerMonth: 5, maxConcurrent: 2 } },
      {},
      0.5,
    ],
    ['preferred mode is the need’s', 'modePreference', { preferredModes: ['periodic'] }, {}, 1],
    ['no preferred mode', 'modePreference', {}, {}, 0.5],
    ['another preferred mode', 'modePreference', { preferredModes: ['remote'] }, {}, 0],
    [
      'earlier engagement with the employer rated 5',
      'continuity',
      { engagements: [{ employerId: 'emp1', status: 'completed', rating: 5 }] },
      {},
      1,
    ],
    [
      'earlier engagement with the employer rated 3',
      'continuity',
      { engagements: [{ employerId: 'emp1', status: 'completed', rating: 3 }] },
      {},
      0,
    ],
    [
      'well rated with another employer',
      'continuity',
      { engagements: [{ employerId: 'emp2', status: 'completed', rating: 5 }] },
      {},
      0,
    ],
    ['no current engagement', 'loadBalance', {}, {}, 1],
    [
      'one current engagement',
      'loadBalance',
      { engagements: [{ employerId: 'x', status: 'active' }] },
      {},
      0.5,
    ],
    [
      'ratings 5 and 4',
      'feedback',
      {
        engagements: [
          { employerId: 'a', status: 'completed', rating: 5 },
          { employerId: 'b', status: 'completed', rating: 4 },
        ],
      },
      {},
      0.875,
    ],
    ['no ratings', 'feedback', {}, {}, 0.5],
  ])('when %s, then %s has the expected value', (_name, feature, e, n, expected) => {
    expect(featureValue(feature, e, n)).toBeCloseTo(expected, 12);
  });

  it('when the need is in another county, then travel time falls linearly with the minutes', () => {
    const minutes = minutesBetween([29.533, 108.771], [30.272, 109.488]);
    expect(minutes).toBeGreaterThan(60);
    expect(featureValue('travelTime', { regionCode: '422801' })).toBeCloseTo(1 - minutes / 240, 12);
  });

  it('when an expert is explained, then the points add up to the score and reasons are bilingual', () => {
    const expert = buildExpert({ honours: ['x'], preferredModes: ['periodic'], regionCode: '422801' });
    const verdict = explain(
      storeOf([expert]),
      buildNeed({ niceToHaveSkills: ['health.cardio.echo'] }),
      expert.id,
    );
    if (verdict.excluded) throw new Error('excluded');
    expect(verdict.contributions).toHaveLength(12);
    expect(verdict.contributions.find((c) => c.feature === 'level')?.reason['zh-CN']).toBe(
      '正高级职称（卫生系列）',
    );
    const milli = verdict.contributions.reduce((s, c) => s + Math.round(c.points * 1000), 0);
    expect(Math.round(verdict.score * 1000)).toBe(milli);
    for (const c of verdict.contributions) {
      expect(c.points).toBeCloseTo(c.value * c.weight, 3);
      expect(c.reason['zh-CN']).toMatch(/\S/);
      expect(c.reason.en).toMatch(/\S/);
    }
    expect(verdict.score).toBeGreaterThan(0);
    expect(verdict.score).toBeLessThanOrEqual(100);
  });

  it('when a feature cannot apply to the need, then it is left out and the rest still add up to 0–100', () => {
    const expert = buildExpert({ honours: ['a', 'b', 'c'], yearsExperience: 45, preferredModes: ['remote'] });
    const need = buildNeed({ mode: 'remote', daysPerMonth: undefined, minTitle: { level: 4 } });
    const verdict = explain(storeOf([expert]), need, expert.id);
    if (verdict.excluded) throw new Error('excluded');
    const features = verdict.contributions.map((c) => c.feature);
    for (const f of ['niceToHaveSkills', 'travelTime', 'availabilityFit'] as const)
      expect(features).not.toContain(f);
    expect(verdict.contributions.reduce((sum, c) => sum + c.weight, 0)).toBeCloseTo(100, 2);
    const milli = verdict.contributions.reduce((sum, c) => sum + Math.round(c.points * 1000), 0);
    expect(Math.round(verdict.score * 1000)).toBe(milli);
    expect(rankCandidates(storeOf([expert]), need, { limit: 1 })[0].score).toBe(verdict.score);
  });

  it('when an expert states no preferred mode, then the factor is neutral and says so', () => {
    const verdict = explain(
      storeOf([buildExpert({ id: '65aaaaaaaaaaaaaaaaaaaaaa' })]),
      buildNeed(),
      '65aaaaaaaaaaaaaaaaaaaaaa',
    );
    if (verdict.excluded) throw new Error('excluded');
    const mode = verdict.contributions.find((c) => c.feature === 'modePreference');
    expect(mode?.value).toBe(0.5);
    expect(mode?.reason['zh-CN']).toContain('未填写首选');
  });

  it('when a need is a priority need, then its ranking and scores are unchanged', () => {
    const experts = [1, 2, 3, 4].map((k) =>
      buildExpert({ yearsExperience: 10 * k, honours: k > 2 ? ['h'] : [] }),
    );
    const store = storeOf(experts);
    const need = buildNeed();
    const plain = rankCandidates(store, need, { limit: 4 });
    expect(rankCandidates(store, { ...need, priority: true }, { limit: 4 })).toEqual(plain);
    expect(plain.map((r) => r.score)).toEqual([...plain.map((r) => r.score)].sort((a, b) => b - a));
  });
});
