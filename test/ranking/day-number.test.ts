import { dayNumber } from '../../src/modules/ranking/engine-mapping';

const viaDateParse = (iso: string) => Math.floor(Date.parse(`${iso}T00:00:00Z`) / 86_400_000);

describe('dayNumber', () => {
  it('when given every date from 1899 to 2101, then it counts the days as Date.parse does', () => {
    for (let day = -25_600; day <= 48_300; day++) {
      const iso = new Date(day * 86_400_000).toISOString().slice(0, 10);
      if (dayNumber(iso) !== day) expect([iso, dayNumber(iso)]).toEqual([iso, day]);
    }
  });

  it('when the text is not a plain valid date, then the answer is still what Date.parse gives', () => {
    for (const text of [
      '2026-02-29',
      '2024-02-29',
      '2026-13-01',
      '2026-00-10',
      '2026-1-05',
      '0000-03-01',
      'x',
    ]) {
      expect(dayNumber(text)).toEqual(viaDateParse(text));
    }
  });
});
