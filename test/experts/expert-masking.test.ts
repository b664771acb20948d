import { ageBand, maskEmail, maskPhone } from '../../src/modules/experts/expert-masking';

describe('masking', () => {
  test('when a phone or email is masked, then only the agreed characters remain', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskEmail('zhang.wei@example.com')).toBe('z***@example.com');
    expect(maskEmail('not-an-email')).toBe('***');
  });

  test('when a birth year is shown to an employer, then it becomes a five-year band', () => {
    const now = new Date('2026-06-01T00:00:00Z');
    expect(ageBand(1961, now)).toBe('65-69');
    expect(ageBand(1966, now)).toBe('60-64');
    expect(ageBand(1962, now)).toBe('60-64');
  });
});
