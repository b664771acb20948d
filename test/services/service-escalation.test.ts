import request from 'supertest';
import { OutboxEmail } from '../../src/modules/email/outbox.model';
import { seedCatalogue } from '../../src/modules/services/catalogue.service';
import {
  escalateServiceRequest,
  sweepServiceDeadlines,
} from '../../src/modules/services/service-deadlines.service';
import { staff } from '../liaisons/liaison-helpers';
import { startTestApp, type TestApp } from '../support/app';
import type { SignedIn } from '../support/auth';
import { inDays } from '../support/dates';
import { createEngagedExpertAs } from '../support/experts.factory';

let t: TestApp;
let admin: SignedIn;
let liaison: SignedIn;
let colleague: SignedIn;

beforeAll(async () => {
  t = await startTestApp();
  await seedCatalogue();
  admin = await staff('admin', '管理员');
  liaison = await staff('coordinator', '向联络');
  colleague = await staff('coordinator', '田同事');
});
afterAll(() => t.close());

const api = () => request(t.app);
const APARTMENT = { arrivalDate: inDays(30), months: 6, occupants: 2, needsLift: 'yes' };

/** A request filed by the office for a new expert; answers its id and a moment an hour after its due time. */
async function overdueRequestFor(expertId: string) {
  const res = await api()
    .post('/api/v1/service-requests')
    .set(colleague.header)
    .send({ serviceCode: 'talent-apartment', expertId, facts: APARTMENT });
  expect(res.status).toBe(201);
  return { id: res.body.id as string, after: new Date(new Date(res.body.dueAt).getTime() + 3_600_000) };
}

const overdueEmails = (id: string) =>
  OutboxEmail.find({ kind: 'service-request-overdue', 'related.type': 'service-request', 'related.id': id })
    .sort({ _id: 1 })
    .lean();

const assign = (expertId: string, liaisonId: string) =>
  api().put(`/api/v1/liaisons/experts/${expertId}`).set(admin.header).send({ liaisonId });

describe('escalation of an overdue request', () => {
  test('when the expert has a liaison, then the liaison is told as their liaison and the rest of the office as before, each once', async () => {
    const expertId = await createEngagedExpertAs(t.app, colleague, { name: '向德明' });
    expect((await assign(expertId, liaison.userId)).status).toBe(200);
    const { id, after } = await overdueRequestFor(expertId);

    expect(await escalateServiceRequest(t.ctx, id, new Date(after.getTime() - 2 * 3_600_000))).toBe(false);
    expect(await overdueEmails(id)).toHaveLength(0);

    expect(await escalateServiceRequest(t.ctx, id, after)).toBe(true);
    const emails = await overdueEmails(id);
    const byAddress = new Map(emails.map((e) => [e.to, e]));
    expect(emails).toHaveLength(2); // one each: the liaison's replaces their office copy
    expect(byAddress.get(liaison.email.toLowerCase())?.data).toMatchObject({
      coordinatorName: '向联络',
      liaisonExpertName: '向德明',
    });
    expect(byAddress.get(colleague.email.toLowerCase())?.data).toMatchObject({ coordinatorName: '田同事' });
    // The link leads to the office's page of the request.
    expect(String(byAddress.get(liaison.email.toLowerCase())?.data.requestUrl)).toMatch(
      new RegExp(`/coordinator/services/requests/${id}$`),
    );
    expect(byAddress.get(colleague.email.toLowerCase())?.data).not.toHaveProperty('liaisonExpertName');

    // Once per request: the job again, and the sweep at a later hour, send nothing more.
    expect(await escalateServiceRequest(t.ctx, id, after)).toBe(false);
    await sweepServiceDeadlines(t.ctx, new Date(after.getTime() + 86_400_000));
    expect(await overdueEmails(id)).toHaveLength(2);
  });

  test('when the expert has no liaison, or a disabled one, then only the office is told', async () => {
    const unassigned = await createEngagedExpertAs(t.app, colleague, { name: '无联络' });
    const first = await overdueRequestFor(unassigned);
    await sweepServiceDeadlines(t.ctx, first.after);
    const office = await overdueEmails(first.id);
    expect(office.map((e) => e.to).sort()).toEqual(
      [liaison.email.toLowerCase(), colleague.email.toLowerCase()].sort(),
    );
    expect(office.some((e) => 'liaisonExpertName' in e.data)).toBe(false);

    const leaving = await staff('coordinator', '调离联络');
    const withDisabled = await createEngagedExpertAs(t.app, colleague, { name: '停用联络' });
    expect((await assign(withDisabled, leaving.userId)).status).toBe(200);
    const disabled = await api().post(`/api/v1/admin/users/${leaving.userId}/disable`).set(admin.header);
    expect(disabled.status).toBe(200);
    const second = await overdueRequestFor(withDisabled);
    expect(await escalateServiceRequest(t.ctx, second.id, second.after)).toBe(true);
    const told = await overdueEmails(second.id);
    expect(told.map((e) => e.to)).not.toContain(leaving.email.toLowerCase());
    expect(told).toHaveLength(2);
    expect(told.some((e) => 'liaisonExpertName' in e.data)).toBe(false);
  });
});
