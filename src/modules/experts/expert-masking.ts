/** Pure helpers that hide what a viewer has no need to see (PIPL: minimum necessary). */

/** 13812345678 → 138****5678. */
export function maskPhone(phone: string): string {
  return phone.length < 8 ? '****' : `${phone.slice(0, 3)}****${phone.slice(-4)}`;
}

/** zhang.wei@example.com → z***@example.com. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  if (at < 1) return '***';
  return `${email[0]}***${email.slice(at)}`;
}

/** Age in five-year bands (1961 in 2026 → "65-69"), so an employer never learns the exact birth year. */
export function ageBand(birthYear: number, now = new Date()): string {
  const age = now.getUTCFullYear() - birthYear;
  const low = Math.floor(age / 5) * 5;
  return `${low}-${low + 4}`;
}
