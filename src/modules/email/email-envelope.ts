/** The two languages messages are written in. */
export type EmailLanguage = 'zh-CN' | 'en';

/** English for those who chose it; Chinese for everyone else (the office's first language). */
export const emailLanguage = (preferred: string | null | undefined): EmailLanguage =>
  preferred === 'en' ? 'en' : 'zh-CN';

/** To whom a message goes, in which language, and what it is about. */
export interface EmailEnvelope {
  to: string;
  toName: string;
  language: EmailLanguage;
  related: { type: string; id: string };
}

/**
 * The envelope of a message to a person on file (an expert: an address, a name, a preferred language);
 * null when they left no address — the office then tells them by phone.
 */
export function envelopeFor(
  person: { email?: string | null; name: string; preferredLanguage?: string | null },
  related: EmailEnvelope['related'],
): EmailEnvelope | null {
  if (!person.email) return null;
  return {
    to: person.email,
    toName: person.name,
    language: emailLanguage(person.preferredLanguage),
    related,
  };
}
