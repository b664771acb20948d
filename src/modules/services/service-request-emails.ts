import type { Context } from '../../context';
import type { EnqueueEmailInput } from '../email/email.service';
import { type EmailLanguage, emailLanguage, envelopeFor } from '../email/email-envelope';
import type { ExpertRecord } from '../experts/expert-records.service';
import type { ServiceRequestRecord } from './service-request.model';
import type { ServiceDefinition } from './services.schemas';

const pick = (b: { zh: string; en: string }, lang: EmailLanguage) => (lang === 'en' ? b.en : b.zh);

/** Where each reader opens a request. */
export const requestPath = {
  expert: (id: string) => `/expert/services/${id}`,
  unit: (id: string) => `/unit/requests/${id}`,
  coordinator: (id: string) => `/coordinator/services/requests/${id}`,
};

export type ExpertStep = 'received' | 'accepted' | 'in-progress' | 'done' | 'refused';

/** To the expert served: their request was received, or moved on; null for an expert without an address. */
export function expertEmail(
  ctx: Context,
  step: ExpertStep,
  request: ServiceRequestRecord,
  service: ServiceDefinition,
  expert: Pick<ExpertRecord, 'name' | 'email' | 'preferredLanguage'>,
): EnqueueEmailInput | null {
  const id = String(request._id);
  const envelope = envelopeFor(expert, { type: 'service-request', id });
  if (!envelope) return null;
  const lang = envelope.language;
  const data = {
    requestId: id,
    expertName: expert.name,
    serviceName: pick(service.name, lang),
    unitName: pick(service.unit.name, lang),
    dueAt: request.dueAt,
    requestUrl: `${ctx.config.http.publicUrl}${requestPath.expert(id)}`,
  };
  if (step === 'refused') {
    return { ...envelope, kind: 'service-request-refused', data: { ...data, reason: request.reason ?? '—' } };
  }
  return { ...envelope, kind: `service-request-${step}`, data };
}

/** To the responsible unit's contact address (in Chinese): a new request, or its reminder. */
export function unitEmail(
  ctx: Context,
  kind: 'service-request-new-unit' | 'service-request-reminder',
  request: ServiceRequestRecord,
  service: ServiceDefinition,
): EnqueueEmailInput {
  const id = String(request._id);
  return {
    kind,
    to: service.unit.email,
    toName: service.unit.name.zh,
    language: 'zh-CN',
    related: { type: 'service-request', id },
    data: {
      requestId: id,
      unitName: service.unit.name.zh,
      serviceName: service.name.zh,
      priority: Boolean(request.priority),
      dueAt: request.dueAt,
      requestUrl: `${ctx.config.http.publicUrl}${requestPath.unit(id)}`,
    },
  };
}

/**
 * To one coordinator: a request passed its promised time. `asLiaisonOf` (the expert's name) addresses
 * the expert's own liaison, who is asked to follow it up with the expert too.
 */
export function overdueEmail(
  ctx: Context,
  request: ServiceRequestRecord,
  service: ServiceDefinition,
  coordinator: { email: string; displayName: string; preferredLanguage?: string | null },
  asLiaisonOf?: string,
): EnqueueEmailInput {
  const lang = emailLanguage(coordinator.preferredLanguage);
  const id = String(request._id);
  return {
    kind: 'service-request-overdue',
    to: coordinator.email,
    toName: coordinator.displayName,
    language: lang,
    related: { type: 'service-request', id },
    data: {
      requestId: id,
      coordinatorName: coordinator.displayName,
      ...(asLiaisonOf ? { liaisonExpertName: asLiaisonOf } : {}),
      unitName: pick(service.unit.name, lang),
      serviceName: pick(service.name, lang),
      priority: Boolean(request.priority),
      dueAt: request.dueAt,
      requestUrl: `${ctx.config.http.publicUrl}${requestPath.coordinator(id)}`,
    },
  };
}
