import { centroid, containsPoint, decodePolygons } from '../../scripts/regions/echarts-geo';
import { joinSyllables, placeName } from '../../scripts/regions/names';

// a stand-in for pinyin-pro: the readings the tests need, including its wrong guess for 都
const READINGS: Record<string, string> = {
  黔: 'qian',
  江: 'jiang',
  忠: 'zhong',
  县: 'xian',
  都: 'dou',
  匀: 'yun',
};
const toPinyin = (text: string) => [...text].map((c) => READINGS[c] ?? 'x');

describe('build helpers: names', () => {
  it('when romanising a district, then the generic term is translated', () => {
    expect(placeName('黔江区', toPinyin)).toEqual({ pinyin: 'Qianjiang', nameEn: 'Qianjiang District' });
  });

  it('when a name has one character, then pinyin keeps the generic and English does not', () => {
    expect(placeName('忠县', toPinyin)).toEqual({ pinyin: 'Zhongxian', nameEn: 'Zhong County' });
  });

  it('when a place-name reading differs from the common one, then the place reading wins', () => {
    expect(placeName('都匀市', toPinyin).nameEn).toBe('Duyun City');
  });

  it('when an autonomous county names several groups, then they are listed in English', () => {
    expect(placeName('黔江土家族苗族自治县', toPinyin).nameEn).toBe(
      'Qianjiang Tujia and Miao Autonomous County',
    );
    expect(placeName('黔江彝族回族苗族自治县', toPinyin).nameEn).toBe(
      'Qianjiang Yi, Hui and Miao Autonomous County',
    );
  });

  it('when a syllable starts with a vowel, then an apostrophe separates it', () => {
    expect(joinSyllables(['weng', 'an'])).toBe("Weng'an");
    expect(joinSyllables(['an', 'ren'])).toBe('Anren');
  });
});

describe('build helpers: echarts geometry', () => {
  const square = {
    properties: { name: 'square' },
    geometry: {
      type: 'Polygon' as const,
      coordinates: [
        [
          [108, 29],
          [110, 29],
          [110, 31],
          [108, 31],
          [108, 29],
        ] as [number, number][],
      ],
    },
  };

  it('when taking the centroid of a square, then it is its middle', () => {
    expect(centroid(decodePolygons(square))).toEqual({ lat: 30, lng: 109 });
  });

  it('when testing points, then inside and swapped coordinates are told apart', () => {
    const polygons = decodePolygons(square);
    expect(containsPoint(polygons, 108.77, 29.53)).toBe(true);
    expect(containsPoint(polygons, 29.53, 108.77)).toBe(false);
  });

  it('when a ring is echarts-encoded, then it decodes to degrees from its offset', () => {
    // offset (1024, 2048) is (1°, 2°); '@' is a zero step, 'B' (66 − 64 = 2, zigzag) a step of +1
    const encoded = {
      properties: { name: 'encoded' },
      geometry: {
        type: 'Polygon' as const,
        coordinates: ['@@BB'],
        encodeOffsets: [[1024, 2048]] as [number, number][],
      },
    };
    expect(decodePolygons(encoded)).toEqual([
      [
        [
          [1, 2],
          [1025 / 1024, 2049 / 1024],
        ],
      ],
    ]);
  });
});
