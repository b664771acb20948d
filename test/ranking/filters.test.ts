import type { EngineExpert, EngineNeed, FilterName } from '../../src/modules/ranking/engine';
import { explain, nearMisses, rankCandidates } from '../../src/modules/ranking/engine';
import { factsFromExpert } from '../../src/modules/ranking/engine/expert-facts';
import { referenceContributions, sumMilli } from '../../src/modules/ranking/engine/reference-features';
import { buildExpert, buildNeed, storeOf } from './support/engine-fixtures';

const NEED_ID = 'need-fixed';

/** [case, expert overrides, need overrides, filter expected to exclude (or null: passes)] */
const cases: Array<[string, Partial<EngineExpert>, Partial<EngineNeed>, FilterName | null]> = [
  ['the expert holds a skill of the need', {}, {}, null],
  [
    'no skill in the need’s field',
    { skills: ['agri.crops.rice'] },
    { fields: ['health'], mustHaveSkills: [] },
    'field',
  ],
  ['the need’s field is a sub-field held', {}, { fields: ['health.cardio'], mustHaveSkills: [] }, null],
  [
    'the need’s field is a sub-field of the same field, not held',
    { skills: ['health.tcm.acupuncture'] },
    { fields: ['health.cardio'], mustHaveSkills: [] },
    'field',
  ],
  ['the must-have skill’s sub-field is not held', { skills: ['health.tcm.acupuncture'] }, {}, 'mustHave'],
  ['a skill of the must-have’s sub-field is held', { skills: ['health.cardio.echo'] }, {}, null],
  [
    'the need wants the exact skill and a sibling is held',
    { skills: ['health.cardio.echo'] },
    { mustHaveMatch: 'exact' },
    'mustHave',
  ],
  [
    'the must-have skill is found in keywords only',
    { skills: ['health.tcm.acupuncture'], keywordSkills: ['health.cardio.surgery'] },
    { mustHaveMatch: 'exact' },
    null,
  ],
  [
    'one of two must-haves missing',
    { skills: ['health.cardio.surgery'] },
    { mustHaveSkills: ['health.cardio.surgery', 'agri.crops.tea'] },
    'mustHave',
  ],
  ['title below the minimum', { title: { level: 2 } }, {}, 'level'],
  [
    'title of another series than named',
    { title: { level: 4, series: 'agri' } },
    { minTitle: { level: 3, series: 'health' } },
    'level',
  ],
  [
    'no title but the named skill level',
    { title: undefined, skillLevel: 4 },
    { minTitle: { level: 3 }, minSkillLevel: 4 },
    null,
  ],
  [
    'skill level below the only minimum named',
    { skillLevel: 2 },
    { minTitle: undefined, minSkillLevel: 3 },
    'level',
  ],
  ['mode not accepted', { modes: ['remote'] }, {}, 'mode'],
  [
    'window before the period',
    { availability: { windows: [{ from: 19000, to: 20099 }], daysPerMonth: 10, maxConcurrent: 2 } },
    {},
    'availability',
  ],
  [
    'a second window overlaps',
    {
      availability: {
        windows: [
          { from: 19000, to: 19100 },
          { from: 20150, to: 20200 },
        ],
        daysPerMonth: 10,
        maxConcurrent: 2,
      },
    },
    {},
    null,
  ],
  [
    'blocked dates cover the whole overlap',
    {
      availability: {
        windows: [{ from: 20158, to: 20300 }],
        blockedDates: [20158, 20159, 20160],
        daysPerMonth: 10,
        maxConcurrent: 2,
      },
    },
    {},
    'availability',
  ],
  [
    'blocked dates leave one day',
    {
      availability: {
        windows: [{ from: 20158, to: 20300 }],
        blockedDates: [20158, 20160],
        daysPerMonth: 10,
        maxConcurrent: 2,
      },
    },
    {},
    null,
  ],
  [
    'travel time above the maximum',
    { regionCode: '520602', travel: { maxHours: 1 } },
    { regionCode: '422801' },
    'travel',
  ],
  [
    'named region despite the travel time',
    { regionCode: '520602', travel: { maxHours: 1, regions: ['422801'] } },
    { regionCode: '422801' },
    null,
  ],
  [
    'remote work ignores travel',
    { regionCode: '520602', travel: { maxHours: 1 } },
    { regionCode: '422801', mode: 'remote' },
    null,
  ],
  [
    'only named regions, need elsewhere',
    { travel: { regions: ['433101'] } },
    { regionCode: '422801' },
    'travel',
  ],
  [
    'engagements plus pending offers at the maximum',
    {
      engagements: [{ employerId: 'x', status: 'active' }],
      offers: [{ needId: 'other', status: 'pending' }],
    },
    {},
    'capacity',
  ],
  ['one below the maximum', { engagements: [{ employerId: 'x', status: 'active' }] }, {}, null],
  [
    'at the maximum, but one engagement ends before the need’s period',
    {
      engagements: [
        { employerId: 'x', status: 'active', period: { from: 20000, to: 20099 } },
        { employerId: 'y', status: 'active', period: { from: 20150, to: 20300 } },
      ],
    },
    {},
    null,
  ],
  [
    'at the maximum during the need’s period',
    {
      engagements: [{ employerId: 'x', status: 'active', period: { from: 20000, to: 20100 } }],
      offers: [{ needId: 'other', status: 'pending', period: { from: 20160, to: 20200 } }],
    },
    {},
    'capacity',
  ],
  [
    'paused',
    {
      availability: {
        windows: [{ from: 20000, to: 20400 }],
        daysPerMonth: 10,
        maxConcurrent: 2,
        paused: true,
      },
    },
    {},
    'paused',
  ],
  ['declined this need', { offers: [{ needId: NEED_ID, status: 'declined' }] }, {}, 'declined'],
  ['rejected for this need', { offers: [{ needId: NEED_ID, status: 'rejected' }] }, {}, 'declined'],
  ['declined another need', { offers: [{ needId: 'another', status: 'declined' }] }, {}, null],
];

