import { type ClientSession, Types } from 'mongoose';
import type { Context } from '../../context';
import { type Actor, isStaff } from '../../lib/actor';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../lib/errors';
import type { SignupAccepted } from '../../lib/schemas';
import { expertInvitationEmail, sendEmailVerification } from '../accounts/account-emails.service';
import { confirmCurrentPassword } from '../accounts/password-change.service';
import { type SignupOptions, signUp } from '../accounts/signup.service';
import { type UserRecord, updateAccountProfile, userEmailTaken } from '../accounts/user-records.service';
import { createUser } from '../accounts/users.service';
import { recordAudit } from '../audit/audit.service';
import { withOutbox } from '../email/outbox-transaction';
import { contactVisibleExpertIds } from '../matches/match-queries.service';
import { enqueueExpertChanged } from '../ranking/ranking.jobs';
import { Expert, type ExpertRecord } from './expert.model';
import {
  checkHealthConsent,
  checkPreferredModes,
  consentRecord,
  newProfileDocument,
  profileUpdate,
} from './expert-profile-write';
import { toExpertView, type Viewer } from './expert-view';
import type { AssistedExpertInput, RegisterExpertInput, UpdateExpertInput } from './experts.schemas';

/** What registration may be given instead of its defaults; tests pass ones that fail. */
export interface ExpertRegistrationOptions extends SignupOptions {
  createUser?: typeof createUser;
}

/**
 * Writes the account and the profile on the session of the caller's transaction: a taken email
 * (EMAIL_TAKEN) or any later failure leaves neither behind. Without an email (a phone-only expert
 * registered by a coordinator) only the profile is written: there is no account to sign in with.
 */
async function createExpertWithAccount(
  session: ClientSession,
  input: (RegisterExpertInput | AssistedExpertInput) & { password?: string },
  actor?: Actor,
  create: typeof createUser = createUser,
): Promise<{ user: UserRecord | null; expert: ExpertRecord }> {
  const { password, consent, healthConsent, ...profile } = input;
  const expertId = new Types.ObjectId();
  const user = input.email
    ? await create(
        {
          email: input.email,
          password,
          role: 'expert',
          displayName: input.name,
          preferredLanguage: input.preferredLanguage,
          expertId: String(expertId),
          createdBy: actor?.userId,
        },
        session,
      )
    : null;
  const consents = [consentRecord('profile', consent.textVersion, actor)];
  if (healthConsent) consents.push(consentRecord('health', healthConsent.textVersion, actor));
  const [doc] = await Expert.create(
    [
      {
        ...newProfileDocument(profile),
        _id: expertId,
        userId: user?._id,
        consents,
        createdBy: actor?.userId,
      },
    ],
    { session },
  );
  return { user, expert: doc.toObject() as ExpertRecord };
}

/**
 * Public sign-up: the expert's own account with a password, the profile and the link to verify the
 * address, in one transaction. The answer is the same when the address already has an account: its
 * owner is emailed instead and nothing is created (see signup.service.ts).
 */
export async function registerExpert(
  ctx: Context,
  input: RegisterExpertInput,
  options: ExpertRegistrationOptions = {},
): Promise<SignupAccepted> {
  checkHealthConsent(input);
  checkPreferredModes(input);
  let expertId: string | undefined;
  const answer = await signUp(
    ctx,
    input,
    async (session) => {
      const { user, expert } = await createExpertWithAccount(session, input, undefined, options.createUser);
      expertId = String(expert._id);
      // Public sign-up always gives an email, so an account was created.
      return user as UserRecord;
    },
    options,
  );
  if (expertId) await enqueueExpertChanged(ctx, expertId);
  return answer;
}

/**
 * A coordinator registers an expert in person. With an address, the account is created without a
 * password and the expert is sent an invitation to choose one, in the same transaction.
 */
export async function createAssistedExpert(ctx: Context, actor: Actor, input: AssistedExpertInput) {
  checkHealthConsent(input);
  checkPreferredModes(input);
  const expert = await withOutbox(ctx, async ({ session, email }) => {
    const created = await createExpertWithAccount(session, input, actor);
    const target = { type: 'expert', id: String(created.expert._id) };
    await recordAudit(actor, 'expert.create', target, { assisted: true }, session);
    // With an address, the expert is welcomed and invited to choose a password.
    if (created.user) await email(await expertInvitationEmail(ctx, created.user._id, session));
    return created.expert;
  });
  await enqueueExpertChanged(ctx, String(expert._id));
  return toExpertView(expert, { kind: 'staff' });
}

/**
 * The profile as the actor may see it, or 404 when they may not see it at all (an expert asking for
 * someone else's id, an employer asking for a paused or deleted expert) — a 403 would confirm it exists.
 */
async function loadVisible(actor: Actor, id: string): Promise<{ expert: ExpertRecord; viewer: Viewer }> {
  if (actor.role === 'expert' && actor.expertId !== id.toLowerCase()) throw new NotFoundError('Expert');
  const expert = await Expert.findById(id).lean<ExpertRecord>();
  if (!expert) throw new NotFoundError('Expert');
  if (isStaff(actor)) return { expert, viewer: { kind: 'staff' } };
  if (actor.role === 'expert' && expert.status !== 'deleted') return { expert, viewer: { kind: 'owner' } };
  if (actor.role === 'employer' && expert.status === 'active') {
    const visible = await contactVisibleExpertIds(actor.organisationId, [expert._id]);
    return { expert, viewer: { kind: 'employer', contactVisible: visible.has(id) } };
  }
  throw new NotFoundError('Expert');
}

