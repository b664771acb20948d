import { LOCAL, type TaxonomyEntry } from './entry';

/** Rural revitalisation: the region's own needs, no national classification (std 'local'). */
export const rural: TaxonomyEntry = {
  code: 'rural',
  zh: '乡村振兴',
  en: 'Rural revitalisation',
  aliases: ['乡村', '农村发展', 'rural development'],
  std: LOCAL,
  children: [
    {
      code: 'rural.tourism',
      zh: '乡村旅游',
      en: 'Rural tourism',
      aliases: ['乡村旅游开发', '农文旅', '旅游', 'tourism'],
      std: LOCAL,
      children: [
        {
          code: 'rural.tourism.homestays',
          zh: '民宿经营',
          en: 'Homestay management',
          aliases: ['民宿', '民宿管理', 'homestay'],
        },
        {
          code: 'rural.tourism.farm_stays',
          zh: '农家乐',
          en: 'Farm stays',
          aliases: ['农家乐经营', '休闲农业', 'agritourism'],
        },
        {
          code: 'rural.tourism.tour_guiding',
          zh: '导游讲解',
          en: 'Tour guiding',
          aliases: ['导游', '讲解员', 'tour guide'],
        },
        {
          code: 'rural.tourism.scenic_areas',
          zh: '景区运营管理',
          en: 'Scenic area management',
          aliases: ['景区管理', 'A级景区', '景区运营'],
        },
        {
          code: 'rural.tourism.study_tours',
          zh: '研学旅行',
          en: 'Study tours',
          aliases: ['研学', '研学旅游', '研学导师'],
        },
        {
          code: 'rural.tourism.wellness',
          zh: '康养旅游',
          en: 'Wellness tourism',
          aliases: ['康养', '森林康养', '避暑康养'],
        },
      ],
    },
    {
      code: 'rural.ecommerce',
      zh: '农村电商',
      en: 'Rural e-commerce',
      aliases: ['农产品电商', '电商助农'],
      std: LOCAL,
      children: [
        {
          code: 'rural.ecommerce.farm_livestreaming',
          zh: '农产品直播',
          en: 'Farm product livestreaming',
          aliases: ['助农直播', '农产品带货'],
        },
        {
          code: 'rural.ecommerce.service_stations',
          zh: '农村电商服务站',
          en: 'Village e-commerce stations',
          aliases: ['电商服务站', '村级电商服务站'],
        },
        {
          code: 'rural.ecommerce.supply',
          zh: '农产品上行',
          en: 'Farm product supply chains',
          aliases: ['农产品供应链', '农产品进城'],
        },
      ],
    },
    {
      code: 'rural.cooperatives',
      zh: '合作社经营管理',
      en: 'Cooperative management',
      aliases: ['合作社', '农民专业合作社', 'cooperatives'],
      std: LOCAL,
      children: [
        {
          code: 'rural.cooperatives.setup',
          zh: '合作社规范化建设',
          en: 'Cooperative standards',
          aliases: ['合作社规范化', '示范社创建'],
        },
        {
          code: 'rural.cooperatives.collective_economy',
          zh: '新型农村集体经济',
          en: 'Village collective economy',
          aliases: ['集体经济', '村集体经济', '集体经济组织'],
        },
        {
          code: 'rural.cooperatives.family_farms',
          zh: '家庭农场',
          en: 'Family farms',
          aliases: ['家庭农场经营', 'family farm'],
        },
      ],
    },
    {
      code: 'rural.branding',
      zh: '农产品品牌营销',
      en: 'Farm product branding',
      aliases: ['农产品营销', '农产品品牌', '农产品销售'],
      std: LOCAL,
      children: [
        {
          code: 'rural.branding.packaging_design',
          zh: '农产品包装设计',
          en: 'Farm product packaging design',
          aliases: ['包装设计', 'packaging design'],
        },
        {
          code: 'rural.branding.public_brand',
          zh: '区域公用品牌',
          en: 'Regional public brands',
          aliases: ['公用品牌', '区域品牌'],
        },
      ],
    },
    {
      code: 'rural.village_planning',
      zh: '村庄规划',
      en: 'Village planning',
      aliases: ['乡村规划', '美丽乡村建设'],
      std: LOCAL,
    },
    {
      code: 'rural.governance',
      zh: '基层治理',
      en: 'Village governance',
      aliases: ['乡村治理', '基层社会治理'],
      std: LOCAL,
      children: [
        {
          code: 'rural.governance.village_affairs',
          zh: '村务管理',
          en: 'Village affairs',
          aliases: ['村务公开', '村两委'],
        },
        {
          code: 'rural.governance.grid',
          zh: '网格化管理',
          en: 'Grid management',
          aliases: ['网格员', '网格化服务管理'],
        },
      ],
    },
    {
      code: 'rural.ethnic_crafts',
      zh: '民族手工艺',
      en: 'Ethnic crafts',
      aliases: ['手工艺', '传统手工艺', 'handicrafts'],
      std: LOCAL,
      children: [
        {
          code: 'rural.ethnic_crafts.tujia_brocade',
          zh: '土家织锦（西兰卡普）',
          en: 'Tujia brocade (Xilankapu)',
          aliases: ['土家织锦', '西兰卡普', '织锦'],
        },
        {
          code: 'rural.ethnic_crafts.miao_embroidery',
          zh: '苗绣',
          en: 'Miao embroidery',
          aliases: ['刺绣', '苗族刺绣'],
        },
        { code: 'rural.ethnic_crafts.batik', zh: '蜡染', en: 'Batik', aliases: ['苗族蜡染', '扎染'] },
        {
          code: 'rural.ethnic_crafts.silverwork',
          zh: '苗族银饰',
          en: 'Miao silverwork',
          aliases: ['银饰', '银饰锻制'],
        },
        {
          code: 'rural.ethnic_crafts.bamboo_weaving',
          zh: '竹编',
          en: 'Bamboo weaving',
          aliases: ['竹编工艺', '篾匠'],
        },
        {
          code: 'rural.ethnic_crafts.woodcarving',
          zh: '木雕',
          en: 'Wood carving',
          aliases: ['木雕工艺', '木匠'],
        },
        {
          code: 'rural.ethnic_crafts.stilted_houses',
          zh: '吊脚楼营造技艺',
          en: 'Stilted house building',
          aliases: ['吊脚楼', '吊脚楼营造'],
        },
      ],
    },
  ],
};
