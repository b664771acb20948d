import nodemailer from 'nodemailer';
import type { Config } from '../../lib/config';

export interface OutgoingEmail {
  to: { name: string; address: string };
  subject: string;
  html: string;
  text: string;
  /** The deterministic Message-ID, `<outbox-id@domain>`. */
  messageId: string;
  /** Headers of the kind (List-Unsubscribe); never made from user data. */
  headers?: Record<string, string>;
}

export interface Mailer {
  send(email: OutgoingEmail): Promise<{ messageId: string; response: string }>;
  close(): void;
}

/**
 * One pooled SMTP transport per worker process: up to `poolMaxConnections` connections, each kept
 * for many messages (a new connection costs a greeting and EHLO). Addresses are always
 * `{ name, address }` objects, so nodemailer builds the headers itself; no header is made from a raw
 * string, and no message part is ever read from a file or a URL.
 */
export function createMailer(config: Pick<Config, 'mail'>): Mailer {
  const { smtp, from, poolMaxConnections } = config.mail;
  const transport = nodemailer.createTransport({
    pool: true,
    maxConnections: poolMaxConnections,
    maxMessages: 1_000,
    disableFileAccess: true,
    disableUrlAccess: true,
    host: smtp.host,
    port: smtp.port,
    secure: smtp.secure,
    auth: smtp.user ? { user: smtp.user, pass: smtp.pass ?? '' } : undefined,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
  });
  return {
    async send(email) {
      const info = await transport.sendMail({
        from: { ...from },
        to: email.to,
        subject: email.subject,
        html: email.html,
        text: email.text,
        messageId: email.messageId,
        headers: { ...email.headers, 'Auto-Submitted': 'auto-generated' },
      });
      return { messageId: info.messageId, response: info.response };
    },
    close: () => transport.close(),
  };
}

/**
 * SMTP 5xx replies are permanent (a rejected recipient will be rejected again); 4xx replies and
 * connection trouble (refused, reset, timeout: no reply code at all) are worth retrying.
 */
export function isPermanentSmtpError(err: unknown): boolean {
  const code = (err as { responseCode?: unknown } | null)?.responseCode;
  return typeof code === 'number' && code >= 500 && code < 600;
}
