import request from 'supertest';
import { createUser } from '../../src/modules/accounts/users.service';
import { seedCatalogue } from '../../src/modules/services/catalogue.service';
import { ServiceAttachment } from '../../src/modules/services/service-attachment.model';
import { forgetExpertAttachments } from '../../src/modules/services/service-attachments.service';
import { pageAgent } from '../pages/page-agent';
import { startTestApp, type TestApp } from '../support/app';
import { type SignedIn, staffUser, TEST_PASSWORD, uniqueEmail } from '../support/auth';
import { inDays } from '../support/dates';
import { type RegisteredExpert, registerEngagedExpert } from '../support/experts.factory';
import { nominatedTalent, unitStaff } from './service-helpers';

let t: TestApp;
let admin: SignedIn;
let coordinator: SignedIn;
let housing: SignedIn;
let health: SignedIn;
let expert: RegisteredExpert;
let other: RegisteredExpert;

beforeAll(async () => {
  t = await startTestApp({ LOGIN_MAX_PER_IP: '1000' });
  await seedCatalogue();
  [admin, coordinator] = await Promise.all([staffUser(t.app, 'admin'), staffUser(t.app, 'coordinator')]);
  [housing, health] = await Promise.all([unitStaff('housing'), unitStaff('health')]);
  expert = await registerEngagedExpert(t.app);
  other = await registerEngagedExpert(t.app);
}, 60_000);
afterAll(() => t.close());

const api = () => request(t.app);
const APARTMENT = {
  serviceCode: 'talent-apartment',
  facts: { arrivalDate: inDays(30), months: 6, occupants: 2, needsLift: 'yes' },
};
const fileRequest = async (who: SignedIn = expert.auth, body: Record<string, unknown> = APARTMENT) => {
  const res = await api().post('/api/v1/service-requests').set(who.header).send(body);
  expect(res.status).toBe(201);
  return res.body.id as string;
};

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
const PNG = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  Buffer.from('0000000dIHDR-not-a-real-image'),
]);
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from('JFIF-not-a-real-image')]);
const FIVE_MB = 5 * 1024 * 1024;

const attachmentsPath = (id: string) => `/api/v1/service-requests/${id}/attachments`;
const upload = (who: SignedIn, id: string, data: Buffer, filename: string, contentType?: string) =>
  api()
    .post(attachmentsPath(id))
    .set(who.header)
    .attach('file', data, contentType ? { filename, contentType } : { filename });
const bytes = (res: request.Response, cb: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
};
const download = (who: SignedIn, id: string, attachmentId: string) =>
  api()
    .get(`${attachmentsPath(id)}/${attachmentId}`)
    .set(who.header)
    .buffer(true)
    .parse(bytes as never);
const stored = (requestId: string) => ServiceAttachment.countDocuments({ requestId });