describe('hard filters', () => {
  it.each(cases)('when %s, then the filters say so', (_name, expertOverrides, needOverrides, filter) => {
    const expert = buildExpert(expertOverrides);
    const store = storeOf([expert]);
    const need = buildNeed({ id: NEED_ID, ...needOverrides });
    const verdict = explain(store, need, expert.id);
    const ranked = rankCandidates(store, need, { limit: 10 });
    if (filter === null) {
      expect(verdict.excluded).toBe(false);
      expect(ranked.map((r) => r.expertId)).toEqual([expert.id]);
      return;
    }
    expect(ranked).toEqual([]);
    if (!verdict.excluded) throw new Error('expected an exclusion');
    expect(verdict.reasons.map((r) => r.filter)).toEqual([filter]);
    expect(verdict.reasons[0].reason['zh-CN']).toMatch(/\S/);
    expect(verdict.reasons[0].reason.en).toMatch(/\S/);
  });

  it('when several filters exclude an expert, then "why not" lists each of them', () => {
    const expert = buildExpert({
      skills: ['eng.mech.welding'],
      modes: ['remote'],
      availability: {
        windows: [{ from: 20000, to: 20400 }],
        daysPerMonth: 5,
        maxConcurrent: 1,
        paused: true,
      },
    });
    const verdict = explain(storeOf([expert]), buildNeed(), expert.id);
    expect(verdict.excluded && verdict.reasons.map((r) => r.filter)).toEqual(['mustHave', 'mode', 'paused']);
  });

  it('when the trip is at most 10% over the expert’s limit, then they are kept and flagged; further, excluded', () => {
    const probe = storeOf([]);
    const r = probe.ctx.regions;
    const minutes = r.minutes[r.indexOf.get('520602')! * r.codes.length + r.indexOf.get('422801')!];
    const need = buildNeed({ regionCode: '422801' });
    const within = buildExpert({ regionCode: '520602', travel: { maxHours: minutes / 1.05 / 60 } });
    const beyond = buildExpert({ regionCode: '520602', travel: { maxHours: minutes / 1.2 / 60 } });
    const store = storeOf([within, beyond]);
    expect(rankCandidates(store, need, { limit: 5 }).map((c) => c.expertId)).toEqual([within.id]);
    const kept = explain(store, need, within.id);
    expect(!kept.excluded && kept.notes.map((n) => n.kind)).toEqual(['travelOverLimit']);
    expect(!kept.excluded && kept.notes[0].reason['zh-CN']).toMatch(/略超本人可接受的 \d+小时/);
    const out = explain(store, need, beyond.id);
    expect(out.excluded && out.reasons.map((x) => x.filter)).toEqual(['travel']);
  });

  it('when a level falls short, then the reason names the levels in words', () => {
    const expert = buildExpert({ title: { level: 3, series: 'health' } });
    const verdict = explain(
      storeOf([expert]),
      buildNeed({ minTitle: { level: 4, series: 'health' } }),
      expert.id,
    );
    expect(verdict.excluded && verdict.reasons[0].reason['zh-CN']).toBe(
      '未达到最低要求：需正高级职称（卫生系列）及以上，本人为副高级职称（卫生系列）',
    );
  });

  it('when a keyword is the only evidence of a must-have, then the candidate is flagged as weak', () => {
    const expert = buildExpert({
      skills: ['health.tcm.acupuncture'],
      keywordSkills: ['health.cardio.surgery'],
    });
    const verdict = explain(storeOf([expert]), buildNeed(), expert.id);
    expect(!verdict.excluded && verdict.notes.map((n) => n.kind)).toEqual(['weakEvidence']);
  });

  it('when the expert is unknown, then explain throws', () => {
    expect(() => explain(storeOf([]), buildNeed(), 'nobody')).toThrow(RangeError);
  });
});

