import { CREDIT_CODE_CHARSET, creditCodeCheckChar } from '../../src/modules/organisations/social-credit-code';
import type { Rng } from './prng';

/**
 * Unified social credit codes (GB 32100-2015) that pass the same checksum the API checks:
 * registration authority + kind (11 机关, 12 事业单位, 91 企业, 93 农民专业合作社), the county's
 * six-digit code, a nine-character organisation code whose last character is its own GB 11714 check,
 * and the final check character.
 */
const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];
const ORG_CHARS = CREDIT_CODE_CHARSET;
/** GB 11714 values: digits as themselves, letters A=10 … Z=35. */
const orgValue = (ch: string) => (/\d/.test(ch) ? Number(ch) : ch.charCodeAt(0) - 55);

function orgCodeCheck(first8: string): string {
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += orgValue(first8[i]) * ORG_WEIGHTS[i];
  const c = 11 - (sum % 11);
  return c === 10 ? 'X' : c === 11 ? '0' : String(c);
}

export type CodeKind = '11' | '12' | '91' | '93';

export function creditCode(rng: Rng, kind: CodeKind, county: string): string {
  // Enterprises registered since 2015 carry "MA" at the start of their organisation code.
  let body = kind === '91' || kind === '93' ? 'MA' : '';
  while (body.length < 8) body += rng.pick([...(kind.startsWith('9') ? ORG_CHARS : '0123456789')]);
  const first17 = `${kind}${county}${body}${orgCodeCheck(body)}`;
  const check = creditCodeCheckChar(first17);
  if (!check) throw new Error(`seed: bad credit code body ${first17}`);
  return first17 + check;
}
