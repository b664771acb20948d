import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { Types } from 'mongoose';
import request from 'supertest';
import { createUser } from '../../src/modules/accounts/users.service';
import { AuditEntry } from '../../src/modules/audit/audit.model';
import { recordAudit } from '../../src/modules/audit/audit.service';
import { AUDIT_ACTIONS } from '../../src/modules/audit/audit-view';
import { Match } from '../../src/modules/matches/match.model';
import { pageAgent } from '../pages/page-agent';
import { startTestApp, type TestApp } from '../support/app';
import { type SignedIn, signIn, TEST_PASSWORD, uniqueEmail } from '../support/auth';
import { createExpertAs } from '../support/experts.factory';
import { createOpenNeed } from '../support/needs.factory';
import { registerEmployer } from '../support/organisations.factory';

const ROOT = join(__dirname, '..', '..');
const dictionary = (lang: string) =>
  JSON.parse(readFileSync(join(ROOT, 'templates', 'i18n', `${lang}.json`), 'utf8')) as Record<string, string>;

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? tsFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

/** The text of each call's arguments, up to its closing parenthesis. */
function callArguments(source: string, name: string): string[] {
  const calls: string[] = [];
  for (let at = source.indexOf(`${name}(`); at !== -1; at = source.indexOf(`${name}(`, at + 1)) {
    let depth = 0;
    const start = at + name.length;
    for (let i = start; i < source.length; i++) {
      if ('([{'.includes(source[i])) depth++;
      if (')]}'.includes(source[i])) depth--;
      if (depth === 0) {
        calls.push(source.slice(start + 1, i));
        break;
      }
    }
  }
  return calls;
}

/** The second argument of a call (the action), at the top level of its argument list. */
function secondArgument(args: string): string {
  let depth = 0;
  const commas: number[] = [];
  for (let i = 0; i < args.length; i++) {
    if ('([{'.includes(args[i])) depth++;
    if (')]}'.includes(args[i])) depth--;
    if (args[i] === ',' && depth === 0) commas.push(i);
  }
  return args.slice(commas[0] + 1, commas[1]).trim();
}

const literals = (text: string) => [...text.matchAll(/'([a-z][a-z.-]*)'/g)].map((m) => m[1]);

/**
 * Call sites whose action is computed: where the words for it come from, read from the same file.
 * A new computed call site fails the test until it is listed here.
 */
