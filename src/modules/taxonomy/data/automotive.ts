import { DADIAN, GBT, type TaxonomyEntry } from './entry';

/**
 * Automotive and new-energy vehicles, a field of its own: Chongqing's car and motorcycle industry and the
 * county repair shops need it more than any other trade. Repair skills follow 职业大典 2022 (汽车维修工);
 * vehicle engineering GB/T 13745-2009 580 交通运输工程.
 */
export const automotive: TaxonomyEntry = {
  code: 'automotive',
  zh: '汽车与新能源汽车',
  en: 'Automotive and new-energy vehicles',
  aliases: ['汽车', '汽车行业', '汽车产业', 'automotive', 'cars'],
  std: GBT,
  children: [
    {
      code: 'automotive.repair',
      zh: '汽车维修',
      en: 'Vehicle repair',
      aliases: ['汽修', '汽车修理', '汽车维修工', '机动车维修', 'car repair', 'auto repair'],
      std: DADIAN,
      children: [
        {
          code: 'automotive.repair.engine',
          zh: '发动机维修',
          en: 'Engine repair',
          aliases: ['发动机', '发动机大修', 'engine repair'],
        },
        {
          code: 'automotive.repair.chassis',
          zh: '底盘与变速箱维修',
          en: 'Chassis and transmission repair',
          aliases: ['底盘', '变速箱维修', '底盘维修'],
        },
        {
          code: 'automotive.repair.electrical',
          zh: '汽车电器维修',
          en: 'Automotive electrics',
          aliases: ['汽车电工', '汽车电器', 'auto electrician'],
        },
        {
          code: 'automotive.repair.diagnostics',
          zh: '汽车故障诊断',
          en: 'Vehicle diagnostics',
          aliases: ['电控诊断', '汽车诊断', 'OBD', 'car diagnostics'],
        },
        {
          code: 'automotive.repair.body',
          zh: '汽车钣金',
          en: 'Body repair',
          aliases: ['钣金', '钣金工', 'panel beating'],
        },
        {
          code: 'automotive.repair.paint',
          zh: '汽车喷漆',
          en: 'Vehicle refinishing',
          aliases: ['喷漆', '汽车喷漆工', '汽车美容', 'car painting'],
        },
        {
          code: 'automotive.repair.servicing',
          zh: '汽车保养',
          en: 'Vehicle servicing',
          aliases: ['汽车快修', '汽车维护', 'car servicing'],
        },
        {
          code: 'automotive.repair.air_conditioning',
          zh: '汽车空调维修',
          en: 'Vehicle air conditioning',
          aliases: ['汽车空调'],
        },
        {
          code: 'automotive.repair.trucks',
          zh: '商用车维修',
          en: 'Truck and bus repair',
          aliases: ['货车维修', '重卡维修', '客车维修', 'truck repair'],
        },
      ],
    },
    {
      code: 'automotive.nev',
      zh: '新能源汽车',
      en: 'New-energy vehicles',
      aliases: ['新能源车', '电动汽车', 'NEV', 'EV', 'electric vehicles'],
      std: DADIAN,
      children: [
        {
          code: 'automotive.nev.repair',
          zh: '新能源汽车维修',
          en: 'NEV repair',
          aliases: ['新能源车维修', '新能源汽车检修', '电动汽车维修', '电车维修', 'EV repair'],
        },
        {
          code: 'automotive.nev.battery',
          zh: '动力电池',
          en: 'Traction batteries',
          aliases: ['动力电池维修', '电池包', 'BMS', '电池管理系统', 'battery pack'],
        },
        {
          code: 'automotive.nev.electric_drive',
          zh: '电驱与电控',
          en: 'Electric drive and control',
          aliases: ['驱动电机', '电机控制器', '三电系统', '三电', 'electric drive'],
        },
        {
          code: 'automotive.nev.hv_safety',
          zh: '高压电安全防护',
          en: 'High-voltage safety',
          aliases: ['高压安全', '高压防护', 'high-voltage safety'],
        },
        {
          code: 'automotive.nev.charging',
          zh: '充电设施',
          en: 'Charging infrastructure',
          aliases: ['充电桩', '充电站', '充电桩安装', 'EV charging'],
        },
        {
          code: 'automotive.nev.hybrid',
          zh: '混合动力',
          en: 'Hybrid vehicles',
          aliases: ['混动', '插混', '增程式', 'PHEV', 'hybrid'],
        },
        {
          code: 'automotive.nev.intelligent',
          zh: '智能网联汽车',
          en: 'Intelligent connected vehicles',
          aliases: ['智能网联', '自动驾驶', 'ADAS', 'connected vehicles'],
        },
        {
          code: 'automotive.nev.battery_recycling',
          zh: '动力电池回收',
          en: 'Battery recycling',
          aliases: ['电池回收', '梯次利用', 'battery recycling'],
        },
      ],
    },
    {
      code: 'automotive.manufacturing',
      zh: '汽车制造',
      en: 'Vehicle manufacturing',
      aliases: ['整车制造', '汽车生产', 'car manufacturing'],
      children: [
        {
          code: 'automotive.manufacturing.stamping',
          zh: '冲压',
          en: 'Stamping',
          aliases: ['冲压工', '冲压工艺', 'stamping'],
        },
        {
          code: 'automotive.manufacturing.body_welding',
          zh: '车身焊装',
          en: 'Body-in-white welding',
          aliases: ['焊装', '白车身'],
        },
        {
          code: 'automotive.manufacturing.painting',
          zh: '整车涂装',
          en: 'Vehicle paint shop',
          aliases: ['涂装', '涂装工', '涂装工艺'],
        },
        {
          code: 'automotive.manufacturing.assembly',
          zh: '总装',
          en: 'Final assembly',
          aliases: ['总装工艺', '汽车装配', '汽车装调工'],
        },
        {
          code: 'automotive.manufacturing.parts',
          zh: '汽车零部件',
          en: 'Auto parts',
          aliases: ['零部件', '汽配', 'auto parts'],
        },
        {
          code: 'automotive.manufacturing.motorcycles',
          zh: '摩托车',
          en: 'Motorcycles',
          aliases: ['摩托车制造', '摩托车维修', 'motorcycle'],
        },
        {
          code: 'automotive.manufacturing.inspection',
          zh: '机动车检测',
          en: 'Vehicle inspection',
          aliases: ['车辆检测', '整车检测', '机动车检测工', 'vehicle testing'],
        },
      ],
    },
    {
      code: 'automotive.engineering',
      zh: '汽车工程',
      en: 'Automotive engineering',
      aliases: ['车辆工程', 'vehicle engineering'],
      std: GBT,
      children: [
        {
          code: 'automotive.engineering.design',
          zh: '整车设计',
          en: 'Vehicle design',
          aliases: ['汽车设计', 'vehicle design'],
        },
        {
          code: 'automotive.engineering.powertrain',
          zh: '动力总成',
          en: 'Powertrain',
          aliases: ['powertrain'],
        },
        {
          code: 'automotive.engineering.nvh',
          zh: '振动噪声控制',
          en: 'Noise, vibration and harshness',
          aliases: ['NVH'],
        },
        {
          code: 'automotive.engineering.lightweighting',
          zh: '汽车轻量化',
          en: 'Lightweighting',
          aliases: ['轻量化'],
        },
      ],
    },
    {
      code: 'automotive.services',
      zh: '汽车服务',
      en: 'Automotive services',
      aliases: ['汽车后市场', 'aftermarket'],
      children: [
        {
          code: 'automotive.services.used_cars',
          zh: '二手车鉴定评估',
          en: 'Used car appraisal',
          aliases: ['二手车', '二手车评估', 'used cars'],
        },
        {
          code: 'automotive.services.claims',
          zh: '事故车定损',
          en: 'Claims assessment',
          aliases: ['定损', '汽车定损', 'claims assessment'],
        },
        {
          code: 'automotive.services.dealership',
          zh: '汽车销售与售后管理',
          en: 'Dealership management',
          aliases: ['4S店', '汽车销售', '售后服务管理'],
        },
        {
          code: 'automotive.services.driving',
          zh: '驾驶培训',
          en: 'Driving instruction',
          aliases: ['驾校', '驾驶教练', '教练员'],
        },
      ],
    },
  ],
};
