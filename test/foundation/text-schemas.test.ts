import { multiLine, SINGLE_LINE_MESSAGE, singleLine } from '../../src/lib/schemas';

/** Issue #3: one line of text refuses what would break a header or a layout later on. */
describe('singleLine', () => {
  const name = singleLine(20);

  test.each([
    ['a line feed', '心内科会诊\n第二行'],
    ['a carriage return', '李明\rBcc: x@example.com'],
    ['CR LF', '李明\r\nBcc: x@example.com'],
    ['a tab', '李\t明'],
    ['NUL', '李\u0000明'],
    ['another C0 control', '李\u001b[31m明'],
    ['DEL', '李\u007f明'],
    ['a C1 control (NEL)', '李\u0085明'],
    ['a Unicode line separator', '李\u2028明'],
    ['a Unicode paragraph separator', '李\u2029明'],
  ])('when a value holds %s, then it is refused as not a single line', (_what, value) => {
    const result = name.safeParse(value);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.message)).toContain(SINGLE_LINE_MESSAGE);
  });

  test('when a value holds a lone surrogate, then it is refused', () => {
    expect(name.safeParse('李\ud800明').success).toBe(false);
    expect(name.safeParse('李\udc00').success).toBe(false);
  });

  test('when a value is spaced around, holds CJK, emoji or a pair of surrogates, then it is accepted trimmed', () => {
    expect(name.parse('  张桂兰 ')).toBe('张桂兰');
    expect(name.parse('王 😀 老师')).toBe('王 😀 老师');
    // a line break at either end is only trimmed away, like a space
    expect(name.parse('黔江区中心医院\r\n')).toBe('黔江区中心医院');
  });

  test('when empty, blank or longer than its maximum, then it is refused; `min: 0` allows empty', () => {
    expect(name.safeParse('').success).toBe(false);
    expect(name.safeParse('   ').success).toBe(false);
    expect(name.safeParse('字'.repeat(21)).success).toBe(false);
    expect(singleLine(5, { min: 0 }).parse('  ')).toBe('');
  });
});

describe('multiLine', () => {
  const description = multiLine(50);

  test('when text has line breaks and tabs, then they are kept, a form’s CR LF becoming LF', () => {
    expect(description.parse('第一行\r\n第二行\n\t缩进')).toBe('第一行\n第二行\n\t缩进');
    expect(description.parse('')).toBe('');
  });

  test.each([
    ['NUL', 'a\u0000b'],
    ['a bell', 'a\u0007b'],
    ['an escape', 'a\u001bb'],
    ['a C1 control', 'a\u009bb'],
    ['a lone surrogate', 'a\udbffb'],
  ])('when text holds %s, then it is refused', (_what, value) => {
    expect(description.safeParse(value).success).toBe(false);
  });
});
