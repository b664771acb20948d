import type { ServiceDefinition } from './services.schemas';

/**
 * The catalogue the district offers retired experts working away from home (seeded by code: a service
 * already stored keeps what admins changed). Units are Qianjiang district bodies; contacts are demo values.
 */
type Unit = ServiceDefinition['unit'];
const unit = (code: string, zh: string, en: string, phone: string, email: string): Unit => ({
  code,
  name: { zh, en },
  phone,
  email,
});

export const UNITS = {
  talent: unit(
    'talent-centre',
    '黔江区人才服务中心',
    'Qianjiang Talent Service Centre',
    '023-79220101',
    'talent-centre@qianjiang.example.org',
  ),
  housing: unit(
    'housing',
    '黔江区住房和城乡建设委员会',
    'Qianjiang Housing and Urban-Rural Development Commission',
    '023-79220202',
    'housing@qianjiang.example.org',
  ),
  health: unit(
    'health',
    '黔江区卫生健康委员会',
    'Qianjiang Health Commission',
    '023-79220303',
    'health@qianjiang.example.org',
  ),
  education: unit(
    'education',
    '黔江区教育委员会',
    'Qianjiang Education Commission',
    '023-79220404',
    'education@qianjiang.example.org',
  ),
  hrss: unit(
    'hrss',
    '黔江区人力资源和社会保障局',
    'Qianjiang Human Resources and Social Security Bureau',
    '023-79220505',
    'hrss@qianjiang.example.org',
  ),
  hukou: unit(
    'police-hukou',
    '重庆市公安局黔江区分局户政科',
    'Qianjiang Public Security Sub-bureau, Household Registration',
    '023-79220606',
    'hukou@qianjiang.example.org',
  ),
  medicalInsurance: unit(
    'medical-insurance',
    '黔江区医疗保障局',
    'Qianjiang Medical Insurance Bureau',
    '023-79220707',
    'medical-insurance@qianjiang.example.org',
  ),
  science: unit(
    'science',
    '黔江区科学技术局',
    'Qianjiang Science and Technology Bureau',
    '023-79220808',
    'science@qianjiang.example.org',
  ),
  transport: unit(
    'transport',
    '黔江区交通运输委员会',
    'Qianjiang Transport Commission',
    '023-79220909',
    'transport@qianjiang.example.org',
  ),
  civil: unit(
    'civil-affairs',
    '黔江区民政局',
    'Qianjiang Civil Affairs Bureau',
    '023-79221010',
    'civil-affairs@qianjiang.example.org',
  ),
  justice: unit(
    'justice',
    '黔江区司法局',
    'Qianjiang Justice Bureau',
    '023-79221111',
    'justice@qianjiang.example.org',
  ),
} as const;

type Field = ServiceDefinition['fields'][number];
const text = (key: string, zh: string, en: string, required = true): Field => ({
  key,
  label: { zh, en },
  type: 'text',
  required,
  options: [],
});
/** A date field; `when` keeps it on the right side of today, `notBefore` after another date field. */
const date = (
  key: string,
  zh: string,
  en: string,
  rule: Pick<Field, 'when' | 'notBefore'> = {},
  required = true,
): Field => ({
  key,
  label: { zh, en },
  type: 'date',
  required,
  options: [],
  ...rule,
});
const FUTURE = { when: 'future' } as const;
const PAST = { when: 'past' } as const;
const number = (key: string, zh: string, en: string, required = true): Field => ({
  key,
  label: { zh, en },
  type: 'number',
  required,
  options: [],
});
const choice = (
  key: string,
  zh: string,
  en: string,
  options: [string, string, string][],
  required = true,
): Field => ({
  key,
  label: { zh, en },
  type: 'choice',
  required,
  options: options.map(([value, optZh, optEn]) => ({ value, label: { zh: optZh, en: optEn } })),
});
const note = text('note', '补充说明', 'Anything else we should know', false);

const EXPERTS = ['engaged_expert', 'key_talent'] as ServiceDefinition['eligible'];
const WITH_FAMILY = ['engaged_expert', 'key_talent', 'family'] as ServiceDefinition['eligible'];
const KEY_ONLY = ['key_talent'] as ServiceDefinition['eligible'];

