import request from 'supertest';
import { Organisation } from '../../src/modules/organisations/organisation.model';
import { rankNeed } from '../../src/modules/ranking/ranking.service';
import { startTestApp, type TestApp } from '../support/app';
import { type SignedIn, staffUser } from '../support/auth';
import { registerExpert } from '../support/experts.factory';
import { createOpenNeed } from '../support/needs.factory';
import { registerEmployer } from '../support/organisations.factory';

let t: TestApp;
let coordinator: SignedIn;
beforeAll(async () => {
  t = await startTestApp();
  coordinator = await staffUser(t.app, 'coordinator');
});
afterAll(() => t.close());

const api = () => request(t.app);

const TEA = {
  fields: ['agriculture'],
  skills: ['agriculture.tea.processing'],
  title: { level: 'full_senior', series: 'agriculture', name: '农业技术推广研究员' },
  modes: ['onsite', 'periodic', 'remote'],
  honours: [{ name: '重庆市科技进步奖一等奖', level: 'provincial', year: 2015 }],
  yearsOfExperience: 35,
  birthYear: 1960,
  phone: '13812340001',
};

/** An offer from a verified employer to a registered tea expert. */
async function offer() {
  const employer = await registerEmployer(t.app, { verified: true });
  const expert = await registerExpert(t.app, { ...TEA, name: '视图专家' });
  const need = await createOpenNeed(t.app, employer.header, { expertsWanted: 1, employerApproval: false });
  await rankNeed(t.ctx, need.id);
  const offered = await api()
    .post(`/api/v1/needs/${need.id}/candidates/${expert.expertId}/confirm`)
    .set(coordinator.header);
  expect(offered.body.status).toBe('offered');
  const org = await Organisation.findById(employer.organisationId).lean();
  const contact = { name: org?.contact.name, phone: org?.contact.phone ?? null, email: org?.contact.email };
  return { employer, expert, needId: need.id, matchId: offered.body.id as string, contact };
}

const PROFILE = {
  title: { level: 'full_senior', series: 'agriculture', name: '农业技术推广研究员' },
  honours: [{ name: '重庆市科技进步奖一等奖', level: 'provincial', year: 2015 }],
  yearsOfExperience: 35,
  ageBand: expect.stringMatching(/^\d{2}-\d{2}$/),
};

describe('who sees what on a match over the API', () => {
  test('when an offer is open, then the employer sees the candidate’s profile without contacts, the expert does not yet see the employer’s contact, and staff see both', async () => {
    const { employer, expert, matchId, contact } = await offer();

    const byEmployer = await api().get(`/api/v1/matches/${matchId}`).set(employer.header);
    expect(byEmployer.status).toBe(200);
    expect(byEmployer.body.candidateProfile).toMatchObject(PROFILE);
    const profileText = JSON.stringify(byEmployer.body.candidateProfile);
    expect(profileText).not.toContain('13812340001');
    expect(profileText).not.toContain(expert.email);
    expect(profileText).not.toContain('1960');
    expect(byEmployer.body.expert).toMatchObject({ contactMasked: true, phone: '138****0001' });
    expect(byEmployer.body.employerContact).toBeNull();

    const byExpert = await api().get(`/api/v1/matches/${matchId}`).set(expert.auth.header);
    expect(byExpert.status).toBe(200);
    expect(byExpert.body.employerContact).toBeNull();
    expect(byExpert.body.candidateProfile).toBeNull();

    const byStaff = await api().get(`/api/v1/matches/${matchId}`).set(coordinator.header);
    expect(byStaff.body.employerContact).toEqual(contact);
    expect(byStaff.body.candidateProfile).toMatchObject(PROFILE);
  });

  test('when the expert has accepted, then they see the employer’s contact, on the match and in the list; the employer’s list carries the profile', async () => {
    const { employer, expert, needId, matchId, contact } = await offer();
    const accepted = await api()
      .post(`/api/v1/matches/${matchId}/answer`)
      .set(expert.auth.header)
      .send({ answer: 'accept' });
    expect(accepted.body.status).toBe('engaged');
    expect(accepted.body.employerContact).toEqual(contact);

    const one = await api().get(`/api/v1/matches/${matchId}`).set(expert.auth.header);
    expect(one.body.employerContact).toEqual(contact);
    const list = await api().get('/api/v1/matches').set(expert.auth.header);
    expect(list.status).toBe(200);
    expect(list.body.items.find((m: { id: string }) => m.id === matchId)?.employerContact).toEqual(contact);

    const employerList = await api().get(`/api/v1/matches?needId=${needId}`).set(employer.header);
    expect(employerList.body.items).toHaveLength(1);
    expect(employerList.body.items[0]).toMatchObject({ employerContact: null, candidateProfile: PROFILE });
  });
});
