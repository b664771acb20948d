/** Asia/Shanghai is UTC+8 all year (no daylight saving): the day people in the district call today. */
const CHINA_OFFSET_MS = 8 * 3_600_000;

/** The calendar day of a moment in China time, as YYYY-MM-DD (the day pages show, not the UTC day). */
export function chinaDay(at: Date = new Date()): string {
  return new Date(at.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 10);
}
