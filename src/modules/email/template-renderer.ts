import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Handlebars from 'handlebars';
import { DEFAULT_OFFICE, type OfficeContact } from '../../lib/config';
import { EMAIL_KINDS, EmailDataSchemas, type EmailKind } from './email.kinds';
import { EMAIL_LABELS } from './email.labels';
import { EMAIL_LANGUAGES, type EmailLanguage } from './outbox.model';

export interface RenderedEmail {
  subject: string;
  html: string;
  text: string;
  /** Extra headers: List-Unsubscribe and List-Unsubscribe-Post for kinds that carry an unsubscribeUrl. */
  headers?: Record<string, string>;
}

/**
 * One-click unsubscribe (RFC 8058) for a kind whose data has an `unsubscribeUrl` (its schema and
 * enqueueEmail have checked that it is a link to this service); printable ASCII only, so no header breaks.
 */
function unsubscribeHeaders(data: object): Record<string, string> | undefined {
  const url = (data as { unsubscribeUrl?: unknown }).unsubscribeUrl;
  if (typeof url !== 'string' || !/^https?:\/\/[\x21-\x3b\x3d\x3f-\x7e]+$/.test(url)) return undefined;
  return { 'List-Unsubscribe': `<${url}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' };
}

type Compiled = {
  subject: HandlebarsTemplateDelegate;
  html: HandlebarsTemplateDelegate;
  text: HandlebarsTemplateDelegate;
};

export const EMAIL_TIME_ZONE = 'Asia/Shanghai';

/** templates/ sits at the repository root, and beside dist/ in the image: walk up until it is found. */
export function findEmailTemplatesDir(from = __dirname): string {
  for (let dir = from; ; dir = dirname(dir)) {
    const candidate = join(dir, 'templates', 'emails');
    if (existsSync(candidate)) return candidate;
    if (dirname(dir) === dir) throw new Error(`templates/emails not found above ${from}`);
  }
}

/** One formatter per language, made once: building an Intl.DateTimeFormat costs more than a render. */
const dateFormats = Object.fromEntries(
  EMAIL_LANGUAGES.map((language) => [
    language,
    new Intl.DateTimeFormat(language, {
      timeZone: EMAIL_TIME_ZONE,
      dateStyle: 'full',
      timeStyle: 'short',
      hourCycle: 'h23',
    }),
  ]),
) as Record<EmailLanguage, Intl.DateTimeFormat>;

function formatDate(value: unknown, language: EmailLanguage): string {
  const date = value instanceof Date ? value : new Date(String(value));
  if (Number.isNaN(date.getTime())) return '';
  return `${dateFormats[language].format(date)} ${EMAIL_LABELS[language].timezone}`;
}

/**
 * Compiles every template once, in an isolated Handlebars environment with its own helpers and the
 * layout partial. HTML templates escape every `{{value}}`; text and subject parts are compiled with
 * `noEscape` because they are not HTML (nodemailer encodes the subject; data has no CR/LF).
 * No template uses triple-stash or SafeString for data. Every footer names the office's phone and
 * address (`office`, from the configuration).
 */
export function createTemplateRenderer(
  dir = findEmailTemplatesDir(),
  office: OfficeContact = DEFAULT_OFFICE,
) {
  const hbs = Handlebars.create();
  const languageOf = (options: Handlebars.HelperOptions): EmailLanguage =>
    (options.data?.root?.language as EmailLanguage | undefined) ?? 'zh-CN';
  hbs.registerHelper('t', (key: string, options: Handlebars.HelperOptions) => {
    const language = languageOf(options);
    const label = EMAIL_LABELS[language][key];
    if (label === undefined) throw new Error(`no email label "${key}"`);
    return label.replace('{phone}', office.phone).replace('{address}', office.address[language]);
  });
  hbs.registerHelper('formatDate', (value: unknown, options: Handlebars.HelperOptions) =>
    formatDate(value, languageOf(options)),
  );
  // "{{nights}} {{plural nights "night" "nights"}}": the word for a count, as the pages' "{n|night|nights}"
  // (Chinese templates need none).
  hbs.registerHelper('plural', (n: unknown, one: string, other: string) => (Number(n) === 1 ? one : other));
  hbs.registerPartial('layout', readFileSync(join(dir, '_layout.html.hbs'), 'utf8'));
  hbs.registerPartial('button', readFileSync(join(dir, '_button.html.hbs'), 'utf8'));

  const read = (kind: string, lang: string, part: string) =>
    readFileSync(join(dir, kind, `${lang}.${part}.hbs`), 'utf8');
  const options = {} as const;
  const compiled = new Map<string, Compiled>();
  for (const kind of EMAIL_KINDS) {
    for (const lang of EMAIL_LANGUAGES) {
      compiled.set(`${kind}/${lang}`, {
        subject: hbs.compile(read(kind, lang, 'subject').trim(), { ...options, noEscape: true }),
        html: hbs.compile(read(kind, lang, 'html'), options),
        text: hbs.compile(read(kind, lang, 'text'), { ...options, noEscape: true }),
      });
    }
  }

  return {
    /** Validates data against its kind again (the outbox is data at rest) and renders the three parts. */
    render(kind: EmailKind, language: EmailLanguage, rawData: unknown): RenderedEmail {
      const template = compiled.get(`${kind}/${language}`);
      if (!template) throw new Error(`no template for ${kind}/${language}`);
      const data = EmailDataSchemas[kind].parse(rawData);
      const subject = template
        .subject({ ...data, language })
        .replace(/\s+/g, ' ')
        .trim();
      const context = { ...data, language, subject };
      const headers = unsubscribeHeaders(data);
      return {
        subject,
        html: template.html(context),
        text: template.text(context),
        ...(headers && { headers }),
      };
    },
  };
}

export type TemplateRenderer = ReturnType<typeof createTemplateRenderer>;
