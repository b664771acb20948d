import { banner } from '../../scripts/dev/banner';
import { demoDataWanted } from '../../scripts/dev/demo-data';
import { chinaDay } from '../../src/lib/china-day';
import { translator } from '../../src/lib/http/page-i18n';
import { pageTranslators } from '../../src/lib/http/pages';
import { newRunId } from '../../src/modules/ranking/batch.service';

describe('counted words in English', () => {
  test('when a count is 1, then the singular is chosen, otherwise the plural', () => {
    const t = translator({ nights: '{n} {n|night|nights}, {g} {g|guest|guests}' }, true);
    expect(t('nights', { n: 1, g: 2 })).toBe('1 night, 2 guests');
    expect(t('nights', { n: 0, g: 1 })).toBe('0 nights, 1 guest');
    expect(t('nights')).toBe('{n} {n|night|nights}, {g} {g|guest|guests}');
  });

  test('when the dictionary counts things, then one of a thing is said in the singular', () => {
    const en = pageTranslators().en;
    expect(en('expertHome.openOffers', { count: 1 })).toBe('You have 1 offer waiting for your answer.');
    expect(en('audit.count', { total: 1 })).toBe('1 entry, newest first');
    expect(en('apartment.fromTo', { from: '2026-03-01', to: '2026-03-02', nights: 1 })).toContain('1 night');
    expect(en('needDetail.years', { n: 1 })).toBe('1 year');
  });
});

describe('days in China time', () => {
  test('when it is 07:30 in Beijing (23:30 UTC the day before), then the day is Beijing’s', () => {
    const at = new Date('2026-03-01T23:30:00Z');
    expect(chinaDay(at)).toBe('2026-03-02');
    expect(newRunId('run', at)).toMatch(/^run-2026-03-02-[0-9a-f]{8}$/);
  });
});

describe('npm run dev without demo data', () => {
  test('when DEMO_DATA is 0, then no demo data is wanted and the banner lists no demo logins', () => {
    for (const off of ['0', 'false', 'no', 'OFF']) expect(demoDataWanted(off)).toBe(false);
    for (const on of [undefined, '', '1', 'yes']) expect(demoDataWanted(on)).toBe(true);
    const without = banner(
      'http://localhost:3000',
      'mongodb://x',
      ['Demo data: not loaded (DEMO_DATA=0).'],
      false,
    );
    expect(without).not.toContain('Demo logins');
    expect(without).toContain('npm run create-admin');
    expect(banner('http://localhost:3000', 'mongodb://x', [])).toContain('Demo logins');
  });
});
