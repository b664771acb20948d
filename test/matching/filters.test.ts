import type { EngineExpert, EngineNeed, FilterName } from '../../src/modules/matching/engine';
import { explain, rankCandidates } from '../../src/modules/matching/engine';
import { buildExpert, buildNeed, storeOf } from './support/engine-fixtures';

const NEED_ID = 'need-fixed';

/** [case, expert overrides, need overrides, filter expected to exclude (or null: passes)] */
const cases: Array<[string, Partial<EngineExpert>, Partial<EngineNeed>, FilterName | null]> = [
  ['the expert holds a skill of the need', {}, {}, null],
  ['no skill in the need’s fields', { skills: ['agri.crops.rice'] }, {}, 'field'],
  ['the need accepts an extra field', { skills: ['agri.crops.rice'] }, { fields: ['agri'] }, null],
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
    expect(verdict.excluded && verdict.reasons.map((r) => r.filter)).toEqual(['field', 'mode', 'paused']);
  });

  it('when the expert is unknown, then explain throws', () => {
    expect(() => explain(storeOf([]), buildNeed(), 'nobody')).toThrow(RangeError);
  });
});
