import type { ClientSession } from 'mongoose';
import type { Actor } from '../../lib/actor';
import { isStaff } from '../../lib/actor';
import { ConflictError, NotFoundError } from '../../lib/errors';
import { type KeysetPage, readPage } from '../../lib/keyset';
import { containing, startingWith } from '../../lib/search-text';
import { withTransaction } from '../../lib/transaction';
import { recordAudit } from '../audit/audit.service';
import { Organisation, type OrganisationRecord, type OrganisationStatus } from './organisation.model';
import type {
  ListOrganisationsQuery,
  OrganisationView,
  UpdateOrganisationBody,
} from './organisation.schemas';

export const isDuplicateKey = (err: unknown): boolean => (err as { code?: unknown })?.code === 11000;

export const creditCodeTaken = () =>
  new ConflictError(
    'An organisation with this unified social credit code is already registered.',
    'CREDIT_CODE_TAKEN',
    [{ path: 'creditCode', message: 'already registered' }],
  );

export function toOrganisationView(org: OrganisationRecord): OrganisationView {
  return {
    id: String(org._id),
    name: org.name,
    type: org.type,
    creditCode: org.creditCode,
    county: org.county,
    address: org.address,
    contact: { name: org.contact.name, phone: org.contact.phone ?? null, email: org.contact.email },
    description: org.description ?? '',
    status: org.status,
    rejectionReason: org.rejectionReason ?? null,
    verifiedAt: org.verifiedAt ?? null,
    keyEnterprise: org.keyEnterprise,
    createdAt: org.createdAt,
    updatedAt: org.updatedAt,
  };
}

/**
 * The filter that limits a query to what the actor may see: staff see every organisation, an
 * employer only its own; anyone else nothing. Others' records answer 404, never 403.
 */
export function organisationScope(actor: Actor): Record<string, unknown> | null {
  if (isStaff(actor)) return {};
  if (actor.role === 'employer' && actor.organisationId) return { _id: actor.organisationId };
  return null;
}

/** True when the actor may see this organisation (ids compared in lower case, as ObjectIds print). */
export function canSeeOrganisation(actor: Actor, id: string): boolean {
  return isStaff(actor) || (actor.role === 'employer' && actor.organisationId === id.toLowerCase());
}

/** The organisation if the actor may see it, else 404. */
export async function loadVisibleOrganisation(
  actor: Actor,
  id: string,
  session?: ClientSession,
): Promise<OrganisationRecord> {
  const org = canSeeOrganisation(actor, id)
    ? await Organisation.findById(id)
        .session(session ?? null)
        .lean<OrganisationRecord>()
    : null;
  if (!org) throw new NotFoundError('Organisation');
  return org;
}

export async function getOrganisation(actor: Actor, id: string): Promise<OrganisationView> {
  return toOrganisationView(await loadVisibleOrganisation(actor, id));
}

const SORTS: Record<ListOrganisationsQuery['sort'], Record<string, 1 | -1>> = {
  '-createdAt': { createdAt: -1, _id: -1 },
  createdAt: { createdAt: 1, _id: 1 },
  name: { name: 1, _id: 1 },
  '-name': { name: -1, _id: -1 },
};

/** The search box: a credit code's beginning (letters and digits, no space) or text in the name. */
function searchFilter(q: string): Record<string, unknown> {
  const code = q.toUpperCase();
  const byName = { name: containing(q) };
  return /^[0-9A-Z]+$/.test(code) ? { $or: [byName, { creditCode: startingWith(code) }] } : byName;
}

export async function listOrganisations(
  actor: Actor,
  query: ListOrganisationsQuery,
): Promise<KeysetPage<OrganisationView>> {
  const { page, pageSize } = query;
  const scope = organisationScope(actor);
  if (!scope) return { items: [], page, pageSize, total: 0, next: null, prev: null };
  const filter: Record<string, unknown> = { ...scope };
  if (query.status) filter.status = query.status;
  if (query.type) filter.type = query.type;
  if (query.county) filter.county = query.county;
  if (query.keyEnterprise !== undefined) filter.keyEnterprise = query.keyEnterprise;
  const where = query.q ? { $and: [filter, searchFilter(query.q)] } : filter;
  const found = await readPage(
    where,
    { sortName: query.sort, sort: SORTS[query.sort], page, pageSize, cursor: query.cursor },
    (f, sort, skip, limit) =>
      Organisation.find(f).sort(sort).skip(skip).limit(limit).lean<OrganisationRecord[]>(),
    (f) => Organisation.countDocuments(f),
  );
  return { ...found, items: found.items.map(toOrganisationView) };
}

/**
 * Edits an organisation. Its name and credit code are what a coordinator verified, so when the
 * employer changes either on a verified organisation it goes back to pending (and its needs stop
 * being matchable) until verified again; other fields (address, contact, description) do not need a
 * new check. An employer's edit of a rejected organisation resubmits it (back to pending). Staff
 * edits never change the status; they are audit-logged.
 */
export async function updateOrganisation(
  actor: Actor,
  id: string,
  changes: UpdateOrganisationBody,
): Promise<OrganisationView> {
  return withTransaction(async (session) => {
    const current = await loadVisibleOrganisation(actor, id, session);
    const nextStatus = statusAfterEdit(actor, current, changes);
    const $set: Record<string, unknown> = { ...changes, status: nextStatus };
    const $unset: Record<string, 1> = {};
    if (nextStatus === 'pending' && current.status !== 'pending') {
      Object.assign($unset, { verifiedAt: 1, verifiedBy: 1, rejectionReason: 1 });
    }
    // Conditional on the status read: a verification in between must not be overwritten blindly.
    const updated = await Organisation.findOneAndUpdate(
      { _id: id, status: current.status },
      Object.keys($unset).length ? { $set, $unset } : { $set },
      { returnDocument: 'after', runValidators: true, session },
    )
      .lean<OrganisationRecord>()
      .catch((err) => {
        throw isDuplicateKey(err) ? creditCodeTaken() : err;
      });
    if (!updated) {
      throw new ConflictError(
        'The organisation changed meanwhile; reload and try again.',
        'CONCURRENT_UPDATE',
      );
    }
    if (isStaff(actor)) {
      const target = { type: 'organisation', id };
      await recordAudit(actor, 'organisation.update', target, { fields: Object.keys(changes) }, session);
    }
    return toOrganisationView(updated);
  });
}

function statusAfterEdit(
  actor: Actor,
  current: OrganisationRecord,
  changes: UpdateOrganisationBody,
): OrganisationStatus {
  if (isStaff(actor)) return current.status;
  if (current.status === 'rejected') return 'pending';
  const identityChanged =
    (changes.name !== undefined && changes.name !== current.name) ||
    (changes.creditCode !== undefined && changes.creditCode !== current.creditCode);
  return current.status === 'verified' && identityChanged ? 'pending' : current.status;
}

/** An organisation's name and status, for a page that shows whose need it is. */
export async function organisationSummary(
  id: unknown,
): Promise<{ name: string; status: string } | undefined> {
  const org = await Organisation.findById(id).select('name status').lean<OrganisationRecord>();
  return org ? { name: org.name, status: org.status } : undefined;
}
