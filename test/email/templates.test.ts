import { EMAIL_KINDS, type EmailKind } from '../../src/modules/email/email.kinds';
import { EMAIL_LANGUAGES } from '../../src/modules/email/outbox.model';
import { createTemplateRenderer } from '../../src/modules/email/template-renderer';

const url = (path: string) => `http://localhost:3000${path}`;
const when = new Date('2026-05-04T01:30:00Z'); // 09:30 in Beijing
const matchId = '665f1c2e8b3e4a0012345678';

const serviceRequestSample = {
  requestId: matchId,
  expertName: '陈建国',
  serviceName: '人才公寓入住',
  unitName: '黔江区住房和城乡建设委员会',
  dueAt: when,
  requestUrl: url('/expert/services/1'),
};
const serviceUnitSample = {
  requestId: matchId,
  unitName: '黔江区住房和城乡建设委员会',
  serviceName: '人才公寓入住',
  priority: true,
  dueAt: when,
  requestUrl: url('/unit/requests/1'),
};

const apartmentStaySample = {
  stayId: matchId,
  expertName: '陈建国',
  building: '人才公寓 A 栋（城西）',
  room: '301',
  from: '2026年5月11日星期一',
  to: '2026年5月25日星期一',
  nights: 14,
  desk: { name: '黔江区住房和城乡建设委员会', phone: '023-79220202' },
  stayUrl: url('/expert/apartment'),
};

