/**
 * Fields, sub-fields and skills of the experts and needs, in the terms of the Chongqing–Hubei–Hunan–Guizhou
 * border region (Wuling mountains: tea, konjac, medicinal herbs, ethnic medicine and crafts).
 *
 * Codes are stored in expert profiles and needs: never rename or reuse one; add new codes, and retire old
 * ones with a migration. A child's code is its parent's code plus ".segment".
 */

export interface TaxonomyEntry {
  readonly code: string;
  readonly zh: string;
  readonly en: string;
  readonly children?: readonly TaxonomyEntry[];
}

const health: TaxonomyEntry = {
  code: 'health',
  zh: '医疗卫生',
  en: 'Health and medicine',
  children: [
    { code: 'health.general_practice', zh: '全科医学', en: 'General practice' },
    { code: 'health.internal_medicine', zh: '内科', en: 'Internal medicine' },
    { code: 'health.cardiology', zh: '心血管内科', en: 'Cardiology' },
    {
      code: 'health.surgery',
      zh: '外科',
      en: 'Surgery',
      children: [
        { code: 'health.surgery.general', zh: '普通外科', en: 'General surgery' },
        { code: 'health.surgery.orthopaedics', zh: '骨科', en: 'Orthopaedics' },
        { code: 'health.surgery.anaesthesia', zh: '麻醉', en: 'Anaesthesia' },
      ],
    },
    { code: 'health.obstetrics_gynaecology', zh: '妇产科', en: 'Obstetrics and gynaecology' },
    { code: 'health.paediatrics', zh: '儿科', en: 'Paediatrics' },
    { code: 'health.geriatrics', zh: '老年医学', en: 'Geriatric medicine' },
    { code: 'health.medical_imaging', zh: '医学影像', en: 'Medical imaging' },
    { code: 'health.nursing', zh: '护理', en: 'Nursing' },
    {
      code: 'health.tcm',
      zh: '中医',
      en: 'Traditional Chinese medicine',
      children: [
        { code: 'health.tcm.acupuncture', zh: '针灸推拿', en: 'Acupuncture and tuina' },
        { code: 'health.tcm.pharmacy', zh: '中药学', en: 'Chinese materia medica' },
      ],
    },
    { code: 'health.ethnic_medicine', zh: '民族医药（土家医、苗医）', en: 'Ethnic medicine (Tujia, Miao)' },
    { code: 'health.pharmacy', zh: '药学', en: 'Pharmacy' },
    { code: 'health.public_health', zh: '公共卫生与疾病预防', en: 'Public health and disease prevention' },
    { code: 'health.hospital_management', zh: '医院管理', en: 'Hospital management' },
  ],
};

const agriculture: TaxonomyEntry = {
  code: 'agriculture',
  zh: '农业',
  en: 'Agriculture',
  children: [
    { code: 'agriculture.crops', zh: '粮油作物栽培', en: 'Grain and oil crop growing' },
    {
      code: 'agriculture.tea',
      zh: '茶叶',
      en: 'Tea',
      children: [
        { code: 'agriculture.tea.cultivation', zh: '茶园栽培管理', en: 'Tea garden management' },
        { code: 'agriculture.tea.processing', zh: '茶叶加工', en: 'Tea processing' },
      ],
    },
    { code: 'agriculture.fruit_trees', zh: '果树栽培', en: 'Fruit trees' },
    { code: 'agriculture.vegetables', zh: '高山蔬菜', en: 'Highland vegetables' },
    { code: 'agriculture.konjac', zh: '魔芋', en: 'Konjac' },
    { code: 'agriculture.medicinal_herbs', zh: '中药材种植', en: 'Chinese medicinal herb cultivation' },
    { code: 'agriculture.edible_fungi', zh: '食用菌', en: 'Edible fungi' },
    { code: 'agriculture.sericulture', zh: '蚕桑', en: 'Sericulture' },
    {
      code: 'agriculture.livestock',
      zh: '畜牧养殖',
      en: 'Livestock farming',
      children: [
        { code: 'agriculture.livestock.pigs', zh: '生猪养殖', en: 'Pig farming' },
        { code: 'agriculture.livestock.cattle_goats', zh: '牛羊养殖', en: 'Cattle and goat farming' },
        { code: 'agriculture.livestock.poultry', zh: '家禽养殖', en: 'Poultry farming' },
      ],
    },
    { code: 'agriculture.veterinary', zh: '兽医', en: 'Veterinary medicine' },
    { code: 'agriculture.aquaculture', zh: '水产养殖', en: 'Aquaculture' },
    { code: 'agriculture.machinery', zh: '农业机械', en: 'Agricultural machinery' },
    { code: 'agriculture.seed_breeding', zh: '种子与育种', en: 'Seed breeding' },
    { code: 'agriculture.plant_protection', zh: '植物保护', en: 'Plant protection' },
    { code: 'agriculture.soil_fertiliser', zh: '土壤肥料', en: 'Soil and fertilisers' },
    { code: 'agriculture.forestry', zh: '林业与林下经济', en: 'Forestry and under-forest economy' },
  ],
};

