import type { Response } from 'express';
import { Router } from 'express';
import type { Context } from '../../context';
import type { Actor } from '../../lib/actor';
import { errorsFromError, FORM_ERROR, text } from '../../lib/http/page-forms';
import { pageActor, pageT, requireRole } from '../../lib/http/pages';
import { ObjectIdString } from '../../lib/schemas';
import { listMatches } from '../matches/match-queries.service';
import { listNeeds } from '../needs/need.service';
import { nominate, withdrawNomination } from './nomination.service';
import { NominateBody } from './quota.schemas';
import { getLedger } from './quota.service';

const NOMINATABLE = new Set(['draft', 'open', 'matching', 'partially_filled']);

async function renderQuota(res: Response, actor: Actor, errors?: Record<string, string>, values = {}) {
  const organisationId = actor.organisationId ?? '';
  const [ledger, needs, engaged] = await Promise.all([
    getLedger(actor, organisationId),
    listNeeds(actor, { page: 1, pageSize: 100, sort: '-createdAt' }),
    listMatches(actor, { status: 'engaged', page: 1, pageSize: 100 }),
  ]);
  const needTitles = new Map(needs.items.map((n) => [n.id, n.title]));
  const expertNames = new Map(engaged.items.map((m) => [m.expert.id, m.expert.name]));
  res.status(errors ? 400 : 200).render('organisations/quota', {
    titleKey: 'quota.title',
    ledger,
    nominations: ledger.activeNominations.map((n) => ({
      ...n,
      subject: n.needId ? needTitles.get(n.needId) : n.expertId ? expertNames.get(n.expertId) : '',
    })),
    needOptions: needs.items
      .filter((n) => NOMINATABLE.has(n.status) && !('priority' in n && n.priority))
      .map((n) => ({ value: n.id, label: n.title })),
    expertOptions: [...expertNames].map(([value, label]) => ({ value, label })),
    values,
    errors,
  });
}

/** The talent-service quota of a key enterprise: what is left, and nominations spent or withdrawn. */
export function quotaPages(ctx: Context): Router {
  const router = Router();
  router.use('/employer/quota', requireRole('employer'));

  router.get('/employer/quota', async (_req, res) => {
    await renderQuota(res, pageActor(res));
  });

  router.post('/employer/quota/nominations', async (req, res) => {
    const actor = pageActor(res);
    const kind = text(req.body, 'kind');
    const body =
      kind === 'exclusive_expert'
        ? { kind, expertId: text(req.body, 'expertId') }
        : { kind: 'priority_need', needId: text(req.body, 'needId') };
    const parsed = NominateBody.safeParse(body);
    const field = kind === 'exclusive_expert' ? 'expertId' : 'needId';
    if (!parsed.success) {
      return renderQuota(res, actor, { [field]: pageT(res)('error.choose') }, req.body);
    }
    try {
      await nominate(ctx, actor, actor.organisationId ?? '', parsed.data);
    } catch (err) {
      const errors = errorsFromError(err, pageT(res));
      if (!errors) throw err;
      return renderQuota(
        res,
        actor,
        { [FORM_ERROR]: errors[FORM_ERROR] ?? pageT(res)('error.notDone') },
        req.body,
      );
    }
    res.redirect(303, '/employer/quota?done=nominated');
  });

  router.post('/employer/quota/nominations/:nominationId/withdraw', async (req, res) => {
    const actor = pageActor(res);
    const nominationId = ObjectIdString.parse(req.params.nominationId);
    await withdrawNomination(actor, actor.organisationId ?? '', nominationId);
    res.redirect(303, '/employer/quota?done=withdrawn');
  });

  return router;
}