const SAMPLES: Record<EmailKind, Record<string, unknown>> = {
  offer: {
    matchId,
    expertName: '陈建国',
    needTitle: '猕猴桃溃疡病防治',
    organisationName: '黔江区猕猴桃专业合作社',
    answerBy: when,
    acceptUrl: url('/a'),
    declineUrl: url('/d'),
    offered: ['每月现场指导 4 天'],
    reasons: ['从事果树病理研究 30 年'],
  },
  'offer-reminder': {
    matchId,
    expertName: '陈建国',
    needTitle: '猕猴桃溃疡病防治',
    organisationName: '合作社',
    answerBy: when,
    acceptUrl: url('/a'),
    declineUrl: url('/d'),
  },
  'offer-accepted-employer': {
    matchId,
    contactName: '王经理',
    expertName: '陈建国',
    needTitle: '防治',
    acceptedAt: when,
    matchUrl: url('/m'),
  },
  'offer-declined-coordinator': {
    matchId,
    coordinatorName: '刘老师',
    expertName: '陈建国',
    needTitle: '防治',
    organisationName: '合作社',
    declinedAt: when,
    reason: '身体原因',
    matchUrl: url('/m'),
  },
  'match-withdrawn-employer': {
    matchId,
    erased: false,
    expertName: '陈建国',
    needTitle: '防治',
    withdrawnAt: when,
    reason: '家人生病，需要照顾',
    matchUrl: url('/m'),
    contactName: '王经理',
  },
  'match-withdrawn-coordinator': {
    matchId,
    erased: false,
    expertName: '陈建国',
    needTitle: '防治',
    withdrawnAt: when,
    reason: '家人生病，需要照顾',
    matchUrl: url('/m'),
    coordinatorName: '刘老师',
    organisationName: '合作社',
  },
  'offer-expired-coordinator': {
    matchId,
    coordinatorName: '刘老师',
    expertName: '陈建国',
    needTitle: '防治',
    organisationName: '合作社',
    expiredAt: when,
    matchUrl: url('/m'),
  },
  'verify-email': { name: '陈建国', verifyUrl: url('/v'), expiresAt: when },
  'password-reset': { name: '陈建国', resetUrl: url('/r'), expiresAt: when },
  'password-changed': {
    name: '陈建国',
    changedAt: when,
    viaResetLink: true,
    forgotPasswordUrl: url('/forgot-password'),
  },
  'signup-attempt': {
    name: '陈建国',
    attemptedAt: when,
    signInUrl: url('/login'),
    resetUrl: url('/forgot-password'),
  },
  'coordinator-digest': {
    coordinatorName: '刘老师',
    staleDays: 14,
    staleNeeds: [{ title: '猕猴桃溃疡病防治', organisationName: '合作社', openDays: 20 }],
    expiringOffers: [{ expertName: '陈建国', needTitle: '防治', expiresAt: when }],
    pendingOrganisations: 2,
    failedEmails: 1,
    dashboardUrl: url('/coordinator'),
  },
  'service-request-received': serviceRequestSample,
  'service-request-accepted': serviceRequestSample,
  'service-request-in-progress': serviceRequestSample,
  'service-request-done': serviceRequestSample,
  'service-request-refused': { ...serviceRequestSample, reason: '该学段学位已满，已为您推荐邻近学校。' },
  'service-request-new-unit': serviceUnitSample,
  'service-request-reminder': serviceUnitSample,
  'service-request-overdue': { ...serviceUnitSample, coordinatorName: '冉老师' },
  'apartment-stay-booked': { ...apartmentStaySample, guests: 1, bookedAt: when },
  'apartment-stay-cancelled': { ...apartmentStaySample, reason: '专家行程改期', cancelledAt: when },
  'apartment-stay-changed': { ...apartmentStaySample, previousTo: '2026年5月18日星期一', changedAt: when },
  'organisation-verified': {
    name: '王经理',
    organisationName: '黔江区猕猴桃专业合作社',
    verifiedAt: when,
    organisationUrl: url('/employer/organisation'),
  },
  'organisation-rejected': {
    name: '王经理',
    organisationName: '黔江区猕猴桃专业合作社',
    reason: '统一社会信用代码与营业执照不一致',
    rejectedAt: when,
    organisationUrl: url('/employer/organisation'),
  },
  'candidate-awaiting-employer': {
    matchId,
    name: '王经理',
    expertName: '陈建国',
    needTitle: '猕猴桃溃疡病防治',
    confirmedAt: when,
    needUrl: url('/employer/needs/1'),
  },
  'expert-invitation': { name: '陈建国', setPasswordUrl: url('/set-password?token=t'), expiresAt: when },
  'staff-welcome': {
    name: '王芳',
    roleName: '协调员',
    email: 'wang.fang@example.com',
    setPasswordUrl: url('/welcome?token=t'),
    expiresAt: when,
  },
  'expert-weekly-digest': {
    expertName: '陈建国',
    sentAt: when,
    sections: [
      {
        kind: 'needs',
        needs: [
          {
            needId: matchId,
            title: '猕猴桃溃疡病防治',
            organisationName: '黔江区猕猴桃专业合作社',
            reason: '具备必备技能：猕猴桃病害防治；同区县，无需长途出行',
            url: url(`/expert/recommended/${matchId}`),
          },
        ],
      },
      {
        kind: 'calls',
        calls: [
          {
            callId: matchId,
            title: '猕猴桃溃疡病防控技术攻关',
            organisationName: '黔江区金溪猕猴桃种植专业合作社',
            applyBy: '2026-12-31',
            url: url(`/expert/calls/${matchId}`),
          },
        ],
      },
    ],
    profileUrl: url('/expert/profile'),
    unsubscribeUrl: url('/digest/unsubscribe?token=t'),
  },
  'need-cancelled-expert': {
    matchId,
    expertName: '陈建国',
    needTitle: '猕猴桃溃疡病防治',
    organisationName: '黔江区猕猴桃专业合作社',
    accepted: true,
    cancelledAt: when,
    offersUrl: url('/expert/offers'),
  },
  'offer-withdrawn-need-changed': {
    matchId,
    expertName: '陈建国',
    needTitle: '猕猴桃溃疡病防治',
    organisationName: '黔江区猕猴桃专业合作社',
    withdrawnAt: when,
    reasons: ['未达到最低要求：需正高级及以上，本人为副高级'],
    offersUrl: url('/expert/offers'),
  },
  'match-need-changed-coordinator': {
    matchId,
    coordinatorName: '刘老师',
    expertName: '陈建国',
    needTitle: '防治',
    organisationName: '合作社',
    withdrawnAt: when,
    reasons: ['缺少必备技能：猕猴桃病害防治'],
    wasOffered: true,
    expertTold: false,
    matchUrl: url('/m'),
  },
  'call-awarded-other': {
    applicationId: matchId,
    expertName: '陈建国',
    callTitle: '魔芋软腐病综合防治揭榜',
    organisationName: '黔江区魔芋产业协会',
    awardedAt: when,
    callsUrl: url('/expert/calls'),
  },
  'call-cancelled-applicant': {
    applicationId: matchId,
    expertName: '陈建国',
    lead: true,
    callTitle: '猕猴桃溃疡病防控技术攻关',
    organisationName: '黔江区金溪猕猴桃种植专业合作社',
    cancelledAt: when,
    callsUrl: url('/expert/calls'),
  },
};

