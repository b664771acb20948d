import { GBT, type TaxonomyEntry } from './entry';

/** Science and research: GB/T 13745-2009 150 化学, 180 生物学, 430 材料科学, 610 环境科学. */
export const science: TaxonomyEntry = {
  code: 'science',
  zh: '科学研究',
  en: 'Science and research',
  aliases: ['科研', '科学', 'research'],
  std: GBT,
  children: [
    {
      code: 'science.biology',
      zh: '生物学',
      en: 'Biology',
      aliases: ['生物', 'biology'],
      std: `${GBT} 180`,
      children: [
        {
          code: 'science.biology.microbiology',
          zh: '微生物学',
          en: 'Microbiology',
          aliases: ['微生物', 'microbiology'],
        },
        {
          code: 'science.biology.molecular',
          zh: '遗传与分子生物学',
          en: 'Genetics and molecular biology',
          aliases: ['分子生物学', '遗传学', 'molecular biology'],
        },
        {
          code: 'science.biology.biotechnology',
          zh: '生物技术',
          en: 'Biotechnology',
          aliases: ['生物工程', '发酵工程', 'biotech'],
        },
      ],
    },
    {
      code: 'science.chemistry',
      zh: '化学',
      en: 'Chemistry',
      aliases: ['化学研究', 'chemistry'],
      std: `${GBT} 150`,
      children: [
        {
          code: 'science.chemistry.analytical',
          zh: '分析化学',
          en: 'Analytical chemistry',
          aliases: ['仪器分析', 'analytical chemistry'],
        },
        {
          code: 'science.chemistry.natural_products',
          zh: '天然产物化学',
          en: 'Natural products chemistry',
          aliases: ['天然产物', '中药化学', '植物提取'],
        },
      ],
    },
    {
      code: 'science.materials',
      zh: '材料科学',
      en: 'Materials science',
      aliases: ['材料', '材料工程', 'materials'],
      std: `${GBT} 430`,
      children: [
        {
          code: 'science.materials.metals',
          zh: '金属材料',
          en: 'Metals and metallurgy',
          aliases: ['冶金', '铝合金', '热处理', 'metallurgy'],
        },
        {
          code: 'science.materials.polymers',
          zh: '高分子材料',
          en: 'Polymers',
          aliases: ['塑料', '橡胶', 'polymer'],
        },
        {
          code: 'science.materials.composites',
          zh: '复合材料',
          en: 'Composites',
          aliases: ['composite materials'],
        },
        {
          code: 'science.materials.battery_materials',
          zh: '电池材料',
          en: 'Battery materials',
          aliases: ['锂电材料', '正极材料', '锂电池'],
        },
      ],
    },
    {
      code: 'science.ecology',
      zh: '生态与环境科学',
      en: 'Ecology and environmental science',
      aliases: ['生态', '生态学', 'ecology'],
      std: `${GBT} 610`,
      children: [
        {
          code: 'science.ecology.biodiversity',
          zh: '生物多样性保护',
          en: 'Biodiversity conservation',
          aliases: ['生物多样性', '自然保护区', 'biodiversity'],
        },
        {
          code: 'science.ecology.restoration',
          zh: '生态修复',
          en: 'Ecological restoration',
          aliases: ['石漠化治理', '生态保护修复', 'ecological restoration'],
        },
        {
          code: 'science.ecology.carbon',
          zh: '碳达峰碳中和',
          en: 'Carbon peaking and neutrality',
          aliases: ['双碳', '碳中和', '碳排放', '碳汇', 'carbon neutrality'],
        },
      ],
    },
    {
      code: 'science.technology_transfer',
      zh: '科技成果转化',
      en: 'Technology transfer',
      aliases: ['成果转化', '技术转移', 'tech transfer'],
      children: [
        {
          code: 'science.technology_transfer.patent_commercialisation',
          zh: '专利转化运营',
          en: 'Patent commercialisation',
          aliases: ['专利运营', '专利转化', '技术经纪人'],
        },
        {
          code: 'science.technology_transfer.incubation',
          zh: '科技企业孵化',
          en: 'Incubation',
          aliases: ['孵化器', '众创空间', 'incubator'],
        },
        {
          code: 'science.technology_transfer.consulting',
          zh: '技术咨询与技术服务',
          en: 'Technical consulting',
          aliases: ['技术咨询', '技术服务', '技术攻关'],
        },
      ],
    },
    {
      code: 'science.research_management',
      zh: '科研管理',
      en: 'Research management',
      aliases: ['科技管理', 'research administration'],
      children: [
        {
          code: 'science.research_management.grants',
          zh: '科研项目申报',
          en: 'Grant applications',
          aliases: ['项目申报', '课题申报', '基金申请', 'grant writing'],
        },
        {
          code: 'science.research_management.laboratories',
          zh: '实验室管理',
          en: 'Laboratory management',
          aliases: ['实验室建设', 'CMA', 'CNAS', '实验室认可'],
        },
        {
          code: 'science.research_management.academic_writing',
          zh: '科技论文写作',
          en: 'Academic writing',
          aliases: ['论文写作', '论文指导', 'academic writing'],
        },
      ],
    },
  ],
};
