import express, { type Router } from 'express';
import type { SinkMessage } from '../../test/support/smtp-sink';

/**
 * GET /dev/mail: the mails the in-process SMTP catcher received, newest first; /dev/mail/:n shows
 * one with its text and its HTML (in a sandboxed frame: no scripts, no same-origin). Mounted only by
 * `npm run dev`, never by the app itself. Every value is escaped; no external resources.
 */
const escapeHtml = (s: string) =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );

const STYLE = `body{font:18px/1.6 system-ui,sans-serif;margin:2rem;max-width:70rem}
table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #ccc;padding:.4rem;text-align:left}
pre{white-space:pre-wrap;background:#f6f6f6;padding:1rem}iframe{width:100%;height:32rem;border:1px solid #ccc}`;

function page(title: string, body: string): string {
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1"><title>${escapeHtml(title)}</title>
<style>${STYLE}</style></head><body>${body}</body></html>`;
}

const time = (d: Date) => d.toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false });

export function listPage(messages: readonly SinkMessage[]): string {
  const rows = messages
    .map((m, i) => ({ m, i }))
    .reverse()
    .map(
      ({ m, i }) =>
        `<tr><td>${escapeHtml(time(m.receivedAt))}</td><td>${escapeHtml(m.envelopeTo.join(', '))}</td>` +
        `<td><a href="/dev/mail/${i}">${escapeHtml(m.subject || '(no subject)')}</a></td></tr>`,
    )
    .join('');
  const table = messages.length
    ? `<table><thead><tr><th>Time 时间</th><th>To 收件人</th><th>Subject 主题</th></tr></thead><tbody>${rows}</tbody></table>`
    : '<p>No mail yet. 尚未收到邮件。</p>';
  return page('Caught mail', `<h1>Caught mail 开发邮箱 (${messages.length})</h1>${table}`);
}

export function messagePage(m: SinkMessage, index: number): string {
  const html = m.html
    ? `<h2>HTML</h2><iframe sandbox="" title="HTML part" srcdoc="${escapeHtml(m.html)}"></iframe>`
    : '';
  return page(
    m.subject,
    `<p><a href="/dev/mail">← all mail</a></p><h1>${escapeHtml(m.subject || '(no subject)')}</h1>
<p>#${index} · ${escapeHtml(time(m.receivedAt))}<br>From: ${escapeHtml(m.from)}<br>To: ${escapeHtml(m.envelopeTo.join(', '))}</p>
<h2>Text</h2><pre>${escapeHtml(m.text)}</pre>${html}`,
  );
}

export function mailRouter(messages: readonly SinkMessage[]): Router {
  const router = express.Router();
  router.use((_req, res, next) => {
    // The frame's srcdoc is same-document content; nothing else may load.
    res.set(
      'Content-Security-Policy',
      "default-src 'none'; style-src 'unsafe-inline'; frame-src 'self'; img-src data:",
    );
    res.set('Cache-Control', 'no-store');
    next();
  });
  router.get('/dev/mail', (_req, res) => {
    res.type('html').send(listPage(messages));
  });
  router.get('/dev/mail/:n', (req, res) => {
    const n = Number(req.params.n);
    const m = Number.isInteger(n) ? messages[n] : undefined;
    if (!m) {
      res
        .status(404)
        .type('html')
        .send(page('Not found', '<p>No such mail. <a href="/dev/mail">All mail</a></p>'));
      return;
    }
    res.type('html').send(messagePage(m, n));
  });
  return router;
}