describe('attaching documents', () => {
  test('when the expert, the unit and a coordinator attach a PDF, a PNG and a JPEG, then each is typed by its content and listed on the request', async () => {
    const id = await fileRequest();
    const pdf = await upload(expert.auth, id, PDF, '体检报告 2026.pdf', 'application/pdf');
    expect(pdf.status).toBe(201);
    expect(pdf.body).toMatchObject({
      requestId: id,
      fileName: '体检报告 2026.pdf',
      contentType: 'application/pdf',
      size: PDF.length,
      uploadedBy: expert.userId,
      uploadedByRole: 'expert',
    });
    expect(pdf.body.sha256).toMatch(/^[a-f0-9]{64}$/);
    const png = await upload(housing, id, PNG, 'floor-plan.PNG', 'application/octet-stream');
    expect(png.status).toBe(201);
    expect(png.body.contentType).toBe('image/png');
    expect(png.body.fileName).toBe('floor-plan.png');
    const jpeg = await upload(coordinator, id, JPEG, '..\\..\\photo<1>.jpeg', 'image/jpeg');
    expect(jpeg.status).toBe(201);
    expect(jpeg.body).toMatchObject({ contentType: 'image/jpeg', fileName: 'photo1.jpeg' });

    const list = await api().get(attachmentsPath(id)).set(expert.auth.header);
    expect(list.status).toBe(200);
    expect(list.body.map((a: { contentType: string }) => a.contentType)).toEqual([
      'application/pdf',
      'image/png',
      'image/jpeg',
    ]);
    const view = await api().get(`/api/v1/service-requests/${id}`).set(housing.header);
    expect(view.body.attachments).toHaveLength(3);
    expect(view.body.attachments[0]).not.toHaveProperty('data');
  });

  test('when an attachment is downloaded, then it comes as the same bytes, as a download with its name encoded, its sniffed type, nosniff and no caching', async () => {
    const id = await fileRequest();
    const { body } = await upload(expert.auth, id, PDF, '体检报告.pdf');
    const res = await download(housing, id, body.id);
    expect(res.status).toBe(200);
    expect(Buffer.compare(res.body as Buffer, PDF)).toBe(0);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toBe(
      `attachment; filename="????.pdf"; filename*=UTF-8''${encodeURIComponent('体检报告.pdf')}`,
    );
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['cache-control']).toBe('private, no-store');
  });

  test('when a file is mislabelled, empty, of another type, or not sent as multipart, then 400/415 naming file and nothing is stored', async () => {
    const id = await fileRequest();
    const cases: Array<[Buffer, string, string | undefined, string]> = [
      [PNG, 'scan.pdf', undefined, 'the file name or declared type does not match the content'],
      [PNG, 'scan.png', 'application/pdf', 'the file name or declared type does not match the content'],
      [PDF, 'report', 'application/pdf', 'the file name or declared type does not match the content'],
      [Buffer.from('just some notes\n'), 'notes.txt', 'text/plain', 'not a PDF, JPEG or PNG file'],
      [
        Buffer.from('<html><script>alert(1)</script></html>'),
        'page.pdf',
        'application/pdf',
        'not a PDF, JPEG or PNG file',
      ],
      [Buffer.alloc(0), 'empty.pdf', 'application/pdf', 'empty'],
    ];
    for (const [data, name, type, message] of cases) {
      const res = await upload(expert.auth, id, data, name, type);
      expect([name, res.status]).toEqual([name, 400]);
      expect(res.body.error.details).toEqual([{ path: 'body.file', message }]);
    }
    const none = await api().post(attachmentsPath(id)).set(expert.auth.header).field('note', 'x');
    expect(none.status).toBe(400);
    const json = await api().post(attachmentsPath(id)).set(expert.auth.header).send({ file: 'JVBERi0=' });
    expect(json.status).toBe(415);
    expect(await stored(id)).toBe(0);
  });

  test('when a file is 5 MB and one byte, then 413 naming file and nothing is stored; 5 MB exactly is taken', async () => {
    const id = await fileRequest();
    const big = Buffer.concat([PDF, Buffer.alloc(FIVE_MB + 1 - PDF.length, 0x20)]);
    const res = await upload(expert.auth, id, big, 'big.pdf', 'application/pdf');
    expect(res.status).toBe(413);
    expect(res.body.error.details).toEqual([{ path: 'body.file', message: 'at most 5 MB' }]);
    expect(await stored(id)).toBe(0);
    const huge = await upload(expert.auth, id, Buffer.alloc(FIVE_MB * 2, 0x25), 'huge.pdf');
    expect(huge.status).toBe(413);
    const exact = await upload(expert.auth, id, big.subarray(0, FIVE_MB), 'exact.pdf');
    expect(exact.status).toBe(201);
    expect(exact.body.size).toBe(FIVE_MB);
  });

  test('when a request is done, then nothing more is attached or removed (409); a request holds at most 10', async () => {
    const id = await fileRequest();
    const first = await upload(expert.auth, id, PDF, 'a.pdf');
    for (let i = 1; i < 10; i++) expect((await upload(expert.auth, id, PNG, `p${i}.png`)).status).toBe(201);
    const eleventh = await upload(expert.auth, id, JPEG, 'one-more.jpg');
    expect(eleventh.status).toBe(409);
    expect(eleventh.body.error.code).toBe('TOO_MANY_ATTACHMENTS');
    expect(await stored(id)).toBe(10);

    for (const action of ['accept', 'start', 'complete']) {
      expect((await api().post(`/api/v1/service-requests/${id}/${action}`).set(housing.header)).status).toBe(
        200,
      );
    }
    const late = await upload(expert.auth, id, JPEG, 'late.jpg');
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe('REQUEST_CLOSED');
    const remove = await api()
      .delete(`${attachmentsPath(id)}/${first.body.id}`)
      .set(expert.auth.header);
    expect(remove.status).toBe(409);
    expect(await stored(id)).toBe(10);
  });

  test('when an attachment is removed, then only its uploader or the office may, while the request is open', async () => {
    const id = await fileRequest();
    const mine = (await upload(expert.auth, id, PDF, 'mine.pdf')).body.id;
    const units = (await upload(housing, id, PNG, 'unit.png')).body.id;
    expect(
      (
        await api()
          .delete(`${attachmentsPath(id)}/${mine}`)
          .set(housing.header)
      ).status,
    ).toBe(403);
    expect(
      (
        await api()
          .delete(`${attachmentsPath(id)}/${mine}`)
          .set(expert.auth.header)
      ).status,
    ).toBe(204);
    expect(
      (
        await api()
          .delete(`${attachmentsPath(id)}/${units}`)
          .set(admin.header)
      ).status,
    ).toBe(204);
    expect(
      (
        await api()
          .delete(`${attachmentsPath(id)}/${units}`)
          .set(admin.header)
      ).status,
    ).toBe(404);
    expect(await stored(id)).toBe(0);
  });
});

