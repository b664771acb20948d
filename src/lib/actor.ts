import { NotFoundError, ValidationError } from './errors';

export const ROLES = ['expert', 'employer', 'coordinator', 'admin', 'service_unit'] as const;
export type Role = (typeof ROLES)[number];

/** Who is calling: resolved once per request from the session or a bearer token. */
export interface Actor {
  userId: string;
  role: Role;
  /** The employer's organisation. */
  organisationId?: string;
  /** The expert's profile. */
  expertId?: string;
  /** A service unit's staff: the unit whose queue of talent-service requests they handle. */
  unitCode?: string;
  via: 'session' | 'token';
  ip?: string;
  requestId?: string;
}

export const isStaff = (actor: Actor): boolean => actor.role === 'coordinator' || actor.role === 'admin';

/**
 * The organisation something is posted for (a need, an open call): staff name it in
 * `body.organisationId`; an employer always posts for its own and may not name one.
 */
export function postingOrganisation(actor: Actor, requested: string | undefined, what: string): string {
  if (isStaff(actor)) {
    if (!requested)
      throw new ValidationError('Name the organisation.', [
        { path: 'body.organisationId', message: 'required for staff' },
      ]);
    return requested;
  }
  if (requested !== undefined) {
    throw new ValidationError('Some fields are not valid.', [
      { path: 'body.organisationId', message: `${what} is always your own organisation’s` },
    ]);
  }
  if (actor.role !== 'employer' || !actor.organisationId) throw new NotFoundError('Organisation');
  return actor.organisationId;
}
