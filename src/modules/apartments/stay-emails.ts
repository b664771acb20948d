import type { Context } from '../../context';
import type { EnqueueEmailInput } from '../email/email.service';
import { type EmailLanguage, envelopeFor } from '../email/email-envelope';
import type { ExpertRecord } from '../experts/expert-records.service';
import { UNITS } from '../services/catalogue.data';
import type { StayView } from './apartments.schemas';

/** Where the expert sees their stays. */
export const MY_APARTMENT_PATH = '/expert/apartment';

/** What happened to the stay, with what the message says about it. */
export type StayStep =
  | { kind: 'apartment-stay-booked'; at: Date }
  | { kind: 'apartment-stay-cancelled'; at: Date; reason: string }
  | { kind: 'apartment-stay-changed'; at: Date; previousTo: string };

// Stay days are calendar days (YYYY-MM-DD in China's time): read and written as UTC they never shift.
const DAY_FORMATS: Record<EmailLanguage, Intl.DateTimeFormat> = {
  'zh-CN': new Intl.DateTimeFormat('zh-CN', { timeZone: 'UTC', dateStyle: 'full' }),
  en: new Intl.DateTimeFormat('en', { timeZone: 'UTC', dateStyle: 'full' }),
};
const dayText = (day: string, lang: EmailLanguage) => DAY_FORMATS[lang].format(new Date(`${day}T00:00:00Z`));

/** The apartments are the housing unit's: its phone is the number to call about a stay. */
function deskOf(lang: EmailLanguage) {
  const unit = UNITS.housing;
  return unit.phone ? { name: lang === 'en' ? unit.name.en : unit.name.zh, phone: unit.phone } : undefined;
}

/**
 * The message telling the expert about a step of their stay, in their language; null when there is
 * nobody to write to (no address on file, or the expert deleted their data).
 */
export function stayEmail(
  ctx: Context,
  step: StayStep,
  stay: StayView,
  expert: Pick<ExpertRecord, 'name' | 'email' | 'preferredLanguage' | 'status'> | undefined,
): EnqueueEmailInput | null {
  if (!expert || expert.status === 'deleted') return null;
  const envelope = envelopeFor(expert, { type: 'apartment-stay', id: stay.id });
  if (!envelope) return null;
  const lang = envelope.language;
  const core = {
    stayId: stay.id,
    expertName: expert.name,
    building: stay.room.building,
    room: stay.room.number,
    from: dayText(stay.from, lang),
    to: dayText(stay.to, lang),
    nights: stay.nights,
    desk: deskOf(lang),
    stayUrl: `${ctx.config.http.publicUrl}${MY_APARTMENT_PATH}`,
  };
  switch (step.kind) {
    case 'apartment-stay-booked':
      return {
        ...envelope,
        kind: step.kind,
        data: { ...core, guests: stay.guests.length, bookedAt: step.at },
      };
    case 'apartment-stay-cancelled':
      return { ...envelope, kind: step.kind, data: { ...core, reason: step.reason, cancelledAt: step.at } };
    case 'apartment-stay-changed':
      return {
        ...envelope,
        kind: step.kind,
        data: { ...core, previousTo: dayText(step.previousTo, lang), changedAt: step.at },
      };
  }
}
