import { GBT, LOCAL, type TaxonomyEntry } from './entry';

/** Culture and arts: GB/T 13745-2009 760 艺术学, 860 新闻学与传播学, 890 体育科学; local heritage depth. */
export const culture: TaxonomyEntry = {
  code: 'culture',
  zh: '文化艺术',
  en: 'Culture and arts',
  aliases: ['文化', '艺术', '文艺', 'arts'],
  std: GBT,
  children: [
    {
      code: 'culture.music',
      zh: '音乐（含民歌）',
      en: 'Music (including folk song)',
      aliases: ['音乐', 'music'],
      children: [
        {
          code: 'culture.music.folk_song',
          zh: '民歌演唱',
          en: 'Folk singing',
          aliases: ['民歌', '山歌', '土家民歌', '声乐'],
          std: LOCAL,
        },
        {
          code: 'culture.music.instruments',
          zh: '器乐',
          en: 'Instrumental music',
          aliases: ['乐器', '民族器乐', '器乐演奏'],
        },
        {
          code: 'culture.music.choir',
          zh: '合唱指导',
          en: 'Choir conducting',
          aliases: ['合唱', '合唱团', 'choir'],
        },
      ],
    },
    {
      code: 'culture.dance',
      zh: '舞蹈（含摆手舞）',
      en: 'Dance (including Tujia hand-waving dance)',
      aliases: ['舞蹈', 'dance'],
      children: [
        {
          code: 'culture.dance.folk_dance',
          zh: '民族舞蹈',
          en: 'Folk dance',
          aliases: ['摆手舞', '土家摆手舞', '民族舞'],
          std: LOCAL,
        },
        { code: 'culture.dance.square_dance', zh: '广场舞', en: 'Square dancing', aliases: ['广场舞编排'] },
      ],
    },
    {
      code: 'culture.fine_arts',
      zh: '美术',
      en: 'Fine arts',
      aliases: ['美术学', 'fine arts'],
      children: [
        {
          code: 'culture.fine_arts.painting',
          zh: '绘画',
          en: 'Painting',
          aliases: ['国画', '油画', '农民画', 'painting'],
        },
        {
          code: 'culture.fine_arts.graphic_design',
          zh: '平面设计',
          en: 'Graphic design',
          aliases: ['视觉设计', '广告设计', 'graphic design'],
        },
        {
          code: 'culture.fine_arts.photography',
          zh: '摄影',
          en: 'Photography',
          aliases: ['摄影师', 'photography'],
        },
      ],
    },
    {
      code: 'culture.calligraphy',
      zh: '书法',
      en: 'Calligraphy',
      aliases: ['书法艺术', 'calligraphy'],
      children: [
        {
          code: 'culture.calligraphy.brush',
          zh: '毛笔书法',
          en: 'Brush calligraphy',
          aliases: ['毛笔字', '软笔书法'],
        },
        {
          code: 'culture.calligraphy.seal_carving',
          zh: '篆刻',
          en: 'Seal carving',
          aliases: ['印章篆刻', 'seal carving'],
        },
      ],
    },
    {
      code: 'culture.intangible_heritage',
      zh: '非物质文化遗产保护',
      en: 'Intangible cultural heritage',
      aliases: ['非遗', '非物质文化遗产', 'intangible heritage'],
      std: LOCAL,
      children: [
        {
          code: 'culture.intangible_heritage.nuo_opera',
          zh: '傩戏',
          en: 'Nuo opera',
          aliases: ['傩', '阳戏', '傩文化'],
          std: LOCAL,
        },
        {
          code: 'culture.intangible_heritage.local_opera',
          zh: '地方戏曲',
          en: 'Local opera',
          aliases: ['南剧', '花灯戏', '戏曲'],
          std: LOCAL,
        },
        {
          code: 'culture.intangible_heritage.listing',
          zh: '非遗申报与传承',
          en: 'Heritage listing and transmission',
          aliases: ['非遗申报', '非遗传承人', '非遗传承'],
        },
      ],
    },
    {
      code: 'culture.museums',
      zh: '文物与博物馆',
      en: 'Cultural relics and museums',
      aliases: ['文博', '文物', '博物馆', 'museums'],
      children: [
        {
          code: 'culture.museums.conservation',
          zh: '文物保护修复',
          en: 'Conservation and restoration',
          aliases: ['文物修复', '文物保护'],
        },
        {
          code: 'culture.museums.exhibitions',
          zh: '陈列展览',
          en: 'Museum exhibitions',
          aliases: ['展陈', '策展', '展陈设计'],
        },
        {
          code: 'culture.museums.local_chronicles',
          zh: '地方志',
          en: 'Local chronicles',
          aliases: ['修志', '地方史', '史志'],
        },
      ],
    },
    {
      code: 'culture.journalism',
      zh: '新闻出版',
      en: 'Journalism and publishing',
      aliases: ['新闻', '新闻传播', 'journalism'],
      std: `${GBT} 860`,
      children: [
        {
          code: 'culture.journalism.news_writing',
          zh: '新闻采编',
          en: 'News writing and editing',
          aliases: ['采编', '记者', '编辑'],
        },
        {
          code: 'culture.journalism.publishing',
          zh: '出版编辑',
          en: 'Publishing',
          aliases: ['出版', '图书编辑', 'publishing'],
        },
        {
          code: 'culture.journalism.new_media',
          zh: '新媒体运营',
          en: 'New media',
          aliases: ['新媒体', '公众号运营', '融媒体'],
        },
        {
          code: 'culture.journalism.broadcasting',
          zh: '广播电视',
          en: 'Broadcasting',
          aliases: ['播音', '播音主持', '节目主持', 'broadcasting'],
        },
      ],
    },
    {
      code: 'culture.sports',
      zh: '体育',
      en: 'Sports',
      aliases: ['体育科学', '体育运动', 'sport'],
      std: `${GBT} 890`,
      children: [
        {
          code: 'culture.sports.coaching',
          zh: '体育教练',
          en: 'Sports coaching',
          aliases: ['运动训练', '体育训练', 'coach'],
        },
        {
          code: 'culture.sports.fitness',
          zh: '全民健身指导',
          en: 'Fitness instruction',
          aliases: ['社会体育指导员', '健身指导', '健身'],
        },
        {
          code: 'culture.sports.martial_arts',
          zh: '武术',
          en: 'Martial arts',
          aliases: ['太极拳', '太极', 'martial arts'],
        },
      ],
    },
  ],
};
