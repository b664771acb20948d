import {
  CREDIT_CODE_CHARSET,
  creditCodeCheckChar,
  isValidCreditCode,
  SocialCreditCode,
} from '../../src/modules/organisations/social-credit-code';

describe('unified social credit code checksum (GB 32100-2015)', () => {
  test('when real published codes are checked, then they are valid', () => {
    // Published on the national enterprise credit system: Huawei, Tencent, and the standard's own example.
    for (const code of ['914403001922038216', '9144030071526726XG', '91350100M000100Y43']) {
      expect(isValidCreditCode(code)).toBe(true);
    }
  });

  test('when the check character is computed by hand for a Qianjiang-style code, then it matches', () => {
    // 9 1 5 0 0 1 1 4 M A 5 U 4 X Q 2 7 → values × weights sum to 2577; 2577 mod 31 = 4; 31 − 4 = 27 → "U".
    expect(creditCodeCheckChar('91500114MA5U4XQ27')).toBe('U');
    expect(isValidCreditCode('91500114MA5U4XQ27U')).toBe(true);
  });

  test('when the sum is a multiple of 31, then the check character is "0" (31 maps to 0)', () => {
    // Changing the last body character moves the sum by its weight (28); search for a body with sum ≡ 0.
    const body = '9150011400000000';
    const last = [...CREDIT_CODE_CHARSET].find((c) => creditCodeCheckChar(body + c) === '0');
    expect(last).toBeDefined();
    expect(isValidCreditCode(`${body}${last}0`)).toBe(true);
  });

  test('when one character is changed or two are swapped, then the code is invalid', () => {
    expect(isValidCreditCode('914403001922038217')).toBe(false);
    expect(isValidCreditCode('914403001922038261')).toBe(false);
    expect(isValidCreditCode('194403001922038216')).toBe(false);
  });

  test('when letters outside the set (I, O, S, V, Z) or a wrong length appear, then the code is invalid', () => {
    expect(isValidCreditCode('91440300192203821')).toBe(false);
    expect(isValidCreditCode('9144030019220382161')).toBe(false);
    expect(isValidCreditCode('91350100O000100Y43')).toBe(false);
    expect(creditCodeCheckChar('91350100I000100Y4')).toBeUndefined();
  });

  test('when the request field is given in lower case with spaces, then it is normalised; a bad one names the problem', () => {
    expect(SocialCreditCode.parse(' 9144030071526726xg ')).toBe('9144030071526726XG');
    const bad = SocialCreditCode.safeParse('9144030071526726XH');
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0].message).toMatch(/check character/);
  });
});
