import { loginLines } from '../seed/summary';

/**
 * What `npm run dev` prints once everything is up. Without the demo data (DEMO_DATA=0) there are no demo
 * logins to list: it says how to create the first admin instead.
 */
export function banner(url: string, mongo: string, demoLines: string[], withDemoData = true): string {
  const logins = withDemoData
    ? loginLines()
    : ['No demo logins. The first admin: npm run create-admin -- <email> "<name>" (MONGO_URL as above).'];
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
    ...logins,
    '────────────────────────────────────────────────────────',
    '',
  ].join('\n');
}
