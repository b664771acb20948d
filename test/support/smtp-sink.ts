import { type AddressObject, simpleParser } from 'mailparser';
import { SMTPServer, type SMTPServerAddress } from 'smtp-server';

/** One message as the sink received and parsed it. */
export interface SinkMessage {
  /** RCPT TO addresses of the SMTP envelope (who actually receives it, Bcc included). */
  envelopeTo: string[];
  envelopeFrom: string;
  /** Addresses in the To header. */
  to: string[];
  from: string;
  subject: string;
  text: string;
  /** The HTML part, or '' when there is none. */
  html: string;
  messageId: string;
  headers: Map<string, unknown>;
  receivedAt: Date;
}

export type SinkPredicate = (message: SinkMessage) => boolean;

export interface SmtpSink {
  port: number;
  /** For SMTP_URL. */
  url: string;
  /** Every message accepted so far, in order of arrival. */
  readonly messages: SinkMessage[];
  /** Transactions refused so far (by rejectRecipients or failTransiently), with the reply code. */
  readonly refusals: Array<{ to: string[]; code: number }>;
  /** RCPT TO for these addresses is answered 550 (permanent). */
  rejectRecipients(...addresses: string[]): void;
  /** The next `count` messages are refused at DATA with `code` (4xx: the sender should retry). */
  failTransiently(count: number, code?: number): void;
  /**
   * Called for each message after it is parsed and stored, before the sink answers 250: a test can
   * kill the sending process here to simulate "delivered, but the sender never heard".
   * Returns a function that removes the hook.
   */
  onMessage(hook: (message: SinkMessage) => void | Promise<void>): () => void;
  /** Resolves with the first message (already received or arriving) that matches, or rejects on timeout. */
  waitFor(predicate: SinkPredicate, timeoutMs?: number): Promise<SinkMessage>;
  /** Messages matching the predicate. */
  filter(predicate: SinkPredicate): SinkMessage[];
  stop(): Promise<void>;
}

const addresses = (field: AddressObject | AddressObject[] | undefined): string[] =>
  (Array.isArray(field) ? field : field ? [field] : [])
    .flatMap((a) => a.value)
    .map((v) => (v.address ?? '').toLowerCase());

const smtpError = (message: string, responseCode: number) =>
  Object.assign(new Error(message), { responseCode });

/** A real SMTP server on 127.0.0.1 and a free port, for tests: no TLS, no auth. */
export async function startSmtpSink(): Promise<SmtpSink> {
  const messages: SinkMessage[] = [];
  const refusals: Array<{ to: string[]; code: number }> = [];
  const rejected = new Set<string>();
  const hooks = new Set<(m: SinkMessage) => void | Promise<void>>();
  const waiters = new Set<{ predicate: SinkPredicate; resolve: (m: SinkMessage) => void }>();
  let transientLeft = 0;
  let transientCode = 451;

  const rcptOf = (list: SMTPServerAddress[]) => list.map((a) => a.address.toLowerCase());

  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onRcptTo(address, _session, callback) {
      const to = address.address.toLowerCase();
      if (rejected.has(to)) {
        refusals.push({ to: [to], code: 550 });
        return callback(smtpError('5.1.1 Recipient address rejected: user unknown', 550));
      }
      callback();
    },
    onData(stream, session, callback) {
      void (async () => {
        const parsed = await simpleParser(stream);
        const envelopeTo = rcptOf(session.envelope.rcptTo);
        if (transientLeft > 0) {
          transientLeft -= 1;
          refusals.push({ to: envelopeTo, code: transientCode });
          return callback(smtpError('4.3.0 Temporary failure, try again later', transientCode));
        }
        const from = session.envelope.mailFrom;
        const message: SinkMessage = {
          envelopeTo,
          envelopeFrom: from ? from.address.toLowerCase() : '',
          to: addresses(parsed.to),
          from: addresses(parsed.from)[0] ?? '',
          subject: parsed.subject ?? '',
          text: parsed.text ?? '',
          html: typeof parsed.html === 'string' ? parsed.html : '',
          messageId: parsed.messageId ?? '',
          headers: parsed.headers as Map<string, unknown>,
          receivedAt: new Date(),
        };
        messages.push(message);
        for (const w of [...waiters]) {
          if (w.predicate(message)) {
            waiters.delete(w);
            w.resolve(message);
          }
        }
        for (const hook of [...hooks]) await hook(message);
        callback();
      })().catch((err: Error) => callback(smtpError(err.message, 451)));
    },
  });
  server.on('error', () => {});

  const port = await new Promise<number>((resolve, reject) => {
    server.listen(0, '127.0.0.1', () => {
      const address = server.server.address();
      if (typeof address === 'object' && address) resolve(address.port);
      else reject(new Error('smtp sink did not get a port'));
    });
  });

  return {
    port,
    url: `smtp://127.0.0.1:${port}`,
    messages,
    refusals,
    rejectRecipients: (...list) => {
      for (const a of list) rejected.add(a.toLowerCase());
    },
    failTransiently: (count, code = 451) => {
      transientLeft = count;
      transientCode = code;
    },
    onMessage: (hook) => {
      hooks.add(hook);
      return () => hooks.delete(hook);
    },
    filter: (predicate) => messages.filter(predicate),
    waitFor: (predicate, timeoutMs = 5_000) => {
      const found = messages.find(predicate);
      if (found) return Promise.resolve(found);
      return new Promise<SinkMessage>((resolve, reject) => {
        const waiter = {
          predicate,
          resolve: (m: SinkMessage) => {
            clearTimeout(timer);
            resolve(m);
          },
        };
        const timer = setTimeout(() => {
          waiters.delete(waiter);
          reject(
            new Error(`smtp sink: no matching message within ${timeoutMs} ms (${messages.length} received)`),
          );
        }, timeoutMs);
        waiters.add(waiter);
      });
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
