import { DADIAN, GBT, type TaxonomyEntry } from './entry';

/** Public administration and social services: GB/T 13745-2009 630 管理学, 840 社会学; care trades 职业大典 2022. */
export const publicServices: TaxonomyEntry = {
  code: 'public_services',
  zh: '公共管理与社会服务',
  en: 'Public administration and social services',
  aliases: ['公共管理', '社会服务', 'social services'],
  std: GBT,
  children: [
    {
      code: 'public_services.administration',
      zh: '行政管理',
      en: 'Public administration',
      aliases: ['政务', '机关管理'],
      children: [
        {
          code: 'public_services.administration.policy_research',
          zh: '政策研究',
          en: 'Policy research',
          aliases: ['调研报告', '决策咨询', 'policy research'],
        },
        {
          code: 'public_services.administration.official_writing',
          zh: '公文写作',
          en: 'Official writing',
          aliases: ['公文', '材料写作', '文稿起草'],
        },
        {
          code: 'public_services.administration.investment_promotion',
          zh: '招商引资',
          en: 'Investment promotion',
          aliases: ['招商', 'investment promotion'],
        },
        {
          code: 'public_services.administration.project_planning',
          zh: '项目谋划与争取',
          en: 'Project planning and funding',
          aliases: ['项目谋划', '项目包装', '争取项目资金'],
        },
      ],
    },
    {
      code: 'public_services.human_resources',
      zh: '人力资源',
      en: 'Human resources',
      aliases: ['人力资源管理', 'HR', '人事'],
      children: [
        {
          code: 'public_services.human_resources.recruitment',
          zh: '招聘与人才引进',
          en: 'Recruitment',
          aliases: ['招聘', '人才引进', 'recruitment'],
        },
        {
          code: 'public_services.human_resources.training',
          zh: '员工培训',
          en: 'Staff training',
          aliases: ['企业培训', '培训体系', '企业内训'],
        },
        {
          code: 'public_services.human_resources.compensation',
          zh: '薪酬绩效',
          en: 'Pay and performance',
          aliases: ['薪酬', '绩效', '绩效考核', 'KPI'],
        },
        {
          code: 'public_services.human_resources.labour_relations',
          zh: '劳动关系管理',
          en: 'Employee relations',
          aliases: ['劳动关系', '劳动合同管理'],
        },
        {
          code: 'public_services.human_resources.title_evaluation',
          zh: '职称评审',
          en: 'Title evaluation',
          aliases: ['职称申报', '职称评定'],
        },
      ],
    },
    {
      code: 'public_services.social_work',
      zh: '社会工作',
      en: 'Social work',
      aliases: ['社工', 'social work'],
      std: `${GBT} 840`,
      children: [
        {
          code: 'public_services.social_work.casework',
          zh: '个案工作',
          en: 'Casework',
          aliases: ['个案管理', 'casework'],
        },
        {
          code: 'public_services.social_work.community',
          zh: '社区工作',
          en: 'Community work',
          aliases: ['社区治理', '社区服务', 'community work'],
        },
        {
          code: 'public_services.social_work.left_behind_children',
          zh: '留守儿童关爱',
          en: 'Left-behind children',
          aliases: ['留守儿童', '困境儿童'],
        },
        {
          code: 'public_services.social_work.disability',
          zh: '助残服务',
          en: 'Disability services',
          aliases: ['残疾人服务', '助残'],
        },
        {
          code: 'public_services.social_work.volunteering',
          zh: '志愿服务',
          en: 'Volunteering',
          aliases: ['志愿者', '志愿服务组织', 'volunteers'],
        },
      ],
    },
    {
      code: 'public_services.elderly_care',
      zh: '养老服务',
      en: 'Elderly care services',
      aliases: ['养老', '为老服务', 'elderly care'],
      children: [
        {
          code: 'public_services.elderly_care.care_worker',
          zh: '养老护理',
          en: 'Elderly care work',
          aliases: ['养老护理员', '失能老人照护', '护理员', 'care worker'],
          std: DADIAN,
        },
        {
          code: 'public_services.elderly_care.institutions',
          zh: '养老机构管理',
          en: 'Care home management',
          aliases: ['养老院管理', '养老机构', '敬老院'],
        },
        {
          code: 'public_services.elderly_care.home_community',
          zh: '居家社区养老',
          en: 'Home and community care',
          aliases: ['居家养老', '社区养老', '日间照料'],
        },
        {
          code: 'public_services.elderly_care.smart',
          zh: '智慧养老',
          en: 'Smart elderly care',
          aliases: ['智慧养老平台'],
        },
        {
          code: 'public_services.elderly_care.dementia_care',
          zh: '失智照护',
          en: 'Dementia care',
          aliases: ['认知症照护', '失智老人照护', 'dementia care'],
        },
      ],
    },
    {
      code: 'public_services.emergency',
      zh: '应急管理',
      en: 'Emergency management',
      aliases: ['应急', '防灾减灾', 'emergency management'],
      children: [
        {
          code: 'public_services.emergency.rescue',
          zh: '抢险救援',
          en: 'Disaster rescue',
          aliases: ['应急救援', '救援', 'rescue'],
        },
        {
          code: 'public_services.emergency.first_aid',
          zh: '应急救护',
          en: 'First aid',
          aliases: ['急救培训', '心肺复苏', 'CPR', 'first aid'],
        },
        {
          code: 'public_services.emergency.planning',
          zh: '应急预案与演练',
          en: 'Emergency planning',
          aliases: ['应急预案', '应急演练'],
        },
      ],
    },
    {
      code: 'public_services.domestic',
      zh: '家政服务',
      en: 'Domestic services',
      aliases: ['家政', 'domestic work'],
      std: DADIAN,
      children: [
        {
          code: 'public_services.domestic.housekeeping',
          zh: '家政服务员',
          en: 'Housekeeping',
          aliases: ['保姆', '家政员', 'housekeeper'],
          std: DADIAN,
        },
        {
          code: 'public_services.domestic.maternity',
          zh: '母婴护理员',
          en: 'Maternity nanny',
          aliases: ['月嫂', '母婴护理师'],
          std: DADIAN,
        },
      ],
    },
  ],
};