const engineering: TaxonomyEntry = {
  code: 'engineering',
  zh: '工程技术',
  en: 'Engineering',
  children: [
    { code: 'engineering.civil', zh: '土木与结构工程', en: 'Civil and structural engineering' },
    { code: 'engineering.roads_bridges', zh: '道路与桥梁', en: 'Roads and bridges' },
    { code: 'engineering.water', zh: '水利水电', en: 'Water conservancy and hydropower' },
    {
      code: 'engineering.power',
      zh: '电力',
      en: 'Electric power',
      children: [
        { code: 'engineering.power.grid', zh: '电网运行与检修', en: 'Grid operation and maintenance' },
        { code: 'engineering.power.renewables', zh: '新能源发电', en: 'Renewable generation' },
      ],
    },
    { code: 'engineering.mining', zh: '采矿', en: 'Mining' },
    { code: 'engineering.geology', zh: '地质与地质灾害防治', en: 'Geology and geohazard prevention' },
    { code: 'engineering.surveying', zh: '测绘', en: 'Surveying and mapping' },
    { code: 'engineering.architecture', zh: '建筑设计', en: 'Architecture' },
    {
      code: 'engineering.construction_management',
      zh: '工程项目管理',
      en: 'Construction project management',
    },
    { code: 'engineering.environment', zh: '环境工程', en: 'Environmental engineering' },
  ],
};

const manufacturing: TaxonomyEntry = {
  code: 'manufacturing',
  zh: '制造业',
  en: 'Manufacturing',
  children: [
    {
      code: 'manufacturing.machining',
      zh: '机械加工',
      en: 'Machining',
      children: [{ code: 'manufacturing.machining.cnc', zh: '数控加工', en: 'CNC machining' }],
    },
    { code: 'manufacturing.welding', zh: '焊接', en: 'Welding' },
    { code: 'manufacturing.electrical_maintenance', zh: '电气维修', en: 'Electrical maintenance' },
    {
      code: 'manufacturing.equipment_maintenance',
      zh: '机械设备维修',
      en: 'Mechanical equipment maintenance',
    },
    { code: 'manufacturing.quality', zh: '质量管理', en: 'Quality management' },
    { code: 'manufacturing.production_management', zh: '生产管理', en: 'Production management' },
    { code: 'manufacturing.food_processing', zh: '食品加工', en: 'Food processing' },
    { code: 'manufacturing.textiles', zh: '纺织服装', en: 'Textiles and garments' },
    { code: 'manufacturing.chemicals', zh: '化工', en: 'Chemical industry' },
    { code: 'manufacturing.building_materials', zh: '建材', en: 'Building materials' },
  ],
};

const education: TaxonomyEntry = {
  code: 'education',
  zh: '教育',
  en: 'Education',
  children: [
    { code: 'education.preschool', zh: '学前教育', en: 'Preschool education' },
    { code: 'education.primary', zh: '小学教育', en: 'Primary education' },
    {
      code: 'education.secondary',
      zh: '中学教育',
      en: 'Secondary education',
      children: [
        { code: 'education.secondary.chinese', zh: '语文', en: 'Chinese language' },
        { code: 'education.secondary.mathematics', zh: '数学', en: 'Mathematics' },
        { code: 'education.secondary.english', zh: '英语', en: 'English' },
        { code: 'education.secondary.sciences', zh: '物理、化学、生物', en: 'Physics, chemistry, biology' },
      ],
    },
    { code: 'education.vocational', zh: '职业教育', en: 'Vocational education' },
    { code: 'education.higher', zh: '高等教育', en: 'Higher education' },
    { code: 'education.special', zh: '特殊教育', en: 'Special education' },
    { code: 'education.school_management', zh: '学校管理', en: 'School management' },
    { code: 'education.teacher_training', zh: '教师培训', en: 'Teacher training' },
  ],
};

const economics: TaxonomyEntry = {
  code: 'economics',
  zh: '经济与金融',
  en: 'Economics and finance',
  children: [
    { code: 'economics.accounting', zh: '会计', en: 'Accounting' },
    { code: 'economics.auditing', zh: '审计', en: 'Auditing' },
    { code: 'economics.finance', zh: '金融', en: 'Finance and banking' },
    { code: 'economics.statistics', zh: '统计', en: 'Statistics' },
    { code: 'economics.taxation', zh: '税务', en: 'Taxation' },
    { code: 'economics.business_management', zh: '企业管理', en: 'Business management' },
    { code: 'economics.marketing', zh: '市场营销', en: 'Marketing' },
    { code: 'economics.logistics', zh: '物流', en: 'Logistics' },
  ],
};

