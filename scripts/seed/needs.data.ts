import type { ENGAGEMENT_MODES, SKILL_LEVELS, TITLE_LEVELS } from '../../src/modules/experts/expert-levels';

type Mode = (typeof ENGAGEMENT_MODES)[number];

/** What employers in the region ask retired experts for; skills are real taxonomy codes. */
export interface NeedTemplate {
  title: string;
  description: string;
  field: string;
  must: readonly string[];
  nice?: readonly string[];
  minTitle?: (typeof TITLE_LEVELS)[number];
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

export const NEED_TEMPLATES: Readonly<Record<string, NeedTemplate>> = {
  'cardiology-lead': t(
    '心内科学科带头人（返聘）',
    '带领心内科开展介入诊疗，指导青年医师，参与疑难病例会诊。',
    'health',
    ['health.cardiology'],
    { nice: ['health.geriatrics'], minTitle: 'full_senior', mode: 'periodic', stipend: 9000 },
  ),
  'surgery-mentor': t(
    '骨科手术带教专家',
    '每月定期来院开展骨科手术示教和查房。',
    'health',
    ['health.orthopaedics'],
    { nice: ['health.surgery.general'], minTitle: 'associate_senior', mode: 'periodic', stipend: 8000 },
  ),
  'hospital-mgmt': t(
    '医院等级评审辅导',
    '指导医院等级评审准备、医疗质量与安全管理制度建设。',
    'health',
    ['health.hospital_management'],
    { nice: ['health.nursing'], minTitle: 'associate_senior', mode: 'periodic', stipend: 6000 },
  ),
  'tcm-clinic': t(
    '中医馆坐诊专家',
    '中医内科门诊坐诊，带教中医师，开展针灸推拿特色服务。',
    'health',
    ['health.tcm'],
    { nice: ['health.tcm.acupuncture'], minTitle: 'associate_senior', mode: 'periodic', stipend: 6000 },
  ),
  'ethnic-medicine': t(
    '土家医药传承与整理',
    '整理土家医药验方，指导民族医药特色专科建设。',
    'health',
    ['health.ethnic_medicine'],
    { nice: ['health.tcm.pharmacy'], minTitle: 'associate_senior', mode: 'remote', stipend: 4000 },
  ),
  paediatrics: t(
    '儿科门诊与新生儿救治指导',
    '指导儿科门诊、新生儿窒息复苏与危重症转运。',
    'health',
    ['health.paediatrics'],
    { minTitle: 'associate_senior', mode: 'onsite', stipend: 8000 },
  ),
  'gp-training': t(
    '乡镇卫生院全科医生培训',
    '为乡镇卫生院全科医生开展常见病、慢病管理培训。',
    'health',
    ['health.general_practice'],
    { nice: ['health.internal_medicine'], minTitle: 'associate_senior', mode: 'periodic', stipend: 5000 },
  ),
  nursing: t('护理质量管理指导', '指导护理质量控制、专科护士培养。', 'health', ['health.nursing'], {
    minTitle: 'associate_senior',
    mode: 'periodic',
    stipend: 4000,
  }),
  kiwi: t(
    '猕猴桃溃疡病防治与标准化种植',
    '指导红心猕猴桃溃疡病综合防控、整形修剪与标准化果园建设。',
    'agriculture',
    ['agriculture.fruit_trees'],
    { nice: ['agriculture.plant_protection'], minTitle: 'associate_senior', mode: 'periodic', stipend: 5000 },
  ),
  konjac: t(
    '魔芋软腐病防控与良种繁育',
    '建设魔芋良种繁育基地，降低软腐病发病率。',
    'agriculture',
    ['agriculture.konjac'],
    {
      nice: ['agriculture.seed_breeding', 'agriculture.plant_protection'],
      minTitle: 'associate_senior',
      mode: 'periodic',
      stipend: 5000,
    },
  ),
  'konjac-processing': t(
    '魔芋精粉加工工艺改进',
    '改进魔芋精粉干燥与研磨工艺，提高得率和凝胶强度。',
    'manufacturing',
    ['manufacturing.food_processing'],
    {
      nice: ['agriculture.konjac', 'manufacturing.quality'],
      minTitle: 'associate_senior',
      minSkill: 'technician',
      mode: 'onsite',
      stipend: 7000,
    },
  ),
  'tea-processing': t(
    '名优绿茶加工技术指导',
    '指导春茶加工工艺与品质控制，培训制茶师。',
    'agriculture',
    ['agriculture.tea.processing'],
    { nice: ['agriculture.tea.cultivation'], minTitle: 'associate_senior', mode: 'periodic', stipend: 5000 },
  ),
  'tea-garden': t(
    '生态茶园提质增效',
    '茶园土壤改良、病虫害绿色防控与低产茶园改造。',
    'agriculture',
    ['agriculture.tea.cultivation'],
    { nice: ['agriculture.soil_fertiliser'], minTitle: 'associate_senior', mode: 'periodic', stipend: 4500 },
  ),
  herbs: t(
    '中药材规范化种植基地建设',
    '按 GAP 要求建设中药材基地，指导种苗繁育与采收加工。',
    'agriculture',
    ['agriculture.medicinal_herbs'],
    { nice: ['agriculture.forestry'], minTitle: 'associate_senior', mode: 'periodic', stipend: 5000 },
  ),
  pigs: t(
    '生猪规模养殖与疫病防控',
    '指导猪场生物安全体系、非洲猪瘟防控与粪污资源化利用。',
    'agriculture',
    ['agriculture.livestock.pigs'],
    { nice: ['agriculture.veterinary'], minTitle: 'associate_senior', mode: 'periodic', stipend: 4500 },
  ),
  cattle: t(
    '肉牛养殖技术指导',
    '肉牛品种改良、饲草种植与育肥技术。',
    'agriculture',
    ['agriculture.livestock.cattle_goats'],
    { nice: ['agriculture.veterinary'], minTitle: 'associate_senior', mode: 'periodic', stipend: 4500 },
  ),
  silk: t(
    '蚕桑高效养殖技术',
    '小蚕共育、省力化养蚕与桑园管理。',
    'agriculture',
    ['agriculture.sericulture'],
    { minTitle: 'associate_senior', mode: 'periodic', stipend: 4000 },
  ),
  cnc: t(
    '数控机床操作与编程带徒',
    '带教数控车、铣操作与编程，解决批量加工精度问题。',
    'manufacturing',
    ['manufacturing.machining.cnc'],
    { nice: ['manufacturing.machining'], minSkill: 'technician', mode: 'onsite', stipend: 7000 },
  ),
  welding: t(
    '焊接工艺评定与焊工培训',
    '编制焊接工艺规程，培训持证焊工。',
    'manufacturing',
    ['manufacturing.welding'],
    { minSkill: 'senior_technician', mode: 'onsite', stipend: 7000 },
  ),
  equipment: t(
    '设备预防性维护体系建设',
    '建立设备点检和预防性维护制度，降低停机时间。',
    'manufacturing',
    ['manufacturing.equipment_maintenance'],
    {
      nice: ['manufacturing.electrical_maintenance'],
      minSkill: 'technician',
      mode: 'periodic',
      stipend: 6000,
    },
  ),
  quality: t(
    '质量管理体系与车间管理提升',
    '完善 ISO 9001 质量体系，导入精益生产方法。',
    'manufacturing',
    ['manufacturing.quality'],
    {
      nice: ['manufacturing.production_management'],
      minTitle: 'associate_senior',
      mode: 'periodic',
      stipend: 6000,
    },
  ),
  'vocational-teaching': t(
    '专业建设与“双师型”教师培养',
    '指导专业人才培养方案修订与青年教师实训教学能力提升。',
    'education',
    ['education.vocational'],
    { nice: ['education.teacher_training'], minTitle: 'associate_senior', mode: 'periodic', stipend: 5000 },
  ),
  'maths-teaching': t(
    '高三数学备考指导',
    '指导高三数学复习备考与青年教师课堂教学。',
    'education',
    ['education.secondary.mathematics'],
    { minTitle: 'associate_senior', mode: 'periodic', stipend: 5000 },
  ),
  'chinese-teaching': t(
    '青年语文教师培养',
    '听评课、指导教研活动，培养青年语文教师。',
    'education',
    ['education.secondary.chinese'],
    { nice: ['education.teacher_training'], minTitle: 'associate_senior', mode: 'periodic', stipend: 4000 },
  ),
  'school-mgmt': t(
    '学校管理与教学质量提升',
    '指导学校内部管理、教学常规与质量监测。',
    'education',
    ['education.school_management'],
    { minTitle: 'associate_senior', mode: 'periodic', stipend: 5000 },
  ),
  'coop-mgmt': t(
    '合作社规范化运营与财务管理',
    '指导合作社章程、财务制度与利益联结机制。',
    'rural',
    ['rural.cooperatives'],
    { nice: ['economics.accounting'], minTitle: 'associate_senior', mode: 'periodic', stipend: 3500 },
  ),
  ecommerce: t('农产品电商与品牌打造', '开展直播带货培训，打造区域公用品牌。', 'rural', ['rural.ecommerce'], {
    nice: ['rural.branding'],
    minTitle: 'associate_senior',
    mode: 'remote',
    stipend: 3500,
  }),
  homestay: t(
    '民宿运营与乡村旅游线路设计',
    '指导民宿服务标准、线上运营与旅游线路设计。',
    'rural',
    ['rural.tourism.homestays'],
    { nice: ['rural.tourism'], minTitle: 'associate_senior', mode: 'periodic', stipend: 4000 },
  ),
  brocade: t(
    '土家织锦（西兰卡普）技艺传授',
    '开设织锦传习班，培养年轻织锦艺人。',
    'rural',
    ['rural.ethnic_crafts.tujia_brocade'],
    { nice: ['culture.intangible_heritage'], minSkill: 'technician', mode: 'periodic', stipend: 4000 },
  ),
  embroidery: t(
    '苗绣产品设计与技艺培训',
    '苗绣纹样整理、文创产品设计与绣娘培训。',
    'rural',
    ['rural.ethnic_crafts.miao_embroidery'],
    { minSkill: 'technician', mode: 'periodic', stipend: 4000 },
  ),
  accounting: t(
    '财务内控与成本核算',
    '建立财务内控制度，规范成本核算与税务申报。',
    'economics',
    ['economics.accounting'],
    { nice: ['economics.taxation'], minTitle: 'associate_senior', mode: 'remote', stipend: 4000 },
  ),
  'smart-agri': t(
    '智慧农业物联网平台建设',
    '规划农业物联网监测点与数据平台。',
    'it',
    ['it.smart_agriculture'],
    { nice: ['it.data'], minTitle: 'associate_senior', mode: 'remote', stipend: 6000 },
  ),
  'tech-transfer': t(
    '科研成果转化与项目申报',
    '指导科技项目申报、成果转化与知识产权保护。',
    'science',
    ['science.technology_transfer'],
    { minTitle: 'associate_senior', mode: 'remote', stipend: 5000 },
  ),
  'village-planning': t(
    '传统村落保护与村庄规划',
    '编制传统村落保护发展规划，指导风貌整治。',
    'rural',
    ['rural.village_planning'],
    { minTitle: 'associate_senior', mode: 'periodic', stipend: 5000 },
  ),
};
