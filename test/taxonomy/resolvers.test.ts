import { TITLE_LEVELS, TITLE_SERIES } from '../../src/modules/experts/expert-levels';
import { RETIRED, TITLE_NAMES, TRADE_NAMES } from '../../src/modules/taxonomy/taxonomy.data';
import {
  getNode,
  listTaxonomyCodes,
  matchKeywords,
  normaliseTerm,
  resolveSkillLevelName,
  resolveTerm,
  resolveTitleName,
  resolveTradeName,
  type TaxonomyNode,
} from '../../src/modules/taxonomy/taxonomy.service';

const all = listTaxonomyCodes().map((code) => getNode(code) as TaxonomyNode);
const retired = new Set(RETIRED.map((r) => r.code));

describe('resolveTerm', () => {
  it('when given the terms employers and experts write, then each lands on its node', () => {
    const expected: Record<string, string> = {
      冠心病介入: 'health.cardiology.coronary_intervention',
      PCI: 'health.cardiology.coronary_intervention',
      关节置换: 'health.orthopaedics.joint_replacement',
      猕猴桃: 'agriculture.fruit_trees.kiwifruit',
      辣椒制品: 'manufacturing.food_processing.chilli_products',
      老年护理: 'health.nursing.geriatric',
      高考备考: 'education.secondary.gaokao',
      新能源汽车维修: 'automotive.nev.repair',
      康复治疗: 'health.rehabilitation',
      新生儿: 'health.paediatrics.neonatology',
      食品安全: 'manufacturing.food_safety',
      内部控制: 'economics.auditing.internal_control',
      电子商务: 'economics.ecommerce',
      直播带货: 'economics.ecommerce.livestreaming',
      骨科: 'health.orthopaedics',
    };
    for (const [term, code] of Object.entries(expected))
      expect([term, resolveTerm(term)?.code]).toEqual([term, code]);
  });

  it('when the text differs in case, spaces or full-width forms, then it still resolves', () => {
    expect(resolveTerm('  Heart   FAILURE ')?.code).toBe('health.cardiology.heart_failure');
    expect(resolveTerm('ＰＣＩ')?.code).toBe('health.cardiology.coronary_intervention');
    expect(resolveTerm('民族医药(土家医、苗医)')?.code).toBe('health.ethnic_medicine');
    expect(resolveTerm(' health.cardiology ')?.code).toBe('health.cardiology');
    expect(resolveTerm('数控车工')?.code).toBe('manufacturing.machining.cnc_turning');
  });

  it('when given a retired code, then it resolves to itself; its old label leads to the replacement', () => {
    expect(resolveTerm('health.surgery.orthopaedics')?.code).toBe('health.surgery.orthopaedics');
    expect(resolveTerm('麻醉')?.code).toBe('health.anaesthesiology');
  });

  it('when given nothing known, then undefined', () => {
    for (const text of ['', '   ', '量子引力', 'health.unknown']) expect(resolveTerm(text)).toBeUndefined();
  });

  it('when labels and aliases are indexed, then none names two nodes and each leads back to its own node', () => {
    const owner = new Map<string, string>();
    for (const node of all) {
      if (retired.has(node.code)) continue;
      for (const term of [node.label['zh-CN'], node.label.en, ...node.aliases]) {
        const key = normaliseTerm(term);
        expect([term, owner.get(key) ?? node.code]).toEqual([term, node.code]);
        owner.set(key, node.code);
        expect([term, resolveTerm(term)?.code]).toEqual([term, node.code]);
      }
    }
  });
});

describe('matchKeywords', () => {
  it("when an expert's keywords are given, then the skills come out most specific first", () => {
    expect(matchKeywords('冠心病介入治疗, 心衰管理')).toEqual([
      'health.cardiology.coronary_intervention',
      'health.cardiology.heart_failure',
    ]);
  });

  it('when a sentence mixes fields, then each named skill is found, fields and sub-fields after skills', () => {
    const codes = matchKeywords(
      '三十年猕猴桃栽培和辣椒酱加工经验，会直播带货；也做过食品安全 HACCP 体系和 heart failure 随访',
    );
    expect(codes).toEqual(
      expect.arrayContaining([
        'agriculture.fruit_trees.kiwifruit',
        'manufacturing.food_processing.chilli_products',
        'economics.ecommerce.livestreaming',
        'manufacturing.food_safety.haccp',
        'health.cardiology.heart_failure',
        'manufacturing.food_safety',
      ]),
    );
    const levels = codes.map((c) => getNode(c)?.level ?? 0);
    expect(levels).toEqual([...levels].sort((a, b) => b - a));
    expect(new Set(codes).size).toBe(codes.length);
  });

  it('when the text names nothing or is not text, then [] and no exception', () => {
    expect(matchKeywords('')).toEqual([]);
    expect(matchKeywords('it is what it is')).toEqual([]);
    expect(matchKeywords(undefined as unknown as string)).toEqual([]);
  });

  it('when a retired code is written literally, then its replacement is returned', () => {
    expect(matchKeywords('health.surgery.anaesthesia')).toEqual(['health.anaesthesiology']);
  });
});

