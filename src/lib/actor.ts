export const ROLES = ['expert', 'employer', 'coordinator', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** Who is calling: resolved once per request from the session or a bearer token. */
export interface Actor {
  userId: string;
  role: Role;
  /** The employer's organisation. */
  organisationId?: string;
  /** The expert's profile. */
  expertId?: string;
  via: 'session' | 'token';
  ip?: string;
  requestId?: string;
}

export const isStaff = (actor: Actor): boolean => actor.role === 'coordinator' || actor.role === 'admin';