describe('who sees attachments', () => {
  test('when another expert, another unit or the nominee’s employer asks, then the attachments do not exist for them (404), and the employer’s view lists none', async () => {
    const { employer, nominee } = await nominatedTalent(t.app, { admin, coordinator });
    const id = await fileRequest(employer, {
      serviceCode: 'annual-health-check',
      expertId: nominee,
      facts: { preferredDate: inDays(21), hospital: 'tcm' },
    });
    const att = await upload(health, id, PDF, '预约单.pdf');
    expect(att.status).toBe(201);

    for (const who of [employer, other.auth, housing, expert.auth]) {
      expect((await api().get(attachmentsPath(id)).set(who.header)).status).toBe(404);
      expect((await download(who, id, att.body.id)).status).toBe(404);
      expect((await upload(who, id, PNG, 'x.png')).status).toBe(404);
      expect(
        (
          await api()
            .delete(`${attachmentsPath(id)}/${att.body.id}`)
            .set(who.header)
        ).status,
      ).toBe(404);
    }
    const seen = await api().get(`/api/v1/service-requests/${id}`).set(employer.header);
    expect(seen.status).toBe(200);
    expect(seen.body.attachments).toEqual([]);
    expect((await download(coordinator, id, att.body.id)).status).toBe(200);
    // An attachment of another request is not reached through this one.
    const mine = await fileRequest();
    expect((await download(expert.auth, mine, att.body.id)).status).toBe(404);
    expect(await stored(id)).toBe(1);
  });
});

