import { z } from 'zod';
import '../../lib/openapi';

/**
 * The unified social credit code (统一社会信用代码, GB 32100-2015): 18 characters from a 31-character set
 * (digits and capitals without I, O, S, V, Z); the last one is a check character over the first 17.
 */
export const CREDIT_CODE_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;
const SHAPE = /^[0-9A-HJ-NPQRTUWXY]{18}$/;

/** The check character for the first 17 characters, or undefined when one of them is outside the set. */
export function creditCodeCheckChar(first17: string): string | undefined {
  if (first17.length !== 17) return undefined;
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const value = CREDIT_CODE_CHARSET.indexOf(first17[i]);
    if (value < 0) return undefined;
    sum += value * WEIGHTS[i];
  }
  const check = 31 - (sum % 31);
  return CREDIT_CODE_CHARSET[check === 31 ? 0 : check];
}

/** True for a well-formed code whose 18th character matches its checksum. */
export function isValidCreditCode(code: string): boolean {
  return SHAPE.test(code) && creditCodeCheckChar(code.slice(0, 17)) === code[17];
}

/** Request field: trimmed, upper-cased, then checked (a typo in the code is a 400 naming the field). */
export const SocialCreditCode = z
  .string()
  .trim()
  .toUpperCase()
  .refine((code) => SHAPE.test(code), {
    message: 'a unified social credit code has 18 characters (digits and capitals except I, O, S, V, Z)',
  })
  .refine(isValidCreditCode, { message: 'the check character of the unified social credit code is wrong' })
  .openapi({ example: '91500114MA5U4XQ27U', description: '统一社会信用代码 (GB 32100-2015)' });
