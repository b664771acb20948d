import { createTemplateRenderer } from '../../src/modules/email/template-renderer';

const url = (path: string) => `http://localhost:3000${path}`;
const when = new Date('2026-05-04T01:30:00Z');
const matchId = '665f1c2e8b3e4a0012345678';

const renderer = createTemplateRenderer();

/** The digest with `n` of everything it counts. */
function digest(n: number) {
  return {
    coordinatorName: '刘老师',
    staleDays: n,
    staleNeeds: Array.from({ length: n }, (_, i) => ({
      title: `猕猴桃溃疡病防治 ${i + 1}`,
      organisationName: '合作社',
      openDays: n,
    })),
    expiringOffers: Array.from({ length: n }, () => ({
      expertName: '陈建国',
      needTitle: '防治',
      expiresAt: when,
    })),
    pendingOrganisations: n,
    failedEmails: n,
    dashboardUrl: url('/coordinator'),
  };
}

const stay = (nights: number) => ({
  stayId: matchId,
  expertName: '陈建国',
  building: '人才公寓 A 栋（城西）',
  room: '301',
  from: '2026年5月11日星期一',
  to: nights === 1 ? '2026年5月12日星期二' : '2026年5月13日星期三',
  nights,
  desk: { name: '黔江区住房和城乡建设委员会', phone: '023-79220202' },
  stayUrl: url('/expert/apartment'),
  reason: '专家行程改期',
  cancelledAt: when,
});

describe('English counts in emails', () => {
  test('when the digest counts one of each, then every noun is singular', () => {
    const out = renderer.render('coordinator-digest', 'en', digest(1));
    expect(out.subject).toBe('Yinling daily digest: 1 need waiting, 1 offer about to expire');
    for (const part of [out.html, out.text]) {
      expect(part).toContain('Needs open for more than 1 day and not yet filled');
      expect(part).toContain('(open 1 day)');
      expect(part).not.toMatch(/\b1 (days|needs|offers)\b/);
    }
  });

  test('when the digest counts two of each, then every noun is plural', () => {
    const out = renderer.render('coordinator-digest', 'en', digest(2));
    expect(out.subject).toBe('Yinling daily digest: 2 needs waiting, 2 offers about to expire');
    for (const part of [out.html, out.text]) {
      expect(part).toContain('Needs open for more than 2 days and not yet filled');
      expect(part).toContain('(open 2 days)');
    }
  });

  test('when a one-night stay is cancelled, then it says "1 night"; two nights, "2 nights"', () => {
    const one = renderer.render('apartment-stay-cancelled', 'en', stay(1));
    const two = renderer.render('apartment-stay-cancelled', 'en', stay(2));
    for (const part of [one.html, one.text]) {
      expect(part).toContain('1 night in all');
      expect(part).not.toContain('1 nights');
    }
    for (const part of [two.html, two.text]) expect(part).toContain('2 nights in all');
  });

  test('when the same emails are in Chinese, then the counts read as before', () => {
    const out = renderer.render('coordinator-digest', 'zh-CN', digest(1));
    expect(out.subject).toBe('银龄人才服务每日待办：1 项需求久未满足，1 份邀请即将到期');
    expect(out.text).toContain('（已开放 1 天）');
    expect(renderer.render('apartment-stay-cancelled', 'zh-CN', stay(1)).text).not.toMatch(/night/);
  });
});