const svc = (
  code: string,
  category: ServiceDefinition['category'],
  name: [string, string],
  description: [string, string],
  u: Unit,
  eligible: ServiceDefinition['eligible'],
  promisedDays: number,
  fields: Field[],
): ServiceDefinition => ({
  code,
  category,
  name: { zh: name[0], en: name[1] },
  description: { zh: description[0], en: description[1] },
  unit: u,
  eligible,
  promisedDays,
  fields,
  active: true,
});

const YES_NO: [string, string, string][] = [
  ['yes', '需要', 'Yes'],
  ['no', '不需要', 'No'],
];

// biome-ignore format: one service per block reads better than the formatter's layout
/** The codes of the responsible units; a service-unit staff account names one of them. */
export const UNIT_CODES: readonly string[] = Object.values(UNITS).map((u) => u.code);

export const CATALOGUE: readonly ServiceDefinition[] = [
  svc(
    'talent-apartment',
    'housing',
    ['人才公寓入住', 'Talent apartment stay'],
    [
      '为来黔服务的专家安排区人才公寓，拎包入住。',
      'A furnished room in the district talent apartments for the time of the engagement.',
    ],
    UNITS.housing,
    WITH_FAMILY,
    3,
    [
      date('arrivalDate', '入住日期', 'Arrival date', FUTURE),
      number('months', '预计居住月数', 'Expected months of stay'),
      number('occupants', '入住人数', 'Number of occupants'),
      choice('needsLift', '是否需要电梯楼层', 'Needs lift access', YES_NO),
      note,
    ],
  ),
  svc(
    'travel-reimbursement',
    'travel',
    ['往返交通费报销', 'Travel cost reimbursement'],
    [
      '报销专家往返黔江的火车、飞机、客车等交通费用。',
      'Reimburses train, flight or coach fares to and from Qianjiang.',
    ],
    UNITS.talent,
    EXPERTS,
    10,
    [
      date('tripDate', '出行日期', 'Date of travel', PAST),
      text('fromPlace', '出发地', 'Travelling from'),
      choice('mode', '交通方式', 'Means of transport', [
        ['train', '火车', 'Train'],
        ['plane', '飞机', 'Plane'],
        ['coach', '客车', 'Coach'],
        ['car', '自驾', 'Own car'],
      ]),
      number('amount', '金额（元）', 'Amount (yuan)'),
      text('invoiceNo', '票据号码', 'Ticket or invoice number'),
    ],
  ),
  svc(
    'accommodation-reimbursement',
    'travel',
    ['住宿费报销', 'Accommodation reimbursement'],
    [
      '未入住人才公寓期间的宾馆住宿费用按标准报销。',
      'Hotel costs while no talent apartment is available, within the set rates.',
    ],
    UNITS.talent,
    EXPERTS,
    10,
    [
      date('checkIn', '入住日期', 'Check-in', PAST),
      date('checkOut', '离店日期', 'Check-out', { when: 'past', notBefore: 'checkIn' }),
      text('hotel', '宾馆名称', 'Hotel'),
      number('amount', '金额（元）', 'Amount (yuan)'),
    ],
  ),
  svc(
    'annual-health-check',
    'health',
    ['年度健康体检', 'Annual health check'],
    [
      '每年安排一次全面健康体检，可预约时间和医院。',
      'A full health check once a year, at a hospital and time you choose.',
    ],
    UNITS.health,
    WITH_FAMILY,
    5,
    [
      date('preferredDate', '希望体检日期', 'Preferred date', FUTURE),
      choice('hospital', '体检医院', 'Hospital', [
        ['central', '黔江中心医院', 'Qianjiang Central Hospital'],
        ['peoples', '黔江区人民医院', "Qianjiang People's Hospital"],
        ['tcm', '黔江区中医院', 'Qianjiang TCM Hospital'],
      ]),
      note,
    ],
  ),
  svc(
    'medical-green-channel',
    'health',
    ['就医绿色通道', 'Medical green channel'],
    [
      '就医优先挂号、优先检查、专人陪诊。',
      'Priority registration and examinations, with a companion at the hospital.',
    ],
    UNITS.health,
    WITH_FAMILY,
    1,
    [
      text('department', '就诊科室', 'Department'),
      date('preferredDate', '就诊日期', 'Date of visit', FUTURE),
      choice('urgency', '紧急程度', 'Urgency', [
        ['routine', '一般', 'Routine'],
        ['soon', '尽快', 'Soon'],
        ['urgent', '紧急', 'Urgent'],
      ]),
      note,
    ],
  ),
  svc(
    'chengdu-remote-consultation',
    'health',
    ['成渝医院联盟远程会诊', 'Remote consultation (Chengdu hospital alliance)'],
    [
      '通过成渝医院联盟请成都专家远程会诊。',
      'A remote consultation with Chengdu specialists through the hospital alliance.',
    ],
    UNITS.health,
    WITH_FAMILY,
    3,
    [text('department', '会诊科室', 'Department'), note],
  ),
  svc(
    'accident-insurance',
    'insurance',
    ['服务期意外伤害保险', 'Accident insurance for the engagement'],
    [
      '退休专家签订劳务协议，不在工伤保险范围内，由区里统一购买服务期意外伤害保险。',
      'Retired experts work under a service agreement, not covered by work-injury insurance: the district buys accident cover for the engagement.',
    ],
    UNITS.hrss,
    EXPERTS,
    5,
    [
      date('from', '保障开始日期', 'Cover from'),
      date('to', '保障结束日期', 'Cover to', { when: 'future', notBefore: 'from' }),
      text('employer', '服务单位', 'Employer'),
    ],
  ),
  svc(
    'medical-insurance-filing',
    'insurance',
    ['异地就医备案', 'Out-of-province medical insurance filing'],
    [
      '办理异地长期居住就医备案，在黔江看病直接结算。',
      'Files your stay so that medical bills in Qianjiang are settled directly by your insurance.',
    ],
    UNITS.medicalInsurance,
    WITH_FAMILY,
    3,
    [
      text('insuredPlace', '参保地', 'Where you are insured'),
      choice('insuranceType', '参保类型', 'Insurance type', [
        ['employee', '职工医保', 'Employee scheme'],
        ['resident', '居民医保', 'Resident scheme'],
      ]),
      date('stayUntil', '预计居住至', 'Staying until', FUTURE),
    ],
  ),
  svc(
    'local-transport',
    'transport',
    ['市内交通用车', 'Local transport'],
    [
      '到服务单位、医院等地的市内用车安排。',
      'A car for trips in town: to the employer, a hospital and the like.',
    ],
    UNITS.transport,
    EXPERTS,
    2,
    [
      date('date', '用车日期', 'Date', FUTURE),
      text('from', '出发地点', 'From'),
      text('to', '目的地', 'To'),
      number('passengers', '乘车人数', 'Passengers'),
    ],
  ),
  svc(
    'station-pickup',
    'transport',
    ['机场车站接送', 'Airport and station pick-up'],
    ['抵达或离开黔江时安排接送。', 'Pick-up or drop-off when you arrive in or leave Qianjiang.'],
    UNITS.talent,
    WITH_FAMILY,
    2,
    [
      date('date', '日期', 'Date', FUTURE),
      choice('place', '地点', 'Place', [
        ['airport', '黔江武陵山机场', 'Qianjiang Wulingshan Airport'],
        ['railway', '黔江站', 'Qianjiang railway station'],
        ['coach', '黔江汽车站', 'Qianjiang coach station'],
      ]),
      text('trainOrFlight', '车次或航班号', 'Train or flight number'),
      number('passengers', '人数', 'People'),
    ],
  ),
  svc(
    'meal-card',
    'daily',
    ['就餐卡办理', 'Canteen meal card'],
    ['办理机关或服务单位食堂就餐卡。', "A meal card for a public or the employer's canteen."],
    UNITS.talent,
    WITH_FAMILY,
    3,
    [
      choice('canteen', '就餐食堂', 'Canteen', [
        ['government', '区级机关食堂', 'District offices canteen'],
        ['employer', '服务单位食堂', 'Employer canteen'],
      ]),
      number('months', '办理月数', 'Months'),
    ],
  ),
  svc(
    'phone-network',
    'daily',
    ['通讯网络开通', 'Phone and internet set-up'],
    ['在公寓开通宽带、办理本地电话卡。', 'Broadband in the apartment and a local phone card.'],
    UNITS.talent,
    WITH_FAMILY,
    3,
    [
      choice('what', '办理内容', 'What to set up', [
        ['broadband', '宽带', 'Broadband'],
        ['sim', '电话卡', 'Phone card'],
        ['both', '两者都要', 'Both'],
      ]),
      note,
    ],
  ),
  svc(
    'talent-card',
    'daily',
    ['人才服务卡办理', 'Talent service card'],
    [
      '办理区人才服务卡，凭卡享受景区、场馆、出行等优待。',
      'The district talent card: concessions at sights, venues and on transport.',
    ],
    UNITS.talent,
    EXPERTS,
    5,
    [note],
  ),
  svc(
    'spouse-placement',
    'family',
    ['随行配偶安置', 'Accompanying spouse'],
    [
      '随行配偶的工作、志愿服务或生活安排。',
      'Work, volunteering or daily-life arrangements for an accompanying spouse.',
    ],
    UNITS.hrss,
    WITH_FAMILY,
    15,
    [
      text('spouseName', '配偶姓名', "Spouse's name"),
      choice('wish', '主要需求', 'Main wish', [
        ['job', '就业', 'A job'],
        ['volunteer', '志愿服务', 'Volunteering'],
        ['daily', '生活照料', 'Daily-life help'],
      ]),
      note,
    ],
  ),
  svc(
    'child-school-place',
    'family',
    ['子女入学', "Children's school place"],
    ['随迁子女就近入学、转学。', 'A school place or transfer for children who move with you.'],
    UNITS.education,
    WITH_FAMILY,
    15,
    [
      text('childName', '子女姓名', "Child's name"),
      date('birthDate', '出生日期', 'Date of birth', PAST),
      choice('stage', '学段', 'Stage', [
        ['kindergarten', '幼儿园', 'Kindergarten'],
        ['primary', '小学', 'Primary'],
        ['junior', '初中', 'Junior secondary'],
        ['senior', '高中', 'Senior secondary'],
      ]),
      text('preferredSchool', '意向学校', 'Preferred school', false),
    ],
  ),
  svc(
    'grandchild-school-place',
    'family',
    ['孙辈入学入托', "Grandchildren's school or nursery place"],
    ['随迁孙辈入托、入学安排。', 'A nursery or school place for grandchildren in your care.'],
    UNITS.education,
    WITH_FAMILY,
    15,
    [
      text('childName', '孙辈姓名', "Grandchild's name"),
      date('birthDate', '出生日期', 'Date of birth', PAST),
      choice('stage', '学段', 'Stage', [
        ['nursery', '托育', 'Nursery'],
        ['kindergarten', '幼儿园', 'Kindergarten'],
        ['primary', '小学', 'Primary'],
      ]),
      text('preferredSchool', '意向学校', 'Preferred school', false),
    ],
  ),
  svc(
    'elderly-family-care',
    'family',
    ['随行老人照护', 'Care for an accompanying elder'],
    [
      '随行高龄家属的社区养老、助餐、上门照护。',
      'Community care, meals and home visits for an elderly relative who came with you.',
    ],
    UNITS.civil,
    WITH_FAMILY,
    10,
    [
      text('relativeName', '家属姓名', "Relative's name"),
      number('age', '年龄', 'Age'),
      choice('care', '照护需求', 'Care needed', [
        ['meals', '助餐', 'Meals'],
        ['home', '上门照护', 'Home visits'],
        ['daycare', '日间照料', 'Day care'],
      ]),
    ],
  ),
  svc(
    'residence-permit',
    'residence',
    ['居住证办理', 'Residence permit'],
    ['办理黔江居住证，享受本地公共服务。', 'A Qianjiang residence permit for local public services.'],
    UNITS.hukou,
    WITH_FAMILY,
    10,
    [
      text('address', '居住地址', 'Address in Qianjiang'),
      date('since', '入住日期', 'Living there since', PAST),
    ],
  ),
  svc(
    'household-registration',
    'residence',
    ['人才落户', 'Household registration (hukou) transfer'],
    [
      '重点人才及家属户口迁入黔江。',
      'Moves the household registration of a key talent and family to Qianjiang.',
    ],
    UNITS.hukou,
    ['key_talent', 'family'],
    20,
    [text('fromPlace', '原户籍地', 'Registered now in'), number('members', '迁入人数', 'People moving')],
  ),
  svc(
    'title-recognition',
    'career',
    ['外省职称确认', 'Recognition of a title from another province'],
    [
      '外省取得的职称在重庆确认、备案。',
      'Confirms in Chongqing a professional title awarded in another province.',
    ],
    UNITS.hrss,
    EXPERTS,
    20,
    [
      text('titleName', '职称名称', 'Title'),
      text('province', '评审省份', 'Awarded in (province)'),
      choice('level', '级别', 'Level', [
        ['full_senior', '正高级', 'Full senior'],
        ['associate_senior', '副高级', 'Associate senior'],
        ['intermediate', '中级', 'Intermediate'],
      ]),
      number('year', '取得年份', 'Year awarded'),
    ],
  ),
  svc(
    'project-funding',
    'career',
    ['科研项目资金申报辅导', 'Help with research project funding'],
    [
      '帮助申报区、市科技项目和人才项目资金。',
      'Help applying for district and municipal research and talent project funds.',
    ],
    UNITS.science,
    EXPERTS,
    10,
    [
      text('projectTitle', '项目名称', 'Project title'),
      text('field', '研究领域', 'Field'),
      number('amount', '拟申请金额（万元）', 'Amount sought (10,000 yuan)', false),
      date('callDeadline', '申报截止日期', 'Call deadline', FUTURE, false),
    ],
  ),
  svc(
    'expert-workstation',
    'career',
    ['专家工作站建站', 'Expert workstation'],
    [
      '以专家名义在服务单位建立工作站、工作室，给予场地和经费支持。',
      'A workstation in your name at the employer, with room and funds.',
    ],
    UNITS.science,
    KEY_ONLY,
    20,
    [text('employer', '依托单位', 'Host employer'), text('focus', '主要方向', 'Focus')],
  ),
  svc(
    'honour-recommendation',
    'career',
    ['荣誉奖项推荐', 'Nomination for honours'],
    [
      '推荐参评市、区人才荣誉和科技奖项。',
      'Nomination for municipal and district talent honours and science awards.',
    ],
    UNITS.hrss,
    EXPERTS,
    20,
    [text('achievement', '主要成果', 'Main achievement'), note],
  ),
  svc(
    'social-security-consult',
    'career',
    ['退休待遇与社保咨询', 'Pension and social security advice'],
    [
      '解答返聘期间养老金领取、社保关系等问题。',
      'Answers on drawing a pension and social insurance while working under a service agreement.',
    ],
    UNITS.hrss,
    EXPERTS,
    5,
    [text('pensionPlace', '养老金领取地', 'Pension paid in'), text('question', '咨询问题', 'Your question')],
  ),
  svc(
    'legal-advice',
    'career',
    ['劳务协议法律咨询', 'Legal advice on the service agreement'],
    [
      '对劳务协议条款、权益保障提供免费法律咨询。',
      'Free legal advice on your service agreement and your rights under it.',
    ],
    UNITS.justice,
    EXPERTS,
    5,
    [text('question', '咨询问题', 'Your question')],
  ),
  svc(
    'stipend-enquiry',
    'career',
    ['服务补贴发放查询', 'Stipend payment enquiry'],
    ['查询、核对服务补贴和生活补贴发放情况。', 'Checks the payment of your service and living allowances.'],
    UNITS.talent,
    EXPERTS,
    5,
    [text('month', '查询月份', 'Month (e.g. 2026-03)'), note],
  ),
  svc(
    'dedicated-officer',
    'daily',
    ['专属服务专员', 'Dedicated service officer'],
    [
      '重点人才配备专属服务专员，一对一对接各项服务。',
      'Key talents get a named officer who handles every service with them.',
    ],
    UNITS.talent,
    KEY_ONLY,
    1,
    [
      choice('contactBy', '希望联系方式', 'Contact by', [
        ['phone', '电话', 'Phone'],
        ['visit', '上门', 'Visit'],
        ['wechat', '微信', 'WeChat'],
      ]),
    ],
  ),
  svc(
    'one-stop-agency',
    'residence',
    ['政务事项代办', 'Government errands done for you'],
    ['各类政务事项由工作人员代办、帮办。', 'Staff handle other government errands for you.'],
    UNITS.talent,
    WITH_FAMILY,
    5,
    [text('matter', '代办事项', 'What to do'), note],
  ),
];
