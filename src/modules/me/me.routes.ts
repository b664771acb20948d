import { z } from 'zod';
import type { Context } from '../../context';
import { createApiRouter } from '../../lib/http/api-router';
import { ObjectIdString, Password } from '../../lib/schemas';
import { rememberDevice } from '../accounts/known-device';
import { currentPasswordLimits } from '../accounts/login-rate-limit';
import { changePassword } from '../accounts/password-change.service';
import { endSession, SESSION_COOKIE, startSession } from '../accounts/session.middleware';
import { ExpertView } from '../experts/expert-view';
import { deleteMyData, exportMyData } from './me.service';

const Doc = z.record(z.string(), z.unknown());

const PersonalDataExport = z
  .object({
    exportedAt: z.date(),
    account: Doc.openapi({ description: 'The account, without its password hash' }),
    expert: ExpertView.nullable().optional(),
    matches: z.array(Doc).optional().openapi({ description: 'Your matches, each with its history' }),
    serviceRequests: z.array(Doc).optional().openapi({
      description:
        "Service requests served to you: status, service, facts, dates, history, rating, and the attachments' names, types, sizes and checksums",
    }),
    apartmentStays: z
      .array(Doc)
      .optional()
      .openapi({ description: 'Your talent-apartment stays, with the family members named on them' }),
    liaison: z
      .object({ name: z.string(), officePhone: z.string().nullable() })
      .nullable()
      .optional()
      .openapi({ description: 'Your liaison: name and office phone; null when none' }),
    liaisonContacts: z.array(Doc).optional().openapi({
      description: 'Visits, calls and messages your liaison recorded: date, kind, summary, notes',
    }),
    organisation: Doc.nullable().optional(),
    needs: z.array(Doc).optional(),
    audit: z.array(
      z.object({
        byYou: z.boolean(),
        actorRole: z.string(),
        action: z.string(),
        targetType: z.string(),
        targetId: z.string().nullable(),
        details: z.unknown(),
        at: z.date(),
      }),
    ),
  })
  .openapi('PersonalDataExport');

/** Changing the password asks for the current one first. */
export const ChangePasswordBody = z
  .object({ currentPassword: z.string().min(1).max(200), newPassword: Password })
  .strict()
  .openapi('ChangePasswordBody');

const PasswordChanged = z
  .object({
    csrfToken: z.string().nullable().openapi({
      description:
        "The new session's CSRF token (cookie sessions); null for a bearer token, which is revoked",
    }),
  })
  .openapi('PasswordChanged');

const Deleted = z.object({ ok: z.literal(true), matchesCancelled: z.number().int(), userId: ObjectIdString });

/** The caller's own personal data: see it all, take it away, delete it. */
export function meRoutes(ctx: Context) {
  const api = createApiRouter('/me', 'Personal data');

  api.route({
    method: 'get',
    path: '/export',
    summary:
      'Export all your data as JSON: account, profile with consent records, matches, service requests, ' +
      'apartment stays, liaison and contacts, audit entries',
    access: 'signed-in',
    success: { status: 200, schema: PersonalDataExport },
    handler: async ({ actor, res }) => {
      res.setHeader('Content-Disposition', 'attachment; filename="yinling-my-data.json"');
      return exportMyData(actor);
    },
  });

  api.router.use('/password', ...currentPasswordLimits(ctx));

  api.route({
    method: 'post',
    path: '/password',
    summary:
      'Change your password (the current one is asked for): every session and API token issued before ends, ' +
      'this cookie session goes on with a new id, and an email tells the account’s address',
    access: 'signed-in',
    request: { body: ChangePasswordBody },
    success: { status: 200, schema: PasswordChanged },
    errors: [404, 429, 503],
    handler: async ({ actor, input, req, res }) => {
      await changePassword(ctx, actor, input.body);
      if (actor.via !== 'session') return { csrfToken: null };
      await startSession(req, actor.userId);
      rememberDevice(ctx, req, res, actor.userId);
      return { csrfToken: req.session.csrfToken ?? null };
    },
  });

  api.route({
    method: 'delete',
    path: '/',
    summary:
      'Delete your personal data: an expert’s matches in play, engagements included, are cancelled (employer and ' +
      'coordinator told without the name, needs re-routed), open service requests withdrawn, booked stays cancelled, ' +
      'liaison contacts deleted, candidate lists and emails cleared of them, the profile anonymised; the account is disabled',
    access: ['expert', 'employer'],
    success: { status: 200, schema: Deleted },
    handler: async ({ actor, req, res }) => {
      const { matchesCancelled } = await deleteMyData(ctx, actor);
      await endSession(req);
      res.clearCookie(SESSION_COOKIE);
      return { ok: true as const, matchesCancelled, userId: actor.userId };
    },
  });

  return api;
}
