import { TaxonomyCode } from '../../src/modules/taxonomy/taxonomy.schemas';
import {
  fieldOf,
  getNode,
  getTaxonomy,
  isTaxonomyCode,
  isWithin,
  listTaxonomyCodes,
  type TaxonomyNode,
} from '../../src/modules/taxonomy/taxonomy.service';

const all = listTaxonomyCodes().map((code) => getNode(code) as TaxonomyNode);

describe('taxonomy data', () => {
  it('when listing fields, then the original twelve come first in display order, at most 24 in all', () => {
    expect(getTaxonomy().length).toBeLessThanOrEqual(24);
    expect(getTaxonomy().length).toBeGreaterThanOrEqual(12);
    expect(
      getTaxonomy()
        .slice(0, 12)
        .map((f) => f.code),
    ).toEqual([
      'health',
      'agriculture',
      'engineering',
      'manufacturing',
      'education',
      'economics',
      'rural',
      'science',
      'it',
      'law',
      'culture',
      'public_services',
    ]);
    expect(all.filter((n) => n.level === 3).length).toBeGreaterThanOrEqual(400);
  });

  it('when listing codes, then each is unique, ASCII and its parent code plus one segment', () => {
    const codes = listTaxonomyCodes();
    expect(new Set(codes).size).toBe(codes.length);
    for (const node of all) {
      expect(node.code).toMatch(/^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*$/);
      expect(node.code.split('.')).toHaveLength(node.level);
      if (node.parent === null) {
        expect(node.level).toBe(1);
      } else {
        expect(getNode(node.parent)?.children).toContain(node);
        expect(node.code.startsWith(`${node.parent}.`)).toBe(true);
      }
    }
  });

  it('when reading labels, then each node has a Chinese and an English label, unique among siblings', () => {
    const siblingsOf = (node: TaxonomyNode) =>
      node.parent ? (getNode(node.parent)?.children ?? []) : getTaxonomy();
    for (const node of all) {
      expect(node.label['zh-CN']).toMatch(/\p{Script=Han}/u);
      expect(node.label.en).toMatch(/^[A-Z][A-Za-z ,'()-]+$/);
      for (const lang of ['zh-CN', 'en'] as const) {
        const same = siblingsOf(node).filter((s) => s.label[lang] === node.label[lang]);
        expect(same).toHaveLength(1);
      }
    }
  });

  it('when looking for the regional specialities, then tea, konjac, herbs, ethnic medicine and brocade exist', () => {
    for (const code of [
      'agriculture.tea',
      'agriculture.konjac',
      'agriculture.medicinal_herbs',
      'health.ethnic_medicine',
      'rural.ethnic_crafts.tujia_brocade',
      'rural.ethnic_crafts.miao_embroidery',
    ]) {
      expect(isTaxonomyCode(code)).toBe(true);
    }
  });

  it('when reading aliases and standards, then every node has an alias list and a known standard if any', () => {
    for (const node of all) {
      expect(Array.isArray(node.aliases)).toBe(true);
      for (const alias of node.aliases) expect(alias.trim()).toBe(alias);
      if (node.std !== undefined)
        expect(node.std).toMatch(/^(GB\/T 13745-2009( \d{3,7})?|职业大典 2022( \d-\d\d-\d\d-\d\d)?|local)$/);
    }
    expect(all.reduce((sum, n) => sum + n.aliases.length, 0)).toBeGreaterThan(1500);
  });

  it('when trying to change the tree, then it is frozen', () => {
    const cardiology = getNode('health.cardiology') as { code: string };
    expect(() => {
      cardiology.code = 'x';
    }).toThrow(TypeError);
    expect(() => (getTaxonomy() as TaxonomyNode[]).push(cardiology as TaxonomyNode)).toThrow(TypeError);
  });
});

describe('taxonomy lookups', () => {
  it('when getting a skill, then its level, parent and labels are returned', () => {
    expect(getNode('health.surgery.orthopaedics')).toEqual({
      code: 'health.surgery.orthopaedics',
      label: { 'zh-CN': '骨科', en: 'Orthopaedics' },
      level: 3,
      parent: 'health.surgery',
      children: [],
      aliases: [],
    });
    expect(getNode('health.orthopaedics.joint_replacement')).toMatchObject({
      label: { 'zh-CN': '关节置换', en: 'Joint replacement' },
      parent: 'health.orthopaedics',
      aliases: expect.arrayContaining(['人工关节置换', 'TKA']),
    });
    expect(getNode('health.orthopaedic')).toBeUndefined();
  });

  it('when asking for the field of a code, then the top-level ancestor is returned', () => {
    expect(fieldOf('health.surgery.orthopaedics')?.code).toBe('health');
    expect(fieldOf('agriculture.tea')?.code).toBe('agriculture');
    expect(fieldOf('law')?.code).toBe('law');
    expect(fieldOf('nonsense')).toBeUndefined();
  });

  it('when checking containment, then a code is within itself and its ancestors only', () => {
    expect(isWithin('health.surgery.orthopaedics', 'health')).toBe(true);
    expect(isWithin('health.surgery.orthopaedics', 'health.surgery')).toBe(true);
    expect(isWithin('health.surgery', 'health.surgery')).toBe(true);
    expect(isWithin('health', 'health.surgery')).toBe(false);
    expect(isWithin('health.surgery', 'health.su')).toBe(false);
    expect(isWithin('rural.tourism', 'agriculture')).toBe(false);
  });

  it('when validating with the TaxonomyCode schema, then only existing codes pass', () => {
    expect(TaxonomyCode.parse('health.cardiology')).toBe('health.cardiology');
    expect(TaxonomyCode.safeParse('health.unknown').success).toBe(false);
    expect(TaxonomyCode.safeParse('Health').success).toBe(false);
    expect(TaxonomyCode.safeParse(42).success).toBe(false);
    expect(TaxonomyCode.safeParse('health.surgery.anaesthesia').error?.issues[0].message).toBe(
      'retired taxonomy code; use health.anaesthesiology',
    );
  });
});
