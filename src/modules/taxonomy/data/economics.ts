import { GBT, type TaxonomyEntry } from './entry';

/**
 * Economics and finance: GB/T 13745-2009 790 经济学, 630 管理学, 910 统计学. Internal control sits with
 * auditing, as the 内部控制规范 is applied in Chinese units; e-commerce is its own sub-field.
 */
export const economics: TaxonomyEntry = {
  code: 'economics',
  zh: '经济与金融',
  en: 'Economics and finance',
  aliases: ['经济', '经济学', '财经', 'economics'],
  std: `${GBT} 790`,
  children: [
    {
      code: 'economics.accounting',
      zh: '会计',
      en: 'Accounting',
      aliases: ['财务', '财会', '会计学', 'accounting'],
      children: [
        {
          code: 'economics.accounting.financial',
          zh: '财务会计',
          en: 'Financial accounting',
          aliases: ['会计核算', '做账', '记账', 'bookkeeping'],
        },
        {
          code: 'economics.accounting.management',
          zh: '管理会计',
          en: 'Management and cost accounting',
          aliases: ['成本管理', '成本核算', 'cost accounting'],
        },
        {
          code: 'economics.accounting.analysis',
          zh: '财务分析',
          en: 'Financial analysis',
          aliases: ['财务报表分析', 'financial analysis'],
        },
        {
          code: 'economics.accounting.budgeting',
          zh: '全面预算管理',
          en: 'Budgeting',
          aliases: ['预算管理', '预算编制', 'budgeting'],
        },
        {
          code: 'economics.accounting.public_sector',
          zh: '行政事业单位会计',
          en: 'Public sector accounting',
          aliases: ['政府会计', '事业单位会计', 'government accounting'],
        },
        {
          code: 'economics.accounting.village',
          zh: '村级财务',
          en: 'Village accounts',
          aliases: ['农村财务', '村账乡管', '集体经济财务'],
        },
      ],
    },
    {
      code: 'economics.auditing',
      zh: '审计',
      en: 'Auditing',
      aliases: ['审计学', 'audit'],
      children: [
        {
          code: 'economics.auditing.internal_audit',
          zh: '内部审计',
          en: 'Internal audit',
          aliases: ['内审', 'internal audit'],
        },
        {
          code: 'economics.auditing.internal_control',
          zh: '内部控制',
          en: 'Internal control',
          aliases: ['内控', '内控体系', '内部控制体系建设', '内控建设', 'internal control', 'COSO'],
        },
        {
          code: 'economics.auditing.financial_audit',
          zh: '财务报表审计',
          en: 'Financial statement audit',
          aliases: ['年审', '外部审计', 'financial audit'],
        },
        {
          code: 'economics.auditing.construction_audit',
          zh: '工程审计',
          en: 'Construction audit',
          aliases: ['工程结算审计', '跟踪审计'],
        },
        {
          code: 'economics.auditing.government_audit',
          zh: '政府审计',
          en: 'Government audit',
          aliases: ['经济责任审计', '专项审计'],
        },
        {
          code: 'economics.auditing.risk',
          zh: '风险管理',
          en: 'Risk management',
          aliases: ['风控', '全面风险管理', 'risk management'],
        },
      ],
    },
    {
      code: 'economics.finance',
      zh: '金融',
      en: 'Finance and banking',
      aliases: ['银行', '金融学', 'banking', 'finance'],
      children: [
        {
          code: 'economics.finance.credit',
          zh: '信贷',
          en: 'Credit and lending',
          aliases: ['银行信贷', '贷款', 'lending'],
        },
        {
          code: 'economics.finance.rural_finance',
          zh: '农村金融',
          en: 'Rural finance',
          aliases: ['普惠金融', '小额信贷', 'microfinance'],
        },
        {
          code: 'economics.finance.investment',
          zh: '投融资',
          en: 'Investment and financing',
          aliases: ['融资', '项目融资', '投资', 'financing'],
        },
        {
          code: 'economics.finance.insurance',
          zh: '保险',
          en: 'Insurance',
          aliases: ['保险业', '农业保险', 'insurance'],
        },
        {
          code: 'economics.finance.capital_markets',
          zh: '证券与资本市场',
          en: 'Capital markets',
          aliases: ['证券', '上市辅导', 'IPO'],
        },
      ],
    },
    {
      code: 'economics.statistics',
      zh: '统计',
      en: 'Statistics',
      aliases: ['统计学', 'statistics'],
      std: `${GBT} 910`,
      children: [
        {
          code: 'economics.statistics.survey',
          zh: '统计调查',
          en: 'Statistical surveys',
          aliases: ['抽样调查', '统计报表', 'survey'],
        },
        {
          code: 'economics.statistics.analysis',
          zh: '统计分析',
          en: 'Statistical analysis',
          aliases: ['统计建模', 'statistical analysis'],
        },
      ],
    },
    {
      code: 'economics.taxation',
      zh: '税务',
      en: 'Taxation',
      aliases: ['税收', '财税', 'tax'],
      children: [
        {
          code: 'economics.taxation.planning',
          zh: '税务筹划',
          en: 'Tax planning',
          aliases: ['纳税筹划', 'tax planning'],
        },
        {
          code: 'economics.taxation.filing',
          zh: '纳税申报',
          en: 'Tax filing',
          aliases: ['报税', '税务申报', 'tax filing'],
        },
        {
          code: 'economics.taxation.incentives',
          zh: '税收优惠政策',
          en: 'Tax incentives',
          aliases: ['研发费用加计扣除', '高新技术企业认定', '高企认定'],
        },
      ],
    },
    {
      code: 'economics.business_management',
      zh: '企业管理',
      en: 'Business management',
      aliases: ['经营管理', '工商管理', 'business administration', 'MBA'],
      std: `${GBT} 630`,
      children: [
        {
          code: 'economics.business_management.strategy',
          zh: '战略管理',
          en: 'Strategy',
          aliases: ['战略规划', '企业战略', 'strategy'],
        },
        {
          code: 'economics.business_management.governance',
          zh: '公司治理',
          en: 'Corporate governance',
          aliases: ['国企改革', '现代企业制度', 'corporate governance'],
        },
        {
          code: 'economics.business_management.consulting',
          zh: '企业管理诊断',
          en: 'Management consulting',
          aliases: ['企业诊断', '管理咨询', 'consulting'],
        },
        {
          code: 'economics.business_management.project',
          zh: '项目管理',
          en: 'Project management',
          aliases: ['PMP', '项目经理', 'project management'],
        },
        {
          code: 'economics.business_management.startups',
          zh: '创业辅导',
          en: 'Start-up mentoring',
          aliases: ['创业', '创业指导', 'entrepreneurship'],
        },
      ],
    },
    {
      code: 'economics.marketing',
      zh: '市场营销',
      en: 'Marketing',
      aliases: ['营销', '销售', 'sales', 'marketing'],
      children: [
        {
          code: 'economics.marketing.branding',
          zh: '品牌建设',
          en: 'Brand building',
          aliases: ['品牌', '品牌策划', 'branding'],
        },
        {
          code: 'economics.marketing.sales',
          zh: '销售管理',
          en: 'Sales management',
          aliases: ['渠道管理', '大客户销售', 'sales management'],
        },
        {
          code: 'economics.marketing.research',
          zh: '市场调研',
          en: 'Market research',
          aliases: ['市场调查', 'market research'],
        },
        {
          code: 'economics.marketing.exhibitions',
          zh: '会展',
          en: 'Trade fairs and events',
          aliases: ['展会', '会展策划', 'exhibitions'],
        },
      ],
    },
    {
      code: 'economics.logistics',
      zh: '物流',
      en: 'Logistics',
      aliases: ['物流管理', 'logistics'],
      children: [
        {
          code: 'economics.logistics.warehousing',
          zh: '仓储管理',
          en: 'Warehousing',
          aliases: ['仓库管理', '仓管', 'warehousing'],
        },
        {
          code: 'economics.logistics.cold_chain',
          zh: '冷链物流',
          en: 'Cold chain logistics',
          aliases: ['冷链', '冷库', 'cold chain'],
        },
        {
          code: 'economics.logistics.supply_chain',
          zh: '供应链管理',
          en: 'Supply chain management',
          aliases: ['供应链', '采购管理', 'SCM', 'supply chain'],
        },
        {
          code: 'economics.logistics.rural_delivery',
          zh: '农村物流配送',
          en: 'Rural delivery',
          aliases: ['快递进村', '县乡村物流', '物流配送'],
        },
      ],
    },
    {
      code: 'economics.ecommerce',
      zh: '电子商务',
      en: 'E-commerce',
      aliases: ['电商', '网络销售', '网店', 'ecommerce', 'online retail'],
      children: [
        {
          code: 'economics.ecommerce.livestreaming',
          zh: '直播带货',
          en: 'Livestreaming sales',
          aliases: [
            '直播电商',
            '直播销售',
            '带货主播',
            '主播',
            '抖音直播',
            '快手直播',
            'live commerce',
            'livestreaming',
          ],
        },
        {
          code: 'economics.ecommerce.store_operation',
          zh: '网店运营',
          en: 'Online store operation',
          aliases: ['店铺运营', '淘宝运营', '天猫运营', '拼多多运营', '电商运营'],
        },
        {
          code: 'economics.ecommerce.short_video',
          zh: '短视频运营',
          en: 'Short video marketing',
          aliases: ['短视频', '抖音运营', '短视频拍摄', 'short video'],
        },
        {
          code: 'economics.ecommerce.cross_border',
          zh: '跨境电商',
          en: 'Cross-border e-commerce',
          aliases: ['跨境电子商务', 'cross-border ecommerce'],
        },
        {
          code: 'economics.ecommerce.community_group',
          zh: '社群营销与社区团购',
          en: 'Community group selling',
          aliases: ['社区团购', '社群营销', '私域流量', '私域运营'],
        },
        {
          code: 'economics.ecommerce.customer_service',
          zh: '电商客服',
          en: 'E-commerce customer service',
          aliases: ['网店客服', '在线客服'],
        },
        {
          code: 'economics.ecommerce.digital_marketing',
          zh: '网络营销',
          en: 'Digital marketing',
          aliases: ['数字营销', '新媒体营销', '互联网营销师', 'SEO', 'digital marketing'],
        },
        {
          code: 'economics.ecommerce.visual_design',
          zh: '电商美工与商品摄影',
          en: 'Product photography and store design',
          aliases: ['电商美工', '商品摄影', '产品摄影'],
        },
      ],
    },
  ],
};
