import { StoredTaxonomyCode, TaxonomyCode } from '../../src/modules/taxonomy/taxonomy.schemas';
import { getNode, isRetiredCode, replacementOf } from '../../src/modules/taxonomy/taxonomy.service';

/**
 * Every code that existed before the taxonomy was rebuilt on the national classifications (taken from
 * git at 6375ff0). They are stored in profiles and needs: none may disappear.
 */
const FROZEN_CODES = [
  'health',
  'health.general_practice',
  'health.internal_medicine',
  'health.cardiology',
  'health.surgery',
  'health.surgery.general',
  'health.surgery.orthopaedics',
  'health.surgery.anaesthesia',
  'health.obstetrics_gynaecology',
  'health.paediatrics',
  'health.geriatrics',
  'health.medical_imaging',
  'health.nursing',
  'health.tcm',
  'health.tcm.acupuncture',
  'health.tcm.pharmacy',
  'health.ethnic_medicine',
  'health.pharmacy',
  'health.public_health',
  'health.hospital_management',
  'agriculture',
  'agriculture.crops',
  'agriculture.tea',
  'agriculture.tea.cultivation',
  'agriculture.tea.processing',
  'agriculture.fruit_trees',
  'agriculture.vegetables',
  'agriculture.konjac',
  'agriculture.medicinal_herbs',
  'agriculture.edible_fungi',
  'agriculture.sericulture',
  'agriculture.livestock',
  'agriculture.livestock.pigs',
  'agriculture.livestock.cattle_goats',
  'agriculture.livestock.poultry',
  'agriculture.veterinary',
  'agriculture.aquaculture',
  'agriculture.machinery',
  'agriculture.seed_breeding',
  'agriculture.plant_protection',
  'agriculture.soil_fertiliser',
  'agriculture.forestry',
  'engineering',
  'engineering.civil',
  'engineering.roads_bridges',
  'engineering.water',
  'engineering.power',
  'engineering.power.grid',
  'engineering.power.renewables',
  'engineering.mining',
  'engineering.geology',
  'engineering.surveying',
  'engineering.architecture',
  'engineering.construction_management',
  'engineering.environment',
  'manufacturing',
  'manufacturing.machining',
  'manufacturing.machining.cnc',
  'manufacturing.welding',
  'manufacturing.electrical_maintenance',
  'manufacturing.equipment_maintenance',
  'manufacturing.quality',
  'manufacturing.production_management',
  'manufacturing.food_processing',
  'manufacturing.textiles',
  'manufacturing.chemicals',
  'manufacturing.building_materials',
  'education',
  'education.preschool',
  'education.primary',
  'education.secondary',
  'education.secondary.chinese',
  'education.secondary.mathematics',
  'education.secondary.english',
  'education.secondary.sciences',
  'education.vocational',
  'education.higher',
  'education.special',
  'education.school_management',
  'education.teacher_training',
  'economics',
  'economics.accounting',
  'economics.auditing',
  'economics.finance',
  'economics.statistics',
  'economics.taxation',
  'economics.business_management',
  'economics.marketing',
  'economics.logistics',
  'rural',
  'rural.tourism',
  'rural.tourism.homestays',
  'rural.ecommerce',
  'rural.cooperatives',
  'rural.branding',
  'rural.village_planning',
  'rural.governance',
  'rural.ethnic_crafts',
  'rural.ethnic_crafts.tujia_brocade',
  'rural.ethnic_crafts.miao_embroidery',
  'rural.ethnic_crafts.batik',
  'rural.ethnic_crafts.silverwork',
  'science',
  'science.biology',
  'science.chemistry',
  'science.materials',
  'science.ecology',
  'science.technology_transfer',
  'science.research_management',
  'it',
  'it.software',
  'it.networks_security',
  'it.data',
  'it.electronics',
  'it.smart_agriculture',
  'it.digital_government',
  'law',
  'law.civil_commercial',
  'law.labour',
  'law.intellectual_property',
  'law.administrative',
  'law.compliance',
  'law.mediation',
  'culture',
  'culture.music',
  'culture.dance',
  'culture.fine_arts',
  'culture.calligraphy',
  'culture.intangible_heritage',
  'culture.museums',
  'culture.journalism',
  'public_services',
  'public_services.administration',
  'public_services.human_resources',
  'public_services.social_work',
  'public_services.elderly_care',
  'public_services.emergency',
];

describe('stored codes', () => {
  it('when the taxonomy is rebuilt, then every earlier code still exists and still reads as stored', () => {
    expect(FROZEN_CODES).toHaveLength(137);
    for (const code of FROZEN_CODES) {
      expect(getNode(code)?.code).toBe(code);
      expect(StoredTaxonomyCode.safeParse(code).success).toBe(true);
    }
  });

  it('when an earlier code is retired, then new input is refused with its replacement named', () => {
    const retired = FROZEN_CODES.filter(isRetiredCode);
    expect(retired).toEqual(['health.surgery.orthopaedics', 'health.surgery.anaesthesia']);
    for (const code of retired) {
      const replacement = replacementOf(code) as string;
      expect(getNode(replacement)).toBeDefined();
      expect(isRetiredCode(replacement)).toBe(false);
      const result = TaxonomyCode.safeParse(code);
      expect(result.success).toBe(false);
      expect(result.error?.issues[0].message).toBe(`retired taxonomy code; use ${replacement}`);
    }
    expect(replacementOf('health.surgery.orthopaedics')).toBe('health.orthopaedics');
  });

  it('when a code is not retired, then it has no replacement and new input accepts it', () => {
    expect(isRetiredCode('health.cardiology')).toBe(false);
    expect(replacementOf('health.cardiology')).toBeUndefined();
    expect(TaxonomyCode.parse('health.orthopaedics.joint_replacement')).toBe(
      'health.orthopaedics.joint_replacement',
    );
  });
});
