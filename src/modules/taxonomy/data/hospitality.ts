import { DADIAN, LOCAL, type TaxonomyEntry } from './entry';

/** Hospitality and catering: the cook and hotel trades of 职业大典 2022, with the local cuisine. */
export const hospitality: TaxonomyEntry = {
  code: 'hospitality',
  zh: '餐饮与酒店',
  en: 'Catering and hospitality',
  aliases: ['餐饮', '住宿餐饮', 'catering', 'hospitality'],
  std: DADIAN,
  children: [
    {
      code: 'hospitality.culinary',
      zh: '烹饪',
      en: 'Cooking',
      aliases: ['烹饪技术', '厨艺', 'culinary arts'],
      std: DADIAN,
      children: [
        {
          code: 'hospitality.culinary.chinese_cooking',
          zh: '中式烹调',
          en: 'Chinese cooking',
          aliases: ['中式烹调师', '厨师', '中餐', 'chef'],
          std: DADIAN,
        },
        {
          code: 'hospitality.culinary.chinese_pastry',
          zh: '中式面点',
          en: 'Chinese pastry',
          aliases: ['中式面点师', '面点', '面点师'],
          std: DADIAN,
        },
        {
          code: 'hospitality.culinary.western_cooking',
          zh: '西式烹调',
          en: 'Western cooking',
          aliases: ['西式烹调师', '西餐'],
          std: DADIAN,
        },
        {
          code: 'hospitality.culinary.western_pastry',
          zh: '西式面点',
          en: 'Baking and Western pastry',
          aliases: ['西式面点师', '西点', '烘焙', 'baking'],
          std: DADIAN,
        },
        {
          code: 'hospitality.culinary.local_cuisine',
          zh: '土家苗家菜',
          en: 'Tujia and Miao cuisine',
          aliases: ['土家菜', '苗家菜', '渝东南菜'],
          std: LOCAL,
        },
        {
          code: 'hospitality.culinary.hotpot',
          zh: '火锅',
          en: 'Hotpot',
          aliases: ['火锅店', 'hotpot'],
          std: LOCAL,
        },
        {
          code: 'hospitality.culinary.nutrition_catering',
          zh: '营养配餐',
          en: 'Nutritional catering',
          aliases: ['配餐', '营养配餐员', '团餐', '食堂管理'],
          std: DADIAN,
        },
        {
          code: 'hospitality.culinary.kitchen_management',
          zh: '厨房管理',
          en: 'Kitchen management',
          aliases: ['后厨管理', '厨师长'],
        },
      ],
    },
    {
      code: 'hospitality.hotel',
      zh: '酒店管理',
      en: 'Hotel management',
      aliases: ['酒店', '宾馆', 'hotel'],
      children: [
        {
          code: 'hospitality.hotel.front_office',
          zh: '前厅服务',
          en: 'Front office',
          aliases: ['前台', '前厅'],
        },
        {
          code: 'hospitality.hotel.rooms',
          zh: '客房服务',
          en: 'Rooms division',
          aliases: ['客房', '客房服务员'],
        },
        {
          code: 'hospitality.hotel.restaurant_service',
          zh: '餐厅服务',
          en: 'Restaurant service',
          aliases: ['餐厅服务员', '服务员', '餐饮服务'],
        },
        {
          code: 'hospitality.hotel.operations',
          zh: '酒店运营管理',
          en: 'Hotel operations',
          aliases: ['酒店运营', 'hotel operations'],
        },
      ],
    },
  ],
};
