import request from 'supertest';
import { Need } from '../../src/modules/needs/need.model';
import { startTestApp, type TestApp } from '../support/app';
import { buildNeedInput, createNeed } from '../support/needs.factory';
import { type Employer, registerEmployer } from '../support/organisations.factory';

let t: TestApp;
let employer: Employer;
beforeAll(async () => {
  t = await startTestApp();
  employer = await registerEmployer(t.app, { verified: true });
});
afterAll(() => t.close());

const paths = (res: request.Response): string[] =>
  res.body.error.details.map((d: { path: string }) => d.path);

/**
 * Issue #3: a need titled with a line break could be published and proposed, and confirming the match
 * then failed with 400 when the offer email was built. The title is refused where it comes in.
 */
describe('a need title is one line', () => {
  test('when a need is published with a line break in its title, then 400 names body.title and no need is written', async () => {
    const title = '心内科会诊\n第二行';
    const res = await request(t.app)
      .post('/api/v1/needs')
      .set(employer.header)
      .send(buildNeedInput({ title }));
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    expect(paths(res)).toEqual(['body.title']);
    expect(await Need.exists({ title })).toBeNull();
    expect(await Need.exists({ organisationId: employer.organisationId })).toBeNull();
  });

  test('when a draft’s title is changed to hold CR, TAB, NUL or a C1 control, then 400 names body.title and the title stays', async () => {
    const need = await createNeed(t.app, employer.header);
    for (const title of ['会诊\r第二行', '会诊\t指导', '会诊\u0000', '会诊\u0085指导']) {
      const res = await request(t.app).patch(`/api/v1/needs/${need.id}`).set(employer.header).send({ title });
      expect({ title, status: res.status, paths: paths(res) }).toEqual({
        title,
        status: 400,
        paths: ['body.title'],
      });
    }
    expect((await Need.findById(need.id).lean())?.title).toBe(need.title);
  });

  test('when the description has several lines, then they are kept (CR LF as LF), but a NUL in it is refused', async () => {
    const need = await createNeed(t.app, employer.header, {
      description: '第一，指导工艺；\r\n第二，培训工人。',
    });
    expect(need.description).toBe('第一，指导工艺；\n第二，培训工人。');
    const res = await request(t.app)
      .patch(`/api/v1/needs/${need.id}`)
      .set(employer.header)
      .send({ description: '指导\u0000工艺' });
    expect(res.status).toBe(400);
    expect(paths(res)).toEqual(['body.description']);
  });
});