const rural: TaxonomyEntry = {
  code: 'rural',
  zh: '乡村振兴',
  en: 'Rural revitalisation',
  children: [
    {
      code: 'rural.tourism',
      zh: '乡村旅游',
      en: 'Rural tourism',
      children: [{ code: 'rural.tourism.homestays', zh: '民宿经营', en: 'Homestay management' }],
    },
    { code: 'rural.ecommerce', zh: '农村电商', en: 'Rural e-commerce' },
    { code: 'rural.cooperatives', zh: '合作社经营管理', en: 'Cooperative management' },
    { code: 'rural.branding', zh: '农产品品牌营销', en: 'Farm product branding' },
    { code: 'rural.village_planning', zh: '村庄规划', en: 'Village planning' },
    { code: 'rural.governance', zh: '基层治理', en: 'Village governance' },
    {
      code: 'rural.ethnic_crafts',
      zh: '民族手工艺',
      en: 'Ethnic crafts',
      children: [
        {
          code: 'rural.ethnic_crafts.tujia_brocade',
          zh: '土家织锦（西兰卡普）',
          en: 'Tujia brocade (Xilankapu)',
        },
        { code: 'rural.ethnic_crafts.miao_embroidery', zh: '苗绣', en: 'Miao embroidery' },
        { code: 'rural.ethnic_crafts.batik', zh: '蜡染', en: 'Batik' },
        { code: 'rural.ethnic_crafts.silverwork', zh: '苗族银饰', en: 'Miao silverwork' },
      ],
    },
  ],
};

const science: TaxonomyEntry = {
  code: 'science',
  zh: '科学研究',
  en: 'Science and research',
  children: [
    { code: 'science.biology', zh: '生物学', en: 'Biology' },
    { code: 'science.chemistry', zh: '化学', en: 'Chemistry' },
    { code: 'science.materials', zh: '材料科学', en: 'Materials science' },
    { code: 'science.ecology', zh: '生态与环境科学', en: 'Ecology and environmental science' },
    { code: 'science.technology_transfer', zh: '科技成果转化', en: 'Technology transfer' },
    { code: 'science.research_management', zh: '科研管理', en: 'Research management' },
  ],
};

const it: TaxonomyEntry = {
  code: 'it',
  zh: '信息技术',
  en: 'IT and digital',
  children: [
    { code: 'it.software', zh: '软件开发', en: 'Software development' },
    { code: 'it.networks_security', zh: '网络与信息安全', en: 'Networks and information security' },
    { code: 'it.data', zh: '数据分析', en: 'Data analysis' },
    { code: 'it.electronics', zh: '电子信息', en: 'Electronics' },
    { code: 'it.smart_agriculture', zh: '智慧农业', en: 'Smart agriculture' },
    { code: 'it.digital_government', zh: '数字政务', en: 'Digital government services' },
  ],
};

const law: TaxonomyEntry = {
  code: 'law',
  zh: '法律',
  en: 'Law',
  children: [
    { code: 'law.civil_commercial', zh: '民商法', en: 'Civil and commercial law' },
    { code: 'law.labour', zh: '劳动法', en: 'Labour law' },
    { code: 'law.intellectual_property', zh: '知识产权', en: 'Intellectual property' },
    { code: 'law.administrative', zh: '行政法', en: 'Administrative law' },
    { code: 'law.compliance', zh: '企业合规', en: 'Corporate compliance' },
    { code: 'law.mediation', zh: '人民调解', en: "People's mediation" },
  ],
};

const culture: TaxonomyEntry = {
  code: 'culture',
  zh: '文化艺术',
  en: 'Culture and arts',
  children: [
    { code: 'culture.music', zh: '音乐（含民歌）', en: 'Music (including folk song)' },
    { code: 'culture.dance', zh: '舞蹈（含摆手舞）', en: 'Dance (including Tujia hand-waving dance)' },
    { code: 'culture.fine_arts', zh: '美术', en: 'Fine arts' },
    { code: 'culture.calligraphy', zh: '书法', en: 'Calligraphy' },
    { code: 'culture.intangible_heritage', zh: '非物质文化遗产保护', en: 'Intangible cultural heritage' },
    { code: 'culture.museums', zh: '文物与博物馆', en: 'Cultural relics and museums' },
    { code: 'culture.journalism', zh: '新闻出版', en: 'Journalism and publishing' },
  ],
};

const publicServices: TaxonomyEntry = {
  code: 'public_services',
  zh: '公共管理与社会服务',
  en: 'Public administration and social services',
  children: [
    { code: 'public_services.administration', zh: '行政管理', en: 'Public administration' },
    { code: 'public_services.human_resources', zh: '人力资源', en: 'Human resources' },
    { code: 'public_services.social_work', zh: '社会工作', en: 'Social work' },
    { code: 'public_services.elderly_care', zh: '养老服务', en: 'Elderly care services' },
    { code: 'public_services.emergency', zh: '应急管理', en: 'Emergency management' },
  ],
};

/** The twelve fields, in display order. */
export const TAXONOMY: readonly TaxonomyEntry[] = [
  health,
  agriculture,
  engineering,
  manufacturing,
  education,
  economics,
  rural,
  science,
  it,
  law,
  culture,
  publicServices,
];
