import type { Actor } from '../../lib/actor';
import { NotFoundError } from '../../lib/errors';
import { withTransaction } from '../../lib/transaction';
import { recordAudit } from '../audit/audit.service';
import { CATALOGUE } from './catalogue.data';
import { Service, type ServiceRecord } from './service.model';
import type { ServiceDefinition, UpdateServiceBody } from './services.schemas';

export function toServiceView(s: ServiceRecord): ServiceDefinition {
  return {
    code: s.code,
    category: s.category,
    name: { zh: s.name.zh, en: s.name.en },
    description: { zh: s.description.zh, en: s.description.en },
    unit: {
      code: s.unit.code,
      name: { zh: s.unit.name.zh, en: s.unit.name.en },
      phone: s.unit.phone,
      email: s.unit.email,
    },
    eligible: [...s.eligible] as ServiceDefinition['eligible'],
    fields: s.fields.map((f) => ({
      key: f.key,
      label: { zh: f.label.zh, en: f.label.en },
      type: f.type,
      required: Boolean(f.required),
      options: f.options.map((o) => ({ value: String(o.value), label: { zh: o.label.zh, en: o.label.en } })),
      ...(f.when ? { when: f.when } : {}),
      ...(f.notBefore ? { notBefore: f.notBefore } : {}),
    })),
    promisedDays: s.promisedDays,
    active: Boolean(s.active),
  };
}

/**
 * Adds the services of the catalogue that are not stored yet (by code) and brings stored ones up to
 * date in what the catalogue owns (names, descriptions, the unit, who may use it, the fields and their
 * rules); what admins change — promised days, the unit's phone and email, whether it is offered — is
 * kept. Answers how many were added. Safe to run at every start and from several processes at once.
 */
export async function seedCatalogue(services: readonly ServiceDefinition[] = CATALOGUE): Promise<number> {
  const res = await Service.bulkWrite(
    services.map((s) => ({
      updateOne: {
        filter: { code: s.code },
        update: {
          $set: {
            category: s.category,
            name: s.name,
            description: s.description,
            'unit.code': s.unit.code,
            'unit.name': s.unit.name,
            eligible: s.eligible,
            fields: s.fields,
          },
          $setOnInsert: {
            'unit.phone': s.unit.phone,
            'unit.email': s.unit.email,
            promisedDays: s.promisedDays,
            active: s.active,
          },
        },
        upsert: true,
      },
    })),
    { ordered: false },
  );
  return res.upsertedCount;
}

/** The catalogue: active services for everyone; staff may ask for retired ones too. */
export async function listServices(actor: Actor, includeInactive = false): Promise<ServiceDefinition[]> {
  const staff = actor.role === 'admin' || actor.role === 'coordinator';
  const filter = includeInactive && staff ? {} : { active: true };
  const services = await Service.find(filter).sort({ category: 1, code: 1 }).lean<ServiceRecord[]>();
  return services.map(toServiceView);
}

/** One service by code; a retired one is 404 except for staff. */
export async function getService(actor: Actor | undefined, code: string): Promise<ServiceDefinition> {
  const s = await Service.findOne({ code }).lean<ServiceRecord>();
  const staff = actor?.role === 'admin' || actor?.role === 'coordinator';
  if (!s || (!s.active && !staff)) throw new NotFoundError('Service');
  return toServiceView(s);
}

/** The stored definition, for filing (active only). */
export async function activeService(code: string): Promise<ServiceDefinition | undefined> {
  const s = await Service.findOne({ code, active: true }).lean<ServiceRecord>();
  return s ? toServiceView(s) : undefined;
}

/** An admin changes a service's promised days, its unit's contact or its active flag (audited). */
export async function updateService(actor: Actor, code: string, body: UpdateServiceBody) {
  const set: Record<string, unknown> = {};
  if (body.promisedDays !== undefined) set.promisedDays = body.promisedDays;
  if (body.unitPhone !== undefined) set['unit.phone'] = body.unitPhone;
  if (body.unitEmail !== undefined) set['unit.email'] = body.unitEmail;
  if (body.active !== undefined) set.active = body.active;
  const updated = await withTransaction(async (session) => {
    const s = await Service.findOneAndUpdate(
      { code },
      { $set: set },
      { returnDocument: 'after', session },
    ).lean<ServiceRecord>();
    if (!s) throw new NotFoundError('Service');
    await recordAudit(
      actor,
      'service.update',
      { type: 'service', id: code },
      { fields: Object.keys(set) },
      session,
    );
    return s;
  });
  return toServiceView(updated);
}