const COMPUTED: Record<string, (source: string) => string[]> = {
  'src/modules/apartments/stays.service.ts `apartment-stay.${action}`': (source) =>
    [...source.matchAll(/finish\(\s*actor,\s*'([a-z-]+)'/g)].map((m) => `apartment-stay.${m[1]}`),
  'src/modules/services/service-requests.service.ts `service-request.${action}`': (source) => {
    const union = /export type RequestAction = ([^;]+);/.exec(source)?.[1] ?? '';
    return literals(union).map((a) => `service-request.${a}`);
  },
  'src/modules/needs/need-status.service.ts action': (source) =>
    [...source.matchAll(/byActor\(\s*actor,\s*id,\s*'([a-z.-]+)'/g)].map((m) => m[1]),
  'src/modules/calls/calls.service.ts action': (source) =>
    [...source.matchAll(/'(call\.[a-z]+)'/g)].map((m) => m[1]),
};

/** Every action the code records, read from each `recordAudit(` call in src/. */
function recordedActions(): Set<string> {
  const found = new Set<string>();
  for (const file of tsFiles(join(ROOT, 'src'))) {
    const path = relative(ROOT, file).split('\\').join('/');
    if (path.startsWith('src/modules/audit/')) continue;
    const source = readFileSync(file, 'utf8');
    for (const args of callArguments(source, 'recordAudit')) {
      const action = secondArgument(args);
      if (/^'[^']*'$/.test(action) || /^[\w.]+ \? '[^']*' : '[^']*'$/.test(action)) {
        for (const a of literals(action)) found.add(a);
        continue;
      }
      const computed = COMPUTED[`${path} ${action}`];
      if (!computed)
        throw new Error(`${path}: recordAudit with a computed action ${action}; list it in COMPUTED`);
      const expanded = computed(source);
      expect(expanded.length).toBeGreaterThan(0);
      for (const a of expanded) found.add(a);
    }
  }
  return found;
}

describe('words for every action', () => {
  test('when the code records an action, then the log knows it and has a label and a sentence in both languages', () => {
    const recorded = recordedActions();
    expect(recorded.size).toBeGreaterThan(30);
    expect(recorded).toContain('apartment-stay.check-in');
    expect(recorded).toContain('service-request.refuse');
    expect(recorded).toContain('need.open');
    const missing: string[] = [];
    for (const action of recorded) {
      if (!(AUDIT_ACTIONS as readonly string[]).includes(action))
        missing.push(`${action}: not in AUDIT_ACTIONS`);
    }
    for (const action of [...recorded, ...AUDIT_ACTIONS]) {
      for (const lang of ['zh-CN', 'en']) {
        const words = dictionary(lang);
        if (!words[`auditAction.${action}`]) missing.push(`${lang} auditAction.${action}`);
        if (!words[`auditSentence.${action}`]?.includes('{actor}'))
          missing.push(`${lang} auditSentence.${action}`);
      }
    }
    expect(missing).toEqual([]);
  });
});

let t: TestApp;
let admin: Awaited<ReturnType<typeof pageAgent>>;
let adminUserId: string;
let adminEmail: string;
let coordinator: SignedIn;
beforeAll(async () => {
  t = await startTestApp({ LOGIN_MAX_PER_IP: '1000' });
  adminEmail = uniqueEmail('admin');
  adminUserId = String(
    (await createUser({ email: adminEmail, password: TEST_PASSWORD, role: 'admin', displayName: '李管理' }))
      ._id,
  );
  admin = await pageAgent(t.app, adminEmail);
  const coordEmail = uniqueEmail('coord');
  await createUser({ email: coordEmail, password: TEST_PASSWORD, role: 'coordinator', displayName: '王芳' });
  coordinator = await signIn(t.app, coordEmail);
});
afterAll(() => t.close());

const coordinatorActor = () => ({
  userId: coordinator.userId,
  role: 'coordinator' as const,
  via: 'token' as const,
});
const auditPage = (query: Record<string, string> = {}) =>
  admin.agent.get(`/admin/audit?${new URLSearchParams(query)}`);

/** Attribute values as the browser reads them (Handlebars escapes "=" and "&"). */
const decoded = (html: string) => html.replace(/&#x3D;/g, '=').replace(/&amp;/g, '&');

/** The page's entries, each as its text (tags removed). */
const entriesOf = (html: string) =>
  [...html.matchAll(/<li class="card audit-entry">([\s\S]*?)<\/li>/g)].map((m) =>
    m[1].replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' '),
  );

describe('the audit log page', () => {
  let organisationId: string;
  let organisationName: string;
  let expertId: string;
  let needId: string;
  let needTitle: string;
  let matchId: string;

  beforeAll(async () => {
    const employer = await registerEmployer(t.app);
    organisationId = employer.organisationId;
    const verified = await request(t.app)
      .post(`/api/v1/organisations/${organisationId}/verify`)
      .set(coordinator.header);
    organisationName = verified.body.name;
    expertId = await createExpertAs(t.app, coordinator, { name: '向德明' });
    const need = await createOpenNeed(t.app, employer.header, { title: '猕猴桃溃疡病防治' });
    needId = need.id;
    needTitle = need.title as string;
    const match = await Match.create({
      needId,
      expertId,
      organisationId,
      status: 'confirmed',
      history: [{ to: 'confirmed', at: new Date(), channel: 'web' }],
    });
    matchId = String(match._id);
    await recordAudit(coordinatorActor(), 'match.confirm', { type: 'match', id: matchId });
  });

  test('when an admin opens the log, then each entry is a sentence in words with a link to its record, and no JSON', async () => {
    const page = await auditPage({ actorId: coordinator.userId });
    expect(page.status).toBe(200);
    expect(page.text).toContain(`协调员 王芳 确认了 向德明 参加《${needTitle}》`);
    expect(page.text).toContain(`协调员 王芳 审核通过了 ${organisationName}`);
    expect(page.text).toContain('协调员 王芳 代 向德明 登记了专家资料');
    expect(page.text).toContain(`href="/matches/${matchId}"`);
    expect(page.text).toContain(`href="/coordinator/liaisons/experts/${expertId}"`);
    // details as labelled facts
    expect(page.text).toMatch(/<dt>由工作人员代为登记<\/dt><dd>是<\/dd>/);
    for (const entry of entriesOf(page.text)) {
      expect(entry).not.toMatch(/[{}]|&quot;|"\w+":/);
    }
    // the newest first
    const entries = entriesOf(page.text);
    expect(entries[0]).toContain('确认了 向德明');

    const en = await admin.agent.get(`/admin/audit?actorId=${coordinator.userId}`).set('Cookie', 'lang=en');
    expect(en.text).toContain(`Coordinator 王芳 confirmed 向德明 for “${needTitle}”`);
  });

  test('when the log is filtered by action, actor, target or days, then only those entries are shown and the filter stays in the URL', async () => {
    const byAction = await auditPage({ action: 'organisation.verify', actorId: coordinator.userId });
    expect(entriesOf(byAction.text)).toHaveLength(1);
    expect(byAction.text).toContain('<option value="organisation.verify" selected>');

    const byTarget = await auditPage({ targetType: 'match', targetId: matchId });
    expect(entriesOf(byTarget.text)).toHaveLength(1);
    expect(byTarget.text).toContain(`value="${matchId}"`);
    // each entry links to everything done to its record
    const all = await auditPage({ actorId: coordinator.userId });
    expect(decoded(all.text)).toContain(`/admin/audit?targetType=match&targetId=${matchId}`);

    const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
    const byDay = await auditPage({ actorId: coordinator.userId, from: today, to: today });
    expect(entriesOf(byDay.text).length).toBeGreaterThanOrEqual(3);
    const later = await auditPage({ actorId: coordinator.userId, from: '2099-01-01' });
    expect(entriesOf(later.text)).toHaveLength(0);
    expect(later.text).toContain('没有符合条件的操作记录');

    const byAdmin = await auditPage({ actorId: adminUserId });
    expect(entriesOf(byAdmin.text)).toHaveLength(0);
  });

  test('when a filter is wrong, then the page answers 400 and names the field', async () => {
    const page = await auditPage({ from: '2026-05-02', to: '2026-05-01' });
    expect(page.status).toBe(400);
    expect(page.text).toContain('id="audit-to-error"');
    expect(page.text).toContain('href="#audit-to"');
    const badDay = await auditPage({ from: '2026-13-40' });
    expect(badDay.status).toBe(400);
    expect(badDay.text).toContain('id="audit-from-error"');
  });

  test('when there are more entries than a page, then older and newer pages follow by keyset and stay put when entries are added', async () => {
    const actorId = new Types.ObjectId();
    const base = Date.parse('2026-04-01T02:00:00Z');
    await AuditEntry.insertMany(
      Array.from({ length: 60 }, (_, i) => ({
        actorId,
        actorRole: 'coordinator',
        action: 'matching.batch.request',
        targetType: 'batch-run',
        targetId: `run-2026-04-01-${String(i).padStart(4, '0')}`,
        at: new Date(base + i * 60_000),
      })),
    );
    const ids = (html: string) => [...html.matchAll(/run-2026-04-01-(\d{4})/g)].map((m) => m[1]);
    const first = await auditPage({ actorId: String(actorId) });
    const firstIds = [...new Set(ids(first.text))];
    expect(firstIds).toHaveLength(50);
    expect(firstIds[0]).toBe('0059');
    const older = /href="([^"]*before=[^"]*)" rel="next"/.exec(decoded(first.text))?.[1] as string;
    expect(older).toContain(`actorId=${actorId}`);
    // a new entry on top does not move the next page
    await AuditEntry.create({
      actorId,
      actorRole: 'coordinator',
      action: 'matching.batch.request',
      targetType: 'batch-run',
      targetId: 'run-2026-04-02-9999',
      at: new Date(base + 3_600_000 * 24),
    });
    const second = await admin.agent.get(older);
    expect([...new Set(ids(second.text))]).toEqual(
      Array.from({ length: 10 }, (_, i) => String(9 - i).padStart(4, '0')),
    );
    expect(second.text).not.toContain('rel="next"');
    const newer = /href="([^"]*after=[^"]*)" rel="prev"/.exec(decoded(second.text))?.[1] as string;
    const back = await admin.agent.get(newer);
    expect([...new Set(ids(back.text))]).toEqual(firstIds);
  });

  test('when every recorded action appears in the log, then each reads as a sentence, in both languages', async () => {
    const actorId = coordinator.userId;
    const at = new Date('2025-01-01T00:00:00Z');
    await AuditEntry.insertMany(
      AUDIT_ACTIONS.map((action, i) => ({
        actorId,
        actorRole: 'coordinator',
        action,
        targetType: action.startsWith('match.') ? 'match' : 'need',
        targetId: action.startsWith('match.') ? matchId : needId,
        details: { fields: ['title'], status: 'open' },
        at: new Date(at.getTime() + i * 1000),
      })),
    );
    for (const lang of ['zh-CN', 'en']) {
      const page = await admin.agent
        .get(`/admin/audit?actorId=${actorId}&from=2025-01-01&to=2025-01-01`)
        .set('Cookie', `lang=${lang}`);
      const entries = entriesOf(page.text);
      expect(entries).toHaveLength(AUDIT_ACTIONS.length);
      for (const entry of entries) {
        expect(entry).toContain(lang === 'en' ? 'Coordinator 王芳 ' : '协调员 王芳 ');
        expect(entry).not.toMatch(/ · [a-z-]+\.[a-z.-]+ · /); // the fallback for an action without words
      }
    }
  });

  test('when the API is asked with the same filters, then it answers them, and refuses a wrong one with its field', async () => {
    const api = await signIn(t.app, adminEmail);
    const found = await request(t.app)
      .get('/api/v1/audit')
      .query({
        actorId: coordinator.userId,
        action: 'organisation.verify',
        from: '2026-01-01',
        to: '2099-12-31',
      })
      .set(api.header);
    expect(found.status).toBe(200);
    expect(found.body.items).toHaveLength(1);
    expect(found.body.items[0]).toMatchObject({ action: 'organisation.verify', targetId: organisationId });
    const none = await request(t.app)
      .get('/api/v1/audit')
      .query({ actorId: coordinator.userId, to: '2000-01-01' })
      .set(api.header);
    expect(none.body.items).toHaveLength(0);
    const wrong = await request(t.app)
      .get('/api/v1/audit')
      .query({ from: '2026-05-02', to: '2026-05-01' })
      .set(api.header);
    expect(wrong.status).toBe(400);
    expect(JSON.stringify(wrong.body.error.details)).toContain('to');
    const deep = await request(t.app).get('/api/v1/audit').query({ page: 100_000 }).set(api.header);
    expect(deep.status).toBe(400);
  });
});
