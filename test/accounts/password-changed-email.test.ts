import { createTemplateRenderer } from '../../src/modules/email/template-renderer';

const renderer = createTemplateRenderer();
const data = (viaResetLink: boolean) => ({
  name: '陈建国',
  changedAt: new Date('2026-05-04T01:30:00Z'),
  viaResetLink,
  forgotPasswordUrl: 'http://localhost:3000/forgot-password',
});

describe('the password-changed email', () => {
  test.each(['zh-CN', 'en'] as const)(
    'when rendered in %s, then it says every device and API token was signed out and links to a new reset',
    (language) => {
      const out = renderer.render('password-changed', language, data(true));
      expect(out.subject).not.toMatch(/[\r\n]/);
      for (const part of [out.html, out.text]) {
        expect(part).not.toContain('{{');
        expect(part).toContain('09:30');
        expect(part).toContain('http://localhost:3000/forgot-password');
        if (language === 'en') {
          expect(part).toMatch(/signed out every device/);
          expect(part).toMatch(/revoked every API token/);
          expect(part).toMatch(/If this was not you/);
        } else {
          expect(part).toMatch(/退出了所有已登录的设备/);
          expect(part).toMatch(/撤销了所有 API 令牌/);
          expect(part).toMatch(/如果不是您本人操作/);
        }
      }
      expect(out.text).not.toContain('<');
    },
  );

  test('when the change was made on the account page, then it does not speak of a reset link', () => {
    expect(renderer.render('password-changed', 'en', data(false)).text).toContain('on your account page');
    expect(renderer.render('password-changed', 'en', data(true)).text).toContain('password-reset email');
  });
});