const renderer = createTemplateRenderer();

describe.each(EMAIL_KINDS.flatMap((kind) => EMAIL_LANGUAGES.map((lang) => [kind, lang] as const)))(
  'template %s in %s',
  (kind, language) => {
    test('when rendered with its sample data, then subject, HTML and text are complete', () => {
      const out = renderer.render(kind, language, SAMPLES[kind]);
      expect(out.subject.length).toBeGreaterThan(3);
      expect(out.subject).not.toMatch(/[\r\n]/);
      for (const part of [out.html, out.text]) {
        expect(part).not.toContain('{{');
        expect(part).toContain('09:30');
        expect(part).toContain(language === 'en' ? 'China time' : '北京时间');
      }
      expect(out.html).toContain(`<html lang="${language}">`);
      expect(out.html).toContain('font-size:20px');
      expect(out.text).not.toContain('<');
    });
  },
);

test('when data does not fit the kind, then rendering refuses it', () => {
  expect(() => renderer.render('verify-email', 'en', { name: 'x' })).toThrow();
});

test.each(EMAIL_LANGUAGES)(
  'when the overdue email goes to the expert’s liaison (%s), then it names the expert and asks them to follow up',
  (language) => {
    const office = renderer.render('service-request-overdue', language, SAMPLES['service-request-overdue']);
    const liaison = renderer.render('service-request-overdue', language, {
      ...SAMPLES['service-request-overdue'],
      liaisonExpertName: '向德明',
    });
    for (const part of [liaison.subject, liaison.html, liaison.text]) expect(part).toContain('向德明');
    for (const part of [office.subject, office.html, office.text]) expect(part).not.toContain('向德明');
    expect(liaison.text).toContain(language === 'en' ? 'As the liaison of' : '您作为联系人负责的专家');
    expect(liaison.text).not.toContain('{{');
    expect(liaison.text).toContain('09:30');
  },
);

test.each(
  (['match-withdrawn-employer', 'match-withdrawn-coordinator'] as const).flatMap((kind) =>
    EMAIL_LANGUAGES.map((language) => [kind, language] as const),
  ),
)(
  'when %s (%s) is about an expert who deleted their data, then it names nobody and gives no reason',
  (kind, language) => {
    const { expertName: _name, reason: _reason, ...rest } = SAMPLES[kind];
    const out = renderer.render(kind, language, { ...rest, erased: true });
    for (const part of [out.subject, out.html, out.text]) {
      expect(part).not.toContain('陈建国');
      expect(part).not.toContain('家人生病');
      expect(part).not.toContain('{{');
    }
    expect(out.text).toContain(language === 'en' ? 'deleted their account' : '注销了账户');
  },
);

test.each(EMAIL_LANGUAGES)(
  'when any email is rendered (%s), then its footer names the office’s phone number and address',
  (language) => {
    const office = {
      phone: '023-79220000',
      address: { 'zh-CN': '黔江区测试路 1 号', en: '1 Test Road, Qianjiang' },
    };
    const withOffice = createTemplateRenderer(undefined, office);
    for (const kind of EMAIL_KINDS) {
      const out = withOffice.render(kind, language, SAMPLES[kind]);
      for (const part of [out.html, out.text]) {
        expect(part).toContain('023-79220000');
        expect(part).toContain(office.address[language]);
      }
    }
  },
);

test.each(EMAIL_LANGUAGES)(
  'when an assisted expert is invited (%s), then it welcomes them and is not a password-reset message',
  (language) => {
    const out = renderer.render('expert-invitation', language, SAMPLES['expert-invitation']);
    expect(out.subject).not.toContain('重新设置');
    expect(out.subject).toContain(language === 'en' ? 'Welcome' : '欢迎');
    expect(out.text).toContain('/set-password?token=t');
  },
);
