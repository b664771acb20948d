import type { RequestListener } from 'node:http';
import express from 'express';
import nodemailer from 'nodemailer';
import request from 'supertest';
import { withDevRoutes } from '../../scripts/dev/dev-routes';
import { mailRouter } from '../../scripts/dev/mail-page';
import { startSmtpSink } from '../support/smtp-sink';

describe('dev mail catcher page (/dev/mail)', () => {
  it('when a mail is caught, then the page lists it escaped and shows its parts; other paths reach the app', async () => {
    const sink = await startSmtpSink();
    try {
      const transport = nodemailer.createTransport({ host: '127.0.0.1', port: sink.port, secure: false });
      await transport.sendMail({
        from: 'no-reply@yinling.local',
        to: 'expert001@example.com',
        subject: '邀请 <script>alert(1)</script>',
        text: '您好，向老师',
        html: '<p onclick="x()">您好</p>',
      });
      await sink.waitFor(() => true);
      const app = express();
      app.get('/health', (_req, res) => {
        res.json({ ok: true });
      });
      const listener: RequestListener = withDevRoutes(mailRouter(sink.messages))(app);

      const list = await request(listener).get('/dev/mail');
      expect(list.status).toBe(200);
      expect(list.text).toContain('expert001@example.com');
      expect(list.text).toContain('邀请 &lt;script&gt;');
      expect(list.text).not.toContain('<script>');
      expect(list.headers['content-security-policy']).toContain("default-src 'none'");

      const one = await request(listener).get('/dev/mail/0');
      expect(one.text).toContain('您好，向老师');
      expect(one.text).toContain('sandbox=""');
      expect(one.text).toContain('srcdoc="&lt;p onclick=&quot;x()&quot;&gt;');
      expect((await request(listener).get('/dev/mail/9')).status).toBe(404);
      expect((await request(listener).get('/health')).body).toEqual({ ok: true });
    } finally {
      await sink.stop();
    }
  });
});