describe('on the request page', () => {
  test('when the expert uploads through the form with its CSRF token, then the file is listed with a download link; without the token, 403 and nothing stored', async () => {
    const id = await fileRequest();
    const me = await pageAgent(t.app, expert.email);
    const page = await me.agent.get(`/expert/services/${id}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('附件（PDF、JPG、PNG，不超过 5 MB）');
    expect(page.text).toContain('enctype="multipart/form-data"');
    expect(page.text).toContain('accept=".pdf,.jpg,.jpeg,.png"');

    const forged = await me.agent.post(`/expert/services/${id}/attachments`).attach('file', PDF, '证明.pdf');
    expect(forged.status).toBe(403);
    expect(await stored(id)).toBe(0);

    const sent = await me.agent
      .post(`/expert/services/${id}/attachments`)
      .field('_csrf', me.csrfToken)
      .attach('file', PDF, '证明.pdf');
    expect(sent.status).toBe(303);
    expect(sent.headers.location).toBe(`/expert/services/${id}#attachments`);
    const [saved] = await ServiceAttachment.find({ requestId: id }).lean();
    const after = await me.agent.get(`/expert/services/${id}`);
    expect(after.text).toContain(`href="/expert/services/${id}/attachments/${saved._id}"`);
    expect(after.text).toContain('证明.pdf');
    expect(after.text).toContain(`action="/expert/services/${id}/attachments/${saved._id}/delete"`);

    const got = await me.agent
      .get(`/expert/services/${id}/attachments/${saved._id}`)
      .buffer(true)
      .parse(bytes as never);
    expect(got.status).toBe(200);
    expect(got.headers['content-type']).toBe('application/pdf');
    expect(got.headers['content-disposition']).toMatch(/^attachment; /);
    expect(got.headers['x-content-type-options']).toBe('nosniff');
    expect(got.headers['cache-control']).toBe('private, no-store');

    const mislabelled = await me.agent
      .post(`/expert/services/${id}/attachments`)
      .field('_csrf', me.csrfToken)
      .attach('file', PNG, '扫描件.pdf');
    expect(mislabelled.status).toBe(400);
    expect(mislabelled.text).toMatch(/id="f-file-error"[^>]*>.*文件名或类型与文件内容不一致/);
    const empty = await me.agent
      .post(`/expert/services/${id}/attachments`)
      .field('_csrf', me.csrfToken)
      .attach('file', Buffer.alloc(0), '');
    expect(empty.status).toBe(400);
    expect(empty.text).toContain('请选择要上传的文件');
    expect(await stored(id)).toBe(1);

    const removed = await me.agent
      .post(`/expert/services/${id}/attachments/${saved._id}/delete`)
      .type('form')
      .send({ _csrf: me.csrfToken });
    expect(removed.status).toBe(303);
    expect(await stored(id)).toBe(0);
  });

  test('when the unit opens the request page, then it sees the expert’s attachment without a delete button, and downloads it', async () => {
    const id = await fileRequest();
    const att = (await upload(expert.auth, id, JPEG, 'photo.jpg')).body;
    const unitEmail = uniqueEmail('housing');
    await createUser({
      email: unitEmail,
      password: TEST_PASSWORD,
      role: 'service_unit',
      unitCode: 'housing',
      displayName: '住建委 经办人',
    });
    const unit = await pageAgent(t.app, unitEmail);
    const page = await unit.agent.get(`/unit/requests/${id}`);
    expect(page.text).toContain(`href="/unit/requests/${id}/attachments/${att.id}"`);
    expect(page.text).not.toContain(`/attachments/${att.id}/delete`);
    const got = await unit.agent
      .get(`/unit/requests/${id}/attachments/${att.id}`)
      .buffer(true)
      .parse(bytes as never);
    expect(got.status).toBe(200);
    expect(got.headers['content-type']).toBe('image/jpeg');
  });
});

describe('personal data', () => {
  test('when the expert exports their data, then the attachments are listed without their bytes; when they delete it, then the attachments go, and again is harmless', async () => {
    const who = await registerEngagedExpert(t.app);
    const id = await fileRequest(who.auth);
    await upload(who.auth, id, PDF, '退休证.pdf');
    await upload(housing, id, PNG, '房型图.png');

    const exported = await api().get('/api/v1/me/export').set(who.auth.header);
    expect(exported.status).toBe(200);
    const [req] = exported.body.serviceRequests;
    expect(req.attachments.map((a: { fileName: string }) => a.fileName)).toEqual([
      '退休证.pdf',
      '房型图.png',
    ]);
    expect(JSON.stringify(exported.body)).not.toContain('"data"');

    expect((await api().delete('/api/v1/me').set(who.auth.header)).status).toBe(200);
    expect(await ServiceAttachment.countDocuments({ expertId: who.expertId })).toBe(0);
    expect(await forgetExpertAttachments(who.expertId)).toEqual({ deleted: 0 });
    // Other experts' attachments stay.
    const kept = await fileRequest();
    await upload(expert.auth, kept, PDF, 'keep.pdf');
    expect(await stored(kept)).toBe(1);
  });
});
