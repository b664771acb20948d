import {
  createExpertStore,
  type EngineExpert,
  type EngineNeed,
  type EngineRegion,
  type EngineTaxonomyNode,
  type ExpertStore,
} from '../../../src/modules/ranking/engine';

export const REGIONS: EngineRegion[] = [
  { code: '500114', lat: 29.533, lng: 108.771 }, // 黔江区
  { code: '500101', lat: 30.808, lng: 108.408 }, // 万州区 (same prefecture 5001)
  { code: '500242', lat: 28.839, lng: 108.767 }, // 酉阳县
  { code: '422801', lat: 30.272, lng: 109.488 }, // 恩施市
  { code: '422822', lat: 30.602, lng: 109.722 }, // 建始县 (same prefecture 4228)
  { code: '420106', lat: 30.554, lng: 114.316 }, // 武昌区 (Hubei, another prefecture)
  { code: '433101', lat: 28.262, lng: 109.698 }, // 吉首市
  { code: '520602', lat: 27.718, lng: 109.191 }, // 碧江区
];

export const TAXONOMY: EngineTaxonomyNode[] = [
  { code: 'health' },
  { code: 'health.cardio', parent: 'health' },
  { code: 'health.cardio.surgery', parent: 'health.cardio' },
  { code: 'health.cardio.echo', parent: 'health.cardio' },
  { code: 'health.tcm', parent: 'health' },
  { code: 'health.tcm.acupuncture', parent: 'health.tcm' },
  { code: 'agri' },
  { code: 'agri.crops', parent: 'agri' },
  { code: 'agri.crops.rice', parent: 'agri.crops' },
  { code: 'agri.crops.tea', parent: 'agri.crops' },
  { code: 'eng' },
  { code: 'eng.mech', parent: 'eng' },
  { code: 'eng.mech.welding', parent: 'eng.mech' },
];

let seq = 0;
export const nextId = (): string => `65${(++seq).toString(16).padStart(22, '0')}`;

export function buildExpert(overrides: Partial<EngineExpert> = {}): EngineExpert {
  return {
    id: nextId(),
    regionCode: '500114',
    skills: ['health.cardio.surgery'],
    title: { level: 4, series: 'health' },
    yearsExperience: 30,
    modes: ['onsite', 'periodic', 'remote'],
    availability: { windows: [{ from: 20000, to: 20400 }], daysPerMonth: 10, maxConcurrent: 2 },
    travel: { maxHours: 4 },
    ...overrides,
  };
}

export function buildNeed(overrides: Partial<EngineNeed> = {}): EngineNeed {
  return {
    id: `need-${nextId()}`,
    employerId: 'emp1',
    regionCode: '500114',
    mustHaveSkills: ['health.cardio.surgery'],
    mode: 'periodic',
    period: { from: 20100, to: 20160 },
    daysPerMonth: 10,
    wanted: 1,
    minTitle: { level: 3 },
    ...overrides,
  };
}

export function storeOf(experts: EngineExpert[]): ExpertStore {
  return createExpertStore({ regions: REGIONS, taxonomy: TAXONOMY, experts });
}
