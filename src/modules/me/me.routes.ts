import { z } from 'zod';
import type { Context } from '../../context';
import { createApiRouter } from '../../lib/http/api-router';
import { ObjectIdString } from '../../lib/schemas';
import { endSession, SESSION_COOKIE } from '../accounts/session.middleware';
import { ExpertView } from '../experts/expert-view';
import { deleteMyData, exportMyData } from './me.service';

const Doc = z.record(z.string(), z.unknown());

const PersonalDataExport = z
  .object({
    exportedAt: z.date(),
    account: Doc.openapi({ description: 'The account, without its password hash' }),
    expert: ExpertView.nullable().optional(),
    matches: z.array(Doc).optional().openapi({ description: 'Your matches, each with its history' }),
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

const Deleted = z.object({ ok: z.literal(true), matchesCancelled: z.number().int(), userId: ObjectIdString });

/** The caller's own personal data: see it all, take it away, delete it. */
export function meRoutes(ctx: Context) {
  const api = createApiRouter('/me', 'Personal data');

  api.route({
    method: 'get',
    path: '/export',
    summary: 'Export all your data as JSON: account, profile with consent records, matches, audit entries',
    access: 'signed-in',
    success: { status: 200, schema: PersonalDataExport },
    handler: async ({ actor, res }) => {
      res.setHeader('Content-Disposition', 'attachment; filename="yinling-my-data.json"');
      return exportMyData(actor);
    },
  });

  api.route({
    method: 'delete',
    path: '/',
    summary:
      'Delete your personal data: experts are anonymised and withdrawn from open matches; the account is disabled',
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
