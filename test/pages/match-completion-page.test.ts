import { Types } from 'mongoose';
import { Match } from '../../src/modules/matches/match.model';
import { startTestApp, type TestApp } from '../support/app';
import { type SignedIn, staffUser } from '../support/auth';
import { inDays } from '../support/dates';
import { createOpenNeed } from '../support/needs.factory';
import { type Employer, registerEmployer } from '../support/organisations.factory';
import { pageAgent } from './page-agent';

type Agent = Awaited<ReturnType<typeof pageAgent>>;

let t: TestApp;
let employer: Employer;
let coordinator: SignedIn;
let asEmployer: Agent;
let asCoordinator: Agent;
beforeAll(async () => {
  t = await startTestApp({ LOGIN_MAX_PER_IP: '1000' });
  employer = await registerEmployer(t.app, { verified: true });
  coordinator = await staffUser(t.app, 'coordinator');
  asEmployer = await pageAgent(t.app, employer.email);
  asCoordinator = await pageAgent(t.app, coordinator.email);
}, 60_000);
afterAll(() => t.close());

/** An engagement on a need of this employer whose service runs from `from` (the offer path has its own tests). */
async function engagement(from: string): Promise<string> {
  const need = await createOpenNeed(t.app, employer.header, { period: { from, to: inDays(60) } });
  const match = await Match.create({
    needId: need.id,
    expertId: new Types.ObjectId(),
    organisationId: employer.organisationId,
    status: 'engaged',
    history: [{ to: 'engaged', at: new Date(), channel: 'system' }],
  });
  return String(match._id);
}

const complete = (who: Agent, id: string, form: Record<string, string>) =>
  who.agent
    .post(`/matches/${id}/complete`)
    .type('form')
    .send({ ...form, _csrf: who.csrfToken });

/** The end-date input of the completion form, as one tag. */
const endedOnInput = (html: string, id: string) =>
  new RegExp(`<input[^>]*id="f-match-${id}-endedOn"[^>]*>`).exec(html)?.[0] ?? '';
const errorBeside = (html: string, id: string) =>
  new RegExp(`id="f-match-${id}-endedOn-error"[^>]*>(.*?)</p>`).exec(html)?.[1] ?? '';

describe('the completion form’s end date', () => {
  test('when the completion form is shown, then it offers the end date, today in China by default, between the start and today', async () => {
    const id = await engagement(inDays(-10));
    const page = await asEmployer.agent.get(`/matches/${id}`);
    expect(page.status).toBe(200);
    const input = endedOnInput(page.text, id);
    expect(input).toContain('name="endedOn"');
    expect(input).toContain('type="date"');
    expect(input).toContain(`value="${inDays(0)}"`);
    expect(input).toContain(`max="${inDays(0)}"`);
    expect(input).toContain(`min="${inDays(-10)}"`);
    expect(input).toContain(`aria-describedby="f-match-${id}-endedOn-hint"`);
    expect(page.text).toContain(`<label for="f-match-${id}-endedOn">服务结束的日期`);
    expect(page.text).toContain(`不早于服务开始的那天（${inDays(-10)}）`);

    const en = await asEmployer.agent.get(`/matches/${id}`).set('Cookie', 'lang=en');
    expect(en.text).toContain(`<label for="f-match-${id}-endedOn">The day the service ended`);
  });

  test('when an end date is given, then it is recorded; left empty, then today is', async () => {
    const given = await engagement(inDays(-10));
    const done = await complete(asEmployer, given, { rating: '4', endedOn: inDays(-3) });
    expect(done.status).toBe(303);
    expect(done.headers.location).toBe(`/matches/${given}?done=matchCompleted`);
    expect(await Match.findById(given).lean()).toMatchObject({
      status: 'completed',
      rating: 4,
      endedOn: inDays(-3),
    });

    const empty = await engagement(inDays(-10));
    expect((await complete(asCoordinator, empty, { rating: '5', endedOn: '' })).status).toBe(303);
    expect((await Match.findById(empty).lean())?.endedOn).toBe(inDays(0));
  });

  test('when the end date is before the start, after today or not a date, then the reason is beside the field, the date kept, and nothing changes', async () => {
    const id = await engagement(inDays(-10));
    const cases = [
      [inDays(-11), '结束日期不能早于服务开始的那一天'],
      [inDays(1), '这个日期不能晚于今天'],
      ['2026-02-30', '格式不对'],
    ] as const;
    for (const [endedOn, words] of cases) {
      const res = await complete(asEmployer, id, { rating: '5', comment: '工艺改进很有效', endedOn });
      expect(res.status).toBe(400);
      expect(errorBeside(res.text, id)).toContain(words);
      const input = endedOnInput(res.text, id);
      expect(input).toContain(`value="${endedOn}"`);
      expect(input).toContain('aria-invalid="true"');
      expect(input).toContain(`f-match-${id}-endedOn-error`);
      expect(res.text).toContain(`href="#f-match-${id}-endedOn"`);
      expect(res.text).toContain('工艺改进很有效');
    }
    expect(await Match.findById(id).lean()).toMatchObject({ status: 'engaged' });
    expect((await Match.findById(id).lean())?.endedOn).toBeUndefined();
  });

  test('when the service has not started yet, then the page says so in words and the match stays engaged', async () => {
    const id = await engagement(inDays(5));
    const res = await complete(asCoordinator, id, { rating: '5', endedOn: inDays(0) });
    expect(res.status).toBe(400);
    expect(res.text).toContain('服务还没有开始，现在不能确认服务结束');
    expect(res.text).not.toContain('SERVICE_NOT_STARTED');
    expect(await Match.findById(id).lean()).toMatchObject({ status: 'engaged' });

    const en = await asCoordinator.agent
      .post(`/matches/${id}/complete`)
      .set('Cookie', 'lang=en')
      .type('form')
      .send({ rating: '5', _csrf: asCoordinator.csrfToken });
    expect(en.status).toBe(400);
    expect(en.text).toContain('The service has not started yet');
  });
});
