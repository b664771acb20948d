import { GBT, type TaxonomyEntry } from './entry';

/** IT and digital: GB/T 13745-2009 510 电子与通信技术, 520 计算机科学技术. */
export const it: TaxonomyEntry = {
  code: 'it',
  zh: '信息技术',
  en: 'IT and digital',
  aliases: ['信息化', '数字化', '计算机', 'information technology'],
  std: GBT,
  children: [
    {
      code: 'it.software',
      zh: '软件开发',
      en: 'Software development',
      aliases: ['软件', '编程', '程序员', 'software'],
      std: `${GBT} 520`,
      children: [
        {
          code: 'it.software.web',
          zh: '网站开发',
          en: 'Web development',
          aliases: ['网站建设', 'Web开发', '前端开发', 'web'],
        },
        {
          code: 'it.software.mobile',
          zh: '移动应用开发',
          en: 'Mobile apps',
          aliases: ['App开发', '小程序开发', '小程序', 'mobile apps'],
        },
        {
          code: 'it.software.erp',
          zh: '企业信息化与ERP',
          en: 'Enterprise systems and ERP',
          aliases: ['ERP', '企业信息化', '用友', '金蝶'],
        },
        {
          code: 'it.software.testing',
          zh: '软件测试',
          en: 'Software testing',
          aliases: ['测试工程师', 'QA', 'software testing'],
        },
        {
          code: 'it.software.architecture',
          zh: '软件架构',
          en: 'Software architecture',
          aliases: ['系统架构', '架构师', 'software architecture'],
        },
      ],
    },
    {
      code: 'it.networks_security',
      zh: '网络与信息安全',
      en: 'Networks and information security',
      aliases: ['网络', '信息安全', 'networking'],
      children: [
        {
          code: 'it.networks_security.network_admin',
          zh: '网络运维',
          en: 'Network administration',
          aliases: ['网管', '网络管理', 'IT运维'],
        },
        {
          code: 'it.networks_security.security',
          zh: '网络安全与等级保护',
          en: 'Cybersecurity',
          aliases: ['网络安全', '等保', '等级保护', 'cybersecurity'],
        },
        {
          code: 'it.networks_security.cloud',
          zh: '云计算与数据中心',
          en: 'Cloud computing and data centres',
          aliases: ['云计算', '数据中心', '云平台', 'cloud'],
        },
      ],
    },
    {
      code: 'it.data',
      zh: '数据分析',
      en: 'Data analysis',
      aliases: ['数据', '数据挖掘', 'data analytics'],
      children: [
        {
          code: 'it.data.business_intelligence',
          zh: '商业智能与报表',
          en: 'Business intelligence',
          aliases: ['BI', '数据报表', '数据可视化'],
        },
        {
          code: 'it.data.ai',
          zh: '人工智能应用',
          en: 'Applied artificial intelligence',
          aliases: ['人工智能', 'AI', '大模型', '机器学习', 'machine learning'],
        },
        {
          code: 'it.data.big_data',
          zh: '大数据平台',
          en: 'Big data platforms',
          aliases: ['大数据', 'big data'],
        },
      ],
    },
    {
      code: 'it.electronics',
      zh: '电子信息',
      en: 'Electronics',
      aliases: ['电子', '电子技术', 'electronics'],
      std: `${GBT} 510`,
      children: [
        {
          code: 'it.electronics.embedded',
          zh: '嵌入式系统',
          en: 'Embedded systems',
          aliases: ['嵌入式', '单片机', 'embedded'],
        },
        {
          code: 'it.electronics.circuits',
          zh: '电路设计',
          en: 'Circuit design',
          aliases: ['PCB', '电子电路', 'PCB设计'],
        },
        {
          code: 'it.electronics.repair',
          zh: '电子设备维修',
          en: 'Electronics repair',
          aliases: ['家电维修', '电子维修', '家用电器维修'],
        },
        {
          code: 'it.electronics.telecoms',
          zh: '通信工程',
          en: 'Telecommunications',
          aliases: ['通信', '5G', '通信基站', 'telecom'],
        },
        {
          code: 'it.electronics.iot',
          zh: '物联网',
          en: 'Internet of Things',
          aliases: ['IoT', '物联网应用'],
        },
      ],
    },
    {
      code: 'it.smart_agriculture',
      zh: '智慧农业',
      en: 'Smart agriculture',
      aliases: ['数字农业', 'smart farming'],
      children: [
        {
          code: 'it.smart_agriculture.precision',
          zh: '精准农业',
          en: 'Precision agriculture',
          aliases: ['精准施肥', 'precision farming'],
        },
        {
          code: 'it.smart_agriculture.monitoring',
          zh: '农业物联网监测',
          en: 'Farm sensing and monitoring',
          aliases: ['农业物联网', '智能大棚', '环境监控'],
        },
        {
          code: 'it.smart_agriculture.traceability',
          zh: '农产品溯源',
          en: 'Farm product traceability',
          aliases: ['溯源', '二维码溯源', 'traceability'],
        },
      ],
    },
    {
      code: 'it.digital_government',
      zh: '数字政务',
      en: 'Digital government services',
      aliases: ['电子政务', '数字政府', 'e-government'],
      children: [
        {
          code: 'it.digital_government.one_stop',
          zh: '一网通办',
          en: 'One-stop online services',
          aliases: ['政务服务平台', '互联网+政务服务'],
        },
        {
          code: 'it.digital_government.data_governance',
          zh: '政务数据治理',
          en: 'Data governance',
          aliases: ['数据治理', '数据共享', 'data governance'],
        },
        {
          code: 'it.digital_government.smart_city',
          zh: '智慧城市',
          en: 'Smart city',
          aliases: ['城市大脑', 'smart city'],
        },
      ],
    },
  ],
};
