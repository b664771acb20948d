import { ConfigError, loadConfig } from '../../src/lib/config';

test('when SMTP_URL and MAIL_FROM are given, then they become transport options and a { name, address } sender', () => {
  const config = loadConfig({
    SMTP_URL: 'smtps://mailer%40x.org:p%3Ass@mail.x.org',
    MAIL_FROM: 'Yinling <no-reply@x.org>',
  });
  expect(config.mail.smtp).toEqual({
    host: 'mail.x.org',
    port: 465,
    secure: true,
    user: 'mailer@x.org',
    pass: 'p:ss',
  });
  expect(config.mail.from).toEqual({ name: 'Yinling', address: 'no-reply@x.org' });
});

test('when MAIL_FROM smuggles a header or LINK_SECRET is missing in production, then the config is refused', () => {
  expect(() => loadConfig({ MAIL_FROM: 'X <a@b.org>\r\nBcc: c@d.org' })).toThrow(/MAIL_FROM/);
  expect(() => loadConfig({ MAIL_FROM: 'X <not an address>' })).toThrow(ConfigError);
  expect(() => loadConfig({ NODE_ENV: 'production', SESSION_SECRET: 's'.repeat(32) })).toThrow(/LINK_SECRET/);
  expect(() => loadConfig({ LINK_SECRET: 'short' })).toThrow(/LINK_SECRET/);
});
