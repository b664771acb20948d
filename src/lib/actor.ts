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
