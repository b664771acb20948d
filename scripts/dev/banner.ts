import { loginLines } from '../seed/summary';

/** What `npm run dev` prints once everything is up. */
export function banner(url: string, mongo: string, demoLines: string[]): string {
  return [
    '',
    '────────────────────────────────────────────────────────',
    ` Yinling 银龄 is running: ${url}`,
    `   API docs      ${url}/docs`,
    `   Caught mail   ${url}/dev/mail`,
    `   Health        ${url}/health   Ready ${url}/ready`,
    `   MongoDB       ${mongo}`,
    '',
    ...demoLines,
    '',
    ...loginLines(),
    '────────────────────────────────────────────────────────',
    '',
  ].join('\n');
}
