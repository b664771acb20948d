import { GBT, type TaxonomyEntry } from './entry';

/** Law: GB/T 13745-2009 820 法学, shaped by what enterprises and townships ask a lawyer for. */
export const law: TaxonomyEntry = {
  code: 'law',
  zh: '法律',
  en: 'Law',
  aliases: ['法学', '法律服务', '律师', 'legal'],
  std: `${GBT} 820`,
  children: [
    {
      code: 'law.civil_commercial',
      zh: '民商法',
      en: 'Civil and commercial law',
      aliases: ['民法', '商法', 'civil law'],
      children: [
        {
          code: 'law.civil_commercial.contracts',
          zh: '合同审查',
          en: 'Contract review',
          aliases: ['合同', '合同管理', 'contracts'],
        },
        {
          code: 'law.civil_commercial.corporate',
          zh: '公司法务',
          en: 'Corporate legal counsel',
          aliases: ['法务', '法律顾问', '企业法律顾问', 'legal counsel'],
        },
        {
          code: 'law.civil_commercial.litigation',
          zh: '诉讼与仲裁',
          en: 'Litigation and arbitration',
          aliases: ['诉讼', '仲裁', 'litigation'],
        },
        {
          code: 'law.civil_commercial.bankruptcy',
          zh: '破产重整',
          en: 'Bankruptcy and restructuring',
          aliases: ['破产', '重整', 'bankruptcy'],
        },
        {
          code: 'law.civil_commercial.rural_land',
          zh: '农村土地与产权',
          en: 'Rural land rights',
          aliases: ['土地流转', '宅基地', '承包地', '农村产权'],
        },
        {
          code: 'law.civil_commercial.family',
          zh: '婚姻家事',
          en: 'Family law',
          aliases: ['婚姻家庭', '继承', 'family law'],
        },
      ],
    },
    {
      code: 'law.labour',
      zh: '劳动法',
      en: 'Labour law',
      aliases: ['劳动法律', 'labor law'],
      children: [
        {
          code: 'law.labour.disputes',
          zh: '劳动争议',
          en: 'Labour disputes',
          aliases: ['劳动纠纷', '劳动仲裁', 'labor disputes'],
        },
      ],
    },
    {
      code: 'law.intellectual_property',
      zh: '知识产权',
      en: 'Intellectual property',
      aliases: ['知产', 'IP', 'intellectual property'],
      children: [
        {
          code: 'law.intellectual_property.patents',
          zh: '专利',
          en: 'Patents',
          aliases: ['专利申请', '专利代理', 'patent'],
        },
        {
          code: 'law.intellectual_property.trademarks',
          zh: '商标',
          en: 'Trademarks',
          aliases: ['商标注册', '地理标志', 'trademark'],
        },
      ],
    },
    {
      code: 'law.administrative',
      zh: '行政法',
      en: 'Administrative law',
      aliases: ['行政法律'],
      children: [
        {
          code: 'law.administrative.legality_review',
          zh: '合法性审查',
          en: 'Legality review',
          aliases: ['规范性文件审查', '法治政府建设'],
        },
        {
          code: 'law.administrative.enforcement',
          zh: '行政执法',
          en: 'Administrative enforcement',
          aliases: ['执法', '综合执法'],
        },
      ],
    },
    {
      code: 'law.compliance',
      zh: '企业合规',
      en: 'Corporate compliance',
      aliases: ['合规', 'compliance'],
      children: [
        {
          code: 'law.compliance.data_protection',
          zh: '数据合规与个人信息保护',
          en: 'Data protection',
          aliases: ['个人信息保护', '数据合规', 'PIPL', 'GDPR'],
        },
      ],
    },
    {
      code: 'law.mediation',
      zh: '人民调解',
      en: "People's mediation",
      aliases: ['调解', '调解员', 'mediation'],
      children: [
        {
          code: 'law.mediation.disputes',
          zh: '矛盾纠纷调解',
          en: 'Dispute mediation',
          aliases: ['纠纷调解', '矛盾调解', '基层调解'],
        },
        {
          code: 'law.mediation.legal_aid',
          zh: '法律援助',
          en: 'Legal aid',
          aliases: ['公益法律服务', 'legal aid'],
        },
      ],
    },
  ],
};
