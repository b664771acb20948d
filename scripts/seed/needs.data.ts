import type {
  ENGAGEMENT_MODES,
  SKILL_LEVELS,
  TITLE_LEVELS,
  TITLE_SERIES,
} from '../../src/modules/experts/expert-levels';

type Mode = (typeof ENGAGEMENT_MODES)[number];

/**
 * What employers in the region ask retired experts for, in taxonomy codes: the need's field at the level
 * the employer means (a field, a sub-field or a skill), the must-have skills (met by the skill itself when
 * `exact`, else by any skill of its sub-field), the title level and series or the skill level.
 */
export interface NeedTemplate {
  title: string;
  description: string;
  field: string;
  must: readonly string[];
  /** The must-haves are required as named (PCI, not any cardiology skill). */
  exact?: boolean;
  nice?: readonly string[];
  minTitle?: (typeof TITLE_LEVELS)[number];
  series?: (typeof TITLE_SERIES)[number];
  minSkill?: (typeof SKILL_LEVELS)[number];
  mode: Mode;
  stipend: number;
}

const t = (
  title: string,
  description: string,
  field: string,
  must: readonly string[],
  rest: Omit<NeedTemplate, 'title' | 'description' | 'field' | 'must'>,
): NeedTemplate => ({ title, description, field, must, ...rest });

const senior = { minTitle: 'associate_senior' } as const;