export async function getExpert(actor: Actor, id: string) {
  const { expert, viewer } = await loadVisible(actor, id);
  return toExpertView(expert, viewer);
}

/** The expert's own profile (GET /experts/me). */
export function getOwnExpert(actor: Actor) {
  if (!actor.expertId) throw new NotFoundError('Expert');
  return getExpert(actor, actor.expertId);
}

/** Account fields that mirror the profile: login email, display name and language. */
async function syncAccount(
  ctx: Context,
  userId: unknown,
  input: UpdateExpertInput,
  current: ExpertRecord,
): Promise<void> {
  const set: { email?: string; displayName?: string; preferredLanguage?: string } = {};
  const { email } = input;
  const emailChanged = email !== undefined && email !== current.email;
  if (emailChanged) {
    if (await userEmailTaken(email, { exceptUserId: userId })) {
      throw new ConflictError('An account with this email already exists.', 'EMAIL_TAKEN', [
        { path: 'body.email', message: 'already registered' },
      ]);
    }
    set.email = email;
  }
  if (input.name !== undefined) set.displayName = input.name;
  if (input.preferredLanguage !== undefined) set.preferredLanguage = input.preferredLanguage;
  if (!userId || Object.keys(set).length === 0) return;
  // A new address is not verified yet: it gets its own verification link.
  const user = await updateAccountProfile(userId, set);
  if (emailChanged && user) await sendEmailVerification(ctx, user);
}

/** A phone-only expert given an address: the account they sign in with, without a password yet. */
function createAccountFor(
  current: ExpertRecord,
  input: UpdateExpertInput & { email: string },
  actor: Actor,
  session: ClientSession,
) {
  return createUser(
    {
      email: input.email,
      role: 'expert',
      displayName: input.name ?? current.name,
      preferredLanguage: input.preferredLanguage ?? (current.preferredLanguage === 'en' ? 'en' : 'zh-CN'),
      expertId: String(current._id),
      createdBy: actor.userId,
    },
    session,
  );
}

/**
 * An expert who changes their own login email proves the account first with its current password
 * (staff change it on the expert's behalf without one, audit-logged): a session left open somewhere
 * must not be enough to take the account over.
 */
async function confirmLoginEmailChange(actor: Actor, input: UpdateExpertInput, current: ExpertRecord) {
  if (isStaff(actor) || input.email === undefined || input.email === current.email) return;
  if (!input.currentPassword) {
    throw new ValidationError('Give your current password to change your email.', [
      { path: 'body.currentPassword', message: 'required to change the email' },
    ]);
  }
  await confirmCurrentPassword(actor.userId, input.currentPassword);
}

/** The expert edits their own profile; staff edit anyone's, audit-logged with the changed field names. */
export async function updateExpert(ctx: Context, actor: Actor, id: string, input: UpdateExpertInput) {
  if (actor.role === 'employer') throw new ForbiddenError();
  const { expert: current, viewer } = await loadVisible(actor, id);
  if (current.status === 'deleted')
    throw new ConflictError('This expert deleted their data.', 'EXPERT_DELETED');
  checkHealthConsent(input, current);
  checkPreferredModes(input, current);
  const { set, unset, changed } = profileUpdate(input, current);
  await confirmLoginEmailChange(actor, input, current);
  await syncAccount(ctx, current.userId, input, current);
  const update: Record<string, unknown> = { $set: set };
  if (Object.keys(unset).length > 0) update.$unset = unset;
  if (input.healthConsent) {
    update.$push = { consents: consentRecord('health', input.healthConsent.textVersion, actor) };
    changed.push('consents');
  }
  const save = (session?: ClientSession) =>
    Expert.findOneAndUpdate({ _id: id, status: { $ne: 'deleted' } }, update, {
      returnDocument: 'after',
      session,
    }).lean<ExpertRecord>();
  const { email } = input;
  const opensAccount = !current.userId && email !== undefined;
  const updated = opensAccount
    ? await withOutbox(ctx, async (tx) => {
        const user = await createAccountFor(current, { ...input, email }, actor, tx.session);
        (update.$set as Record<string, unknown>).userId = user._id;
        const saved = await save(tx.session);
        // As after an assisted registration with an address: an invitation to choose a password.
        if (saved) await tx.email(await expertInvitationEmail(ctx, user._id, tx.session));
        return saved;
      })
    : await save();
  if (!updated) throw new ConflictError('This expert deleted their data.', 'EXPERT_DELETED');
  if (isStaff(actor)) {
    const details = opensAccount ? { fields: changed, accountOpened: true } : { fields: changed };
    await recordAudit(actor, 'expert.update', { type: 'expert', id }, details);
  }
  // every open need's candidate list that the change moves is ranked again
  await enqueueExpertChanged(ctx, id);
  return toExpertView(updated, viewer);
}

export function updateOwnExpert(ctx: Context, actor: Actor, input: UpdateExpertInput) {
  if (!actor.expertId) throw new NotFoundError('Expert');
  return updateExpert(ctx, actor, actor.expertId, input);
}