describe('title names, trade names and skill levels', () => {
  it('when a title name is given, then its level and series come back', () => {
    expect(resolveTitleName('主任医师')).toEqual({ level: 'full_senior', series: 'health' });
    expect(resolveTitleName('主任护师')).toEqual({ level: 'full_senior', series: 'health' });
    expect(resolveTitleName('副主任医师')).toEqual({ level: 'associate_senior', series: 'health' });
    expect(resolveTitleName('主治医师')).toEqual({ level: 'intermediate', series: 'health' });
    expect(resolveTitleName('研究员')).toEqual({ level: 'full_senior', series: 'research' });
    expect(resolveTitleName('副研究员')).toEqual({ level: 'associate_senior', series: 'research' });
    expect(resolveTitleName('教授级高级工程师')).toEqual({ level: 'full_senior', series: 'engineering' });
    expect(resolveTitleName('高级工程师')).toEqual({ level: 'associate_senior', series: 'engineering' });
    expect(resolveTitleName('农业技术推广研究员')).toEqual({ level: 'full_senior', series: 'agriculture' });
    expect(resolveTitleName('高级兽医师')).toEqual({ level: 'associate_senior', series: 'agriculture' });
    expect(resolveTitleName('副教授')).toEqual({ level: 'associate_senior', series: 'education' });
    expect(resolveTitleName('正高级教师')).toEqual({ level: 'full_senior', series: 'education' });
    expect(resolveTitleName('正高级会计师')).toEqual({ level: 'full_senior', series: 'accounting' });
    expect(resolveTitleName('高级经济师')).toEqual({ level: 'associate_senior', series: 'economics' });
    expect(resolveTitleName('一级律师')).toEqual({ level: 'full_senior', series: 'law' });
    expect(resolveTitleName(' senior ENGINEER ')).toEqual({
      level: 'associate_senior',
      series: 'engineering',
    });
    expect(resolveTitleName('数控车工')).toBeUndefined();
  });

  it('when the title table is read, then every entry uses the profile vocabularies and has zh and en', () => {
    for (const t of TITLE_NAMES) {
      expect(TITLE_LEVELS).toContain(t.level);
      expect(TITLE_SERIES).toContain(t.series);
      expect(t.zh).toMatch(/\p{Script=Han}/u);
      expect(t.en).toMatch(/^[A-Z]/);
    }
    expect(TITLE_NAMES.length).toBeGreaterThanOrEqual(60);
  });

  it('when a trade name is given, then the code of its occupation node comes back', () => {
    expect(resolveTradeName('数控车工')).toEqual({ code: 'manufacturing.machining.cnc_turning' });
    expect(resolveTradeName('焊工')).toEqual({ code: 'manufacturing.welding' });
    expect(resolveTradeName('电工')).toEqual({ code: 'manufacturing.electrical_maintenance.electrician' });
    expect(resolveTradeName('汽车维修工')).toEqual({ code: 'automotive.repair' });
    expect(resolveTradeName('茶叶加工工')).toEqual({ code: 'agriculture.tea.processing' });
    expect(resolveTradeName('中式烹调师')).toEqual({ code: 'hospitality.culinary.chinese_cooking' });
    expect(resolveTradeName('养老护理员')).toEqual({ code: 'public_services.elderly_care.care_worker' });
    expect(resolveTradeName('数控车工（高级技师）')).toEqual({ code: 'manufacturing.machining.cnc_turning' });
    expect(resolveTradeName('主任医师')).toBeUndefined();
  });

  it('when the trade table is read, then it has at least 40 names, each on an existing, active node', () => {
    expect(Object.keys(TRADE_NAMES).length).toBeGreaterThanOrEqual(40);
    for (const code of Object.values(TRADE_NAMES)) {
      expect(getNode(code)).toBeDefined();
      expect(retired.has(code)).toBe(false);
    }
  });

  it('when a skill level word is given, then its SKILL_LEVELS value comes back', () => {
    expect(resolveSkillLevelName('高级技师')).toBe('senior_technician');
    expect(resolveSkillLevelName('技师')).toBe('technician');
    expect(resolveSkillLevelName('高级工')).toBe('senior_worker');
    expect(resolveSkillLevelName('中级工')).toBe('intermediate_worker');
    expect(resolveSkillLevelName('初级工')).toBe('junior_worker');
    expect(resolveSkillLevelName(' Senior Technician ')).toBe('senior_technician');
    expect(resolveSkillLevelName('主任医师')).toBeUndefined();
  });
});