export const NEED_TEMPLATES: Readonly<Record<string, NeedTemplate>> = {
  'cardiology-lead': t(
    '心内科学科带头人（返聘）',
    '带领心内科开展冠脉介入（PCI）诊疗和胸痛中心建设，指导青年医师，参与疑难病例会诊。',
    'health.cardiology',
    ['health.cardiology.coronary_intervention'],
    {
      nice: ['health.cardiology.heart_failure', 'health.geriatrics.multimorbidity'],
      minTitle: 'full_senior',
      series: 'health',
      mode: 'periodic',
      stipend: 9000,
    },
  ),
  'surgery-mentor': t(
    '人工关节置换手术带教专家',
    '每月定期来院开展髋、膝关节置换手术示教和骨科查房，培养骨科青年医师。',
    'health.orthopaedics',
    ['health.orthopaedics.joint_replacement'],
    {
      exact: true,
      nice: ['health.orthopaedics.trauma', 'health.rehabilitation.orthopaedic'],
      ...senior,
      series: 'health',
      mode: 'periodic',
      stipend: 8000,
    },
  ),
  'hospital-mgmt': t(
    '医院等级评审辅导',
    '指导医院等级评审准备、医疗质量与安全管理制度建设、院感防控。',
    'health.hospital_management',
    ['health.hospital_management.quality_safety'],
    {
      nice: ['health.hospital_management.infection_control', 'health.nursing.management'],
      ...senior,
      mode: 'periodic',
      stipend: 6000,
    },
  ),
  'tcm-clinic': t(
    '中医馆坐诊专家',
    '中医内科门诊坐诊，带教中医师，开展针灸推拿特色服务。',
    'health.tcm',
    ['health.tcm.internal'],
    { nice: ['health.tcm.acupuncture'], ...senior, series: 'health', mode: 'periodic', stipend: 6000 },
  ),
  'ethnic-medicine': t(
    '土家医药传承与整理',
    '整理土家医药验方，指导民族医药特色专科建设。',
    'health.ethnic_medicine',
    ['health.ethnic_medicine.tujia'],
    { exact: true, nice: ['health.tcm.pharmacy'], ...senior, mode: 'remote', stipend: 4000 },
  ),
  paediatrics: t(
    '新生儿救治与儿科门诊指导',
    '指导新生儿窒息复苏、危重新生儿转运与儿科门诊规范诊疗。',
    'health.paediatrics',
    ['health.paediatrics.neonatology'],
    {
      nice: ['health.paediatrics.critical_care'],
      ...senior,
      series: 'health',
      mode: 'periodic',
      stipend: 8000,
    },
  ),
  'gp-training': t(
    '乡镇卫生院全科医生培训',
    '为乡镇卫生院全科医生开展常见病、慢病管理和家庭医生签约服务培训。',
    'health',
    ['health.general_practice.chronic_disease'],
    {
      nice: ['health.general_practice.family_doctor', 'health.internal_medicine.diabetes'],
      ...senior,
      series: 'health',
      mode: 'periodic',
      stipend: 5000,
    },
  ),
  nursing: t(
    '护理质量管理指导',
    '指导护理质量控制、护理部管理制度和专科护士培养。',
    'health.nursing',
    ['health.nursing.management'],
    {
      exact: true,
      nice: ['health.nursing.critical_care'],
      ...senior,
      series: 'health',
      mode: 'periodic',
      stipend: 4000,
    },
  ),
  kiwi: t(
    '猕猴桃溃疡病防治与标准化种植',
    '指导红心猕猴桃溃疡病综合防控、整形修剪与标准化果园建设。',
    'agriculture.fruit_trees',
    ['agriculture.fruit_trees.kiwifruit'],
    {
      exact: true,
      nice: ['agriculture.plant_protection.ipm', 'agriculture.fruit_trees.orchard_management'],
      ...senior,
      series: 'agriculture',
      mode: 'periodic',
      stipend: 5000,
    },
  ),
  konjac: t(
    '魔芋软腐病防控与良种繁育',
    '建设魔芋良种繁育基地，降低软腐病发病率。',
    'agriculture.konjac',
    ['agriculture.konjac.disease_control'],
    {
      nice: ['agriculture.konjac.seed_corms', 'agriculture.plant_protection.ipm'],
      ...senior,
      mode: 'periodic',
      stipend: 5000,
    },
  ),
  'konjac-processing': t(
    '魔芋精粉加工工艺改进',
    '改进魔芋精粉干燥与研磨工艺，提高得率和凝胶强度，完善食品安全管理体系。',
    'agriculture.konjac.processing',
    ['agriculture.konjac.processing'],
    {
      exact: true,
      nice: ['manufacturing.food_safety.haccp', 'manufacturing.quality.qms'],
      ...senior,
      minSkill: 'technician',
      mode: 'onsite',
      stipend: 7000,
    },
  ),
  'tea-processing': t(
    '名优绿茶加工技术指导',
    '指导春茶杀青、揉捻、干燥工艺与品质控制，培训制茶师。',
    'agriculture.tea',
    ['agriculture.tea.green_tea'],
    {
      exact: true,
      nice: ['agriculture.tea.evaluation', 'agriculture.tea.selenium_tea'],
      ...senior,
      minSkill: 'technician',
      mode: 'periodic',
      stipend: 5000,
    },
  ),
  'tea-garden': t(
    '生态茶园提质增效',
    '茶园土壤改良、病虫害绿色防控与低产茶园改造。',
    'agriculture.tea',
    ['agriculture.tea.cultivation'],
    {
      nice: ['agriculture.tea.pest_control', 'agriculture.soil_fertiliser.improvement'],
      ...senior,
      series: 'agriculture',
      mode: 'periodic',
      stipend: 4500,
    },
  ),
  herbs: t(
    '中药材规范化种植基地建设',
    '按 GAP 要求建设中药材基地，指导种苗繁育与采收加工。',
    'agriculture.medicinal_herbs',
    ['agriculture.medicinal_herbs.gap'],
    {
      nice: ['agriculture.medicinal_herbs.primary_processing', 'agriculture.forestry.under_forest'],
      ...senior,
      mode: 'periodic',
      stipend: 5000,
    },
  ),
  coptis: t(
    '黄连标准化种植与产地初加工',
    '指导黄连遮阴栽培、根腐病防治和产地干燥加工，建设标准化示范基地。',
    'agriculture.medicinal_herbs',
    ['agriculture.medicinal_herbs.coptis'],
    {
      exact: true,
      nice: ['agriculture.medicinal_herbs.primary_processing'],
      ...senior,
      series: 'agriculture',
      mode: 'periodic',
      stipend: 5000,
    },
  ),
  pigs: t(
    '生猪规模养殖与疫病防控',
    '指导猪场生物安全体系、非洲猪瘟防控与粪污资源化利用。',
    'agriculture.livestock',
    ['agriculture.livestock.pigs'],
    {
      exact: true,
      nice: ['agriculture.veterinary.disease_control', 'agriculture.livestock.manure'],
      ...senior,
      series: 'agriculture',
      mode: 'periodic',
      stipend: 4500,
    },
  ),
  cattle: t(
    '肉牛养殖技术指导',
    '肉牛品种改良、饲草种植与育肥技术。',
    'agriculture.livestock',
    ['agriculture.livestock.cattle_goats'],
    {
      exact: true,
      nice: ['agriculture.livestock.feed', 'agriculture.veterinary.disease_control'],
      ...senior,
      mode: 'periodic',
      stipend: 4500,
    },
  ),
  silk: t(
    '蚕桑高效养殖技术',
    '小蚕共育、省力化养蚕与桑园管理。',
    'agriculture.sericulture',
    ['agriculture.sericulture.silkworm'],
    { nice: ['agriculture.sericulture.mulberry'], ...senior, mode: 'periodic', stipend: 4000 },
  ),
  cnc: t(
    '数控车床编程与操作带徒',
    '带教数控车、铣操作与编程，解决批量加工精度问题。',
    'manufacturing.machining',
    ['manufacturing.machining.cnc_programming'],
    {
      exact: true,
      nice: ['manufacturing.machining.cnc_turning', 'manufacturing.machining.metrology'],
      minSkill: 'technician',
      mode: 'onsite',
      stipend: 7000,
    },
  ),
  welding: t(
    '焊接工艺评定与焊工培训',
    '编制焊接工艺规程，开展气体保护焊培训，带出持证焊工。',
    'manufacturing.welding',
    ['manufacturing.welding.gas_shielded'],
    {
      nice: ['manufacturing.welding.pressure'],
      minSkill: 'senior_technician',
      mode: 'onsite',
      stipend: 7000,
    },
  ),
  equipment: t(
    '设备预防性维护体系建设',
    '建立设备点检和预防性维护制度，降低停机时间。',
    'manufacturing',
    ['manufacturing.equipment_maintenance.tpm'],
    {
      nice: ['manufacturing.electrical_maintenance.plc'],
      ...senior,
      minSkill: 'technician',
      mode: 'periodic',
      stipend: 6000,
    },
  ),
  quality: t(
    '质量管理体系与车间管理提升',
    '完善 ISO 9001 质量体系，导入精益生产方法。',
    'manufacturing.quality',
    ['manufacturing.quality.qms'],
    {
      nice: ['manufacturing.production_management.lean'],
      ...senior,
      series: 'engineering',
      mode: 'periodic',
      stipend: 6000,
    },
  ),
  'vocational-teaching': t(
    '专业建设与“双师型”教师培养',
    '指导专业人才培养方案修订、产教融合与青年教师实训教学能力提升。',
    'education.vocational',
    ['education.vocational.teaching'],
    {
      nice: ['education.vocational.industry_partnership'],
      ...senior,
      series: 'education',
      mode: 'periodic',
      stipend: 5000,
    },
  ),
  'maths-teaching': t(
    '高三数学备考指导',
    '指导高三数学复习备考与青年教师课堂教学。',
    'education.secondary',
    ['education.secondary.mathematics'],
    {
      exact: true,
      nice: ['education.secondary.gaokao'],
      ...senior,
      series: 'education',
      mode: 'periodic',
      stipend: 5000,
    },
  ),
  'chinese-teaching': t(
    '青年语文教师培养',
    '听评课、指导教研活动，培养青年语文教师。',
    'education.secondary',
    ['education.secondary.chinese'],
    {
      exact: true,
      nice: ['education.teacher_training.teaching_research'],
      ...senior,
      series: 'education',
      mode: 'periodic',
      stipend: 4000,
    },
  ),
  'school-mgmt': t(
    '学校管理与教学质量提升',
    '指导学校内部管理、教学常规与质量监测。',
    'education.school_management',
    ['education.school_management.leadership'],
    { nice: ['education.school_management.evaluation'], ...senior, mode: 'periodic', stipend: 5000 },
  ),
  'coop-mgmt': t(
    '合作社规范化运营与财务管理',
    '指导合作社章程、财务制度与利益联结机制。',
    'rural.cooperatives',
    ['rural.cooperatives.setup'],
    { nice: ['economics.accounting.village'], ...senior, mode: 'periodic', stipend: 3500 },
  ),
  ecommerce: t(
    '农产品直播电商与品牌打造',
    '开展直播带货培训，打造区域公用品牌。',
    'rural',
    ['rural.ecommerce.farm_livestreaming'],
    { nice: ['rural.branding.public_brand'], ...senior, mode: 'remote', stipend: 3500 },
  ),
  homestay: t(
    '民宿运营与乡村旅游线路设计',
    '指导民宿服务标准、线上运营与旅游线路设计。',
    'rural.tourism',
    ['rural.tourism.homestays'],
    { exact: true, nice: ['rural.tourism.study_tours'], ...senior, mode: 'periodic', stipend: 4000 },
  ),
  brocade: t(
    '土家织锦（西兰卡普）技艺传授',
    '开设织锦传习班，培养年轻织锦艺人。',
    'rural.ethnic_crafts',
    ['rural.ethnic_crafts.tujia_brocade'],
    {
      exact: true,
      nice: ['culture.intangible_heritage.listing'],
      minSkill: 'technician',
      mode: 'periodic',
      stipend: 4000,
    },
  ),
  embroidery: t(
    '苗绣产品设计与技艺培训',
    '苗绣纹样整理、文创产品设计与绣娘培训。',
    'rural.ethnic_crafts',
    ['rural.ethnic_crafts.miao_embroidery'],
    { exact: true, minSkill: 'technician', mode: 'periodic', stipend: 4000 },
  ),
  accounting: t(
    '财务内控与成本核算',
    '建立财务内控制度，规范成本核算与税务申报。',
    'economics.accounting',
    ['economics.accounting.management'],
    {
      nice: ['economics.taxation.filing', 'economics.auditing.internal_control'],
      ...senior,
      series: 'accounting',
      mode: 'remote',
      stipend: 4000,
    },
  ),
  'smart-agri': t(
    '智慧农业物联网平台建设',
    '规划农业物联网监测点与数据平台。',
    'it',
    ['it.smart_agriculture.monitoring'],
    { nice: ['it.data.big_data', 'it.electronics.iot'], ...senior, mode: 'remote', stipend: 6000 },
  ),
  'tech-transfer': t(
    '科研成果转化与项目申报',
    '指导科技项目申报、成果转化与知识产权保护。',
    'science',
    ['science.technology_transfer.consulting'],
    { nice: ['science.research_management.grants'], ...senior, mode: 'remote', stipend: 5000 },
  ),
  'village-planning': t(
    '传统村落保护与村庄规划',
    '编制传统村落保护发展规划，指导吊脚楼风貌整治。',
    'engineering.architecture',
    ['engineering.architecture.urban_planning'],
    {
      nice: ['engineering.architecture.heritage_buildings', 'rural.village_planning'],
      ...senior,
      series: 'engineering',
      mode: 'periodic',
      stipend: 5000,
    },
  ),
  'auto-repair': t(
    '新能源汽车维修专业实训指导',
    '指导新能源汽车高压安全、动力电池检测与故障诊断实训，带教专业教师。',
    'automotive',
    ['automotive.nev.repair'],
    { nice: ['automotive.repair.diagnostics'], minSkill: 'technician', mode: 'periodic', stipend: 5000 },
  ),
  'local-cuisine': t(
    '土家特色菜品研发与厨师培训',
    '挖掘整理土家苗家传统菜品，开发古镇特色餐饮，培训农家乐厨师。',
    'hospitality.culinary',
    ['hospitality.culinary.local_cuisine'],
    {
      exact: true,
      nice: ['hospitality.culinary.kitchen_management'],
      minSkill: 'technician',
      mode: 'periodic',
      stipend: 4500,
    },
  ),
  'elderly-care': t(
    '农村互助养老点建设与护理员培训',
    '指导村级互助养老点服务规范，培训养老护理员，开展失能老人照护。',
    'public_services.elderly_care',
    ['public_services.elderly_care.care_worker'],
    {
      nice: ['public_services.elderly_care.dementia_care'],
      ...senior,
      minSkill: 'technician',
      mode: 'periodic',
      stipend: 4000,
    },
  ),
};
