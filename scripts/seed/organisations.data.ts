import type { OrganisationType } from '../../src/modules/organisations/organisation.model';

/**
 * The demo's employers: hospitals, schools, cooperatives, enterprises, research institutes and
 * public units of the border region. `needs` name templates in needs.data.ts; `quota` makes a key
 * enterprise with that many talent-service units for the year.
 */
export interface OrganisationSeed {
  name: string;
  type: OrganisationType;
  county: string;
  address: string;
  description: string;
  status: 'verified' | 'pending' | 'rejected';
  needs: readonly string[];
  quota?: number;
}

const o = (
  name: string,
  type: OrganisationType,
  county: string,
  address: string,
  description: string,
  needs: readonly string[],
  extra: Partial<Pick<OrganisationSeed, 'status' | 'quota'>> = {},
): OrganisationSeed => ({ name, type, county, address, description, needs, status: 'verified', ...extra });

export const ORGANISATIONS: readonly OrganisationSeed[] = [
  o(
    '黔江区中心医院',
    'hospital',
    '500114',
    '黔江区城西街道新华大道石城段',
    '渝东南区域医疗中心，三级甲等综合医院，成渝医院联盟成员。',
    ['cardiology-lead', 'surgery-mentor', 'hospital-mgmt'],
    { quota: 3 },
  ),
  o('黔江区中医院', 'hospital', '500114', '黔江区城东街道人民路', '二级甲等中医医院，设土家医药特色专科。', [
    'tcm-clinic',
    'ethnic-medicine',
  ]),
  o('黔江区妇幼保健院', 'hospital', '500114', '黔江区舟白街道', '区级妇幼保健机构。', [
    'paediatrics',
    'nursing',
  ]),
  o('酉阳土家族苗族自治县人民医院', 'hospital', '500242', '酉阳县桃花源街道', '县域医疗次中心。', [
    'gp-training',
    'surgery-mentor',
  ]),
  o('秀山土家族苗族自治县中医医院', 'hospital', '500241', '秀山县中和街道', '县级中医医院。', ['tcm-clinic']),
  o('彭水苗族土家族自治县人民医院', 'hospital', '500243', '彭水县汉葭街道', '县级综合医院。', [
    'cardiology-lead',
    'paediatrics',
  ]),
  o(
    '恩施土家族苗族自治州中心医院',
    'hospital',
    '422801',
    '恩施市舞阳坝街道',
    '三级甲等综合医院。',
    ['surgery-mentor', 'nursing'],
    { quota: 2 },
  ),
  o('来凤县人民医院', 'hospital', '422827', '来凤县翔凤镇', '县级综合医院。', ['gp-training']),
  o('龙山县人民医院', 'hospital', '433130', '龙山县民安街道', '县级综合医院，湘鄂渝黔边区医疗协作单位。', [
    'gp-training',
    'hospital-mgmt',
  ]),
  o('沿河土家族自治县人民医院', 'hospital', '520627', '沿河县团结街道', '县级综合医院。', ['paediatrics']),
  o(
    '黔江区民族职业教育中心',
    'school',
    '500114',
    '黔江区正阳街道',
    '国家级重点中职学校，开设数控、护理、旅游等专业。',
    ['vocational-teaching', 'cnc', 'brocade'],
  ),
  o('重庆市黔江中学校', 'school', '500114', '黔江区城东街道', '重庆市重点中学。', [
    'maths-teaching',
    'chinese-teaching',
  ]),
  o('酉阳土家族苗族自治县职业教育中心', 'school', '500242', '酉阳县钟多街道', '县级职教中心。', [
    'auto-repair',
    'homestay',
  ]),
  o('重庆市石柱中学校', 'school', '500240', '石柱县南宾街道', '县级重点中学。', [
    'school-mgmt',
    'maths-teaching',
  ]),
  o('湘西民族职业技术学院', 'school', '433101', '吉首市乾州街道', '高职院校。', [
    'vocational-teaching',
    'embroidery',
  ]),
  o('铜仁职业技术学院', 'school', '520602', '碧江区川硐街道', '高职院校，涉农专业为主。', [
    'smart-agri',
    'vocational-teaching',
  ]),
  o('黔江区金溪猕猴桃种植专业合作社', 'cooperative', '500114', '黔江区金溪镇', '红心猕猴桃种植两千余亩。', [
    'kiwi',
    'coop-mgmt',
  ]),
  o('酉阳县花田贡米专业合作社', 'cooperative', '500242', '酉阳县花田乡', '梯田贡米种植与销售。', [
    'ecommerce',
    'coop-mgmt',
  ]),
  o('秀山县金银花种植专业合作社', 'cooperative', '500241', '秀山县隘口镇', '金银花基地与初加工。', ['herbs']),
  o('石柱县黄连种植专业合作社', 'cooperative', '500240', '石柱县黄水镇', '黄连标准化种植。', [
    'coptis',
    'ecommerce',
  ]),
  o('彭水县魔芋种植专业合作社', 'cooperative', '500243', '彭水县鹿角镇', '魔芋良种繁育与种植。', ['konjac']),
  o('咸丰县唐崖茶叶专业合作社', 'cooperative', '422826', '咸丰县唐崖镇', '富硒茶园与手工制茶。', [
    'tea-garden',
    'tea-processing',
  ]),
  o(
    '松桃苗族自治县苗绣专业合作社',
    'cooperative',
    '520628',
    '松桃县蓼皋街道',
    '苗绣加工与技艺培训。',
    ['embroidery'],
    { status: 'pending' },
  ),
  o('黔江区濯水生猪养殖专业合作社', 'cooperative', '500114', '黔江区濯水镇', '生猪适度规模养殖。', ['pigs']),
  o(
    '重庆武陵山魔芋食品有限公司',
    'enterprise',
    '500114',
    '黔江区正阳工业园区',
    '魔芋精粉、魔芋休闲食品生产。',
    ['konjac-processing', 'quality', 'konjac'],
    { quota: 4 },
  ),
  o('重庆黔丝纺织有限公司', 'enterprise', '500114', '黔江区正阳工业园区', '蚕丝深加工。', [
    'silk',
    'equipment',
  ]),
  o(
    '重庆武陵机械制造有限公司',
    'enterprise',
    '500114',
    '黔江区册山工业园',
    '汽车零部件与农机具制造。',
    ['cnc', 'welding', 'equipment'],
    { quota: 2 },
  ),
  o('重庆彭水中药材开发有限公司', 'enterprise', '500243', '彭水县绿色工业园区', '中药材种植与饮片加工。', [
    'herbs',
    'tech-transfer',
  ]),
  o('重庆石柱黄连药业有限公司', 'enterprise', '500240', '石柱县黄水镇', '黄连提取物生产。', ['quality']),
  o('恩施州玉露茶业有限公司', 'enterprise', '422801', '恩施市芭蕉侗族乡', '恩施玉露加工与出口。', [
    'tea-processing',
    'ecommerce',
  ]),
  o('湘西华绿猕猴桃果业有限公司', 'enterprise', '433101', '吉首市矮寨镇', '猕猴桃种植、冷链与销售。', [
    'kiwi',
    'accounting',
  ]),
  o('铜仁梵净山茶业有限公司', 'enterprise', '520602', '碧江区灯塔街道', '梵净山绿茶生产。', ['tea-garden']),
  o(
    '重庆酉阳油茶科技有限公司',
    'enterprise',
    '500242',
    '酉阳县板溪工业园',
    '油茶种植与精炼。',
    ['tech-transfer'],
    { status: 'pending' },
  ),
  o('重庆濯水旅游开发有限公司', 'enterprise', '500114', '黔江区濯水镇', '濯水古镇景区运营。', [
    'homestay',
    'local-cuisine',
  ]),
  o(
    '重庆武隆仙女山民宿管理有限公司',
    'enterprise',
    '500156',
    '武隆区仙女山街道',
    '民宿集群运营。',
    ['homestay'],
    { status: 'pending' },
  ),
  o('重庆黔江顺达商贸有限公司', 'enterprise', '500114', '黔江区城西街道', '日用品批发。', ['accounting'], {
    status: 'rejected',
  }),
  o(
    '黔江区农业科学研究所',
    'research_institute',
    '500114',
    '黔江区冯家街道',
    '区级农业科研单位，猕猴桃、魔芋、蚕桑研究。',
    ['tech-transfer', 'kiwi'],
  ),
  o(
    '恩施土家族苗族自治州农业科学院',
    'research_institute',
    '422801',
    '恩施市小渡船街道',
    '州级农业科研院所。',
    ['tea-garden', 'smart-agri'],
  ),
  o(
    '湘西土家族苗族自治州农业科学研究院',
    'research_institute',
    '433101',
    '吉首市石家冲街道',
    '州级农业科研院所。',
    ['cattle'],
  ),
  o('黔江区农业农村委员会', 'public_unit', '500114', '黔江区城西街道', '区农业农村主管部门。', [
    'village-planning',
    'cattle',
    'smart-agri',
  ]),
  o('黔江区乡村振兴局', 'public_unit', '500114', '黔江区城西街道', '巩固拓展脱贫攻坚成果、推进乡村振兴。', [
    'coop-mgmt',
    'elderly-care',
  ]),
  o('秀山土家族苗族自治县文化馆', 'public_unit', '500241', '秀山县中和街道', '花灯等非遗保护与传承。', [
    'brocade',
  ]),
  o(
    '酉阳土家族苗族自治县卫生健康委员会',
    'public_unit',
    '500242',
    '酉阳县桃花源街道',
    '县卫生健康主管部门。',
    ['gp-training', 'hospital-mgmt'],
    { status: 'pending' },
  ),
];