describe('near misses', () => {
  it('when experts miss exactly one requirement, then they are listed apart with what they miss', () => {
    const meets = buildExpert();
    const lacksSkill = buildExpert({ skills: ['health.tcm.acupuncture'] });
    const belowLevel = buildExpert({ title: { level: 2, series: 'health' } });
    const missesTwo = buildExpert({ skills: ['health.tcm.acupuncture'], title: { level: 2 } });
    const otherField = buildExpert({ skills: ['agri.crops.rice'] });
    const paused = buildExpert({
      availability: {
        windows: [{ from: 20000, to: 20400 }],
        daysPerMonth: 10,
        maxConcurrent: 2,
        paused: true,
      },
    });
    const store = storeOf([meets, lacksSkill, belowLevel, missesTwo, otherField, paused]);
    const need = buildNeed({ fields: ['health'] });
    expect(rankCandidates(store, need, { limit: 10 }).map((c) => c.expertId)).toEqual([meets.id]);
    const near = nearMisses(store, need, 10);
    expect(new Map(near.map((n) => [n.expertId, n.missed.filter]))).toEqual(
      new Map([
        [lacksSkill.id, 'mustHave'],
        [belowLevel.id, 'level'],
      ]),
    );
    expect(near.every((n) => n.missed.reason['zh-CN'].length > 0)).toBe(true);
  });

  it('when a near miss showed interest in the need, then they are scored with the interest bonus, as candidates are', () => {
    const meets = buildExpert();
    // alike but for their ids: without interest the first wins the tie (smaller id)
    const [first, keen] = [0, 1].map(() => buildExpert({ title: { level: 2, series: 'health' } }));
    const store = storeOf([meets, first, keen]);
    const plain = buildNeed({ fields: ['health'] });
    expect(nearMisses(store, plain, 10).map((n) => n.expertId)).toEqual([first.id, keen.id]);
    const need = { ...plain, interested: [keen.id, meets.id] };
    const near = nearMisses(store, need, 10);
    expect(near.map((n) => n.expertId)).toEqual([keen.id, first.id]);
    for (const [n, e] of [
      [near[0], keen],
      [near[1], first],
    ] as const) {
      const reference = referenceContributions(store.ctx, factsFromExpert(store.ctx, e), need);
      expect(n.score).toBe(sumMilli(reference) / 1000);
    }
    expect(near[0].score).toBeGreaterThan(near[1].score);
  });
});
