import { type Request, type Response, Router } from 'express';
import type { Context } from '../../context';
import { isStaff } from '../../lib/actor';
import { chinaDay } from '../../lib/china-day';
import { NotFoundError } from '../../lib/errors';
import { listUrl, readListPage } from '../../lib/http/list-pages';
import { type FieldErrors, num, submitForm, text } from '../../lib/http/page-forms';
import { pageActor, pageT, requireRole } from '../../lib/http/pages';
import { IdParams, ObjectIdString } from '../../lib/schemas';
import { rowErrors } from '../home/coordinator-dashboard.pages';
import { renderCoordinatorNeed } from '../ranking/coordinator-needs.pages';
import { MATCH_STATUSES } from './match.model';
import { getMatch, listMatches } from './match-queries.service';
import { OPEN_STATUSES } from './match-transitions';
import { cancelMatch, completeMatch, recordAnswer } from './match-workflow.service';
import { AnswerBody, CancelBody, CompleteBody, ListMatchesQuery, MATCH_SORTS } from './matches.schemas';

async function renderMatch(
  res: Response,
  id: string,
  errors?: FieldErrors,
  values: Record<string, unknown> = {},
) {
  const actor = pageActor(res);
  if (!isStaff(actor) && actor.role !== 'employer') throw new NotFoundError('Match');
  const match = await getMatch(actor, id);
  const today = chinaDay();
  res.status(errors ? 400 : 200).render('coordinator/match', {
    titleKey: 'matchPage.title',
    match,
    staff: isStaff(actor),
    canAnswer: isStaff(actor) && match.status === 'offered',
    canCancel: isStaff(actor) && OPEN_STATUSES.includes(match.status),
    canComplete: match.status === 'engaged',
    // the completion form's end date: today in China unless the person typed another
    today,
    errors,
    values: { [`match.${id}.endedOn`]: today, ...values },
  });
}

/** A match form sent from the need page goes back there (and shows its errors there); else the match page. */
function backTo(req: Request): string | undefined {
  const needId = ObjectIdString.safeParse(req.body.needId);
  return needId.success ? needId.data : undefined;
}

async function refused(ctx: Context, req: Request, res: Response, id: string, errors: FieldErrors) {
  const needId = backTo(req);
  // only what this form sent: the other forms on the page keep their own values (the end date its default)
  const values = Object.fromEntries(
    ['reason', 'comment', 'rating', 'endedOn']
      .filter((k) => typeof req.body[k] === 'string')
      .map((k) => [`match.${id}.${k}`, req.body[k]]),
  );
  const rowed = rowErrors(`match.${id}`, errors);
  if (needId) return renderCoordinatorNeed(ctx, res, needId, { errors: rowed, values });
  return renderMatch(res, id, rowed, values);
}

function succeeded(req: Request, res: Response, id: string, done: string) {
  const needId = backTo(req);
  res.redirect(303, needId ? `/coordinator/needs/${needId}?done=${done}` : `/matches/${id}?done=${done}`);
}

/** Offers and engagements: the coordinators' list, one match's page (employers see theirs), answers by phone. */
export function matchPages(ctx: Context): Router {
  const router = Router();
  router.use('/coordinator/matches', requireRole('coordinator', 'admin'));
  router.use('/matches', requireRole('coordinator', 'admin', 'employer', 'expert'));

  router.get('/coordinator/matches', async (req, res) => {
    const actor = pageActor(res);
    const list = await readListPage('/coordinator/matches', req, pageT(res), ListMatchesQuery, (q) =>
      listMatches(actor, q),
    );
    const { needId, expertId, organisationId } = list.values;
    res.status(list.status).render('coordinator/matches', {
      titleKey: 'matchList.title',
      ...list,
      statuses: MATCH_STATUSES,
      sorts: MATCH_SORTS,
      sort: list.values.sort ?? '-updatedAt',
      narrowed: Boolean(needId || expertId || organisationId),
      withoutNarrowing: listUrl('/coordinator/matches', {
        ...(list.values.status ? { status: list.values.status } : {}),
        ...(list.values.sort ? { sort: list.values.sort } : {}),
      }),
    });
  });

  router.get('/matches/:id', async (req, res) => {
    await renderMatch(res, IdParams.parse(req.params).id);
  });

  router.post('/coordinator/matches/:id/answer', async (req, res) => {
    const { id } = IdParams.parse(req.params);
    const input = {
      answer: text(req.body, 'answer'),
      channel: text(req.body, 'channel'),
      reason: text(req.body, 'reason'),
    };
    const done = await submitForm(AnswerBody, input, pageT(res), (valid) =>
      recordAnswer(ctx, pageActor(res), id, valid),
    );
    if (!done.ok) return refused(ctx, req, res, id, done.errors);
    succeeded(req, res, id, input.answer === 'accept' ? 'answerAccepted' : 'answerDeclined');
  });

  router.post('/coordinator/matches/:id/cancel', async (req, res) => {
    const { id } = IdParams.parse(req.params);
    const done = await submitForm(CancelBody, { reason: req.body.reason ?? '' }, pageT(res), (valid) =>
      cancelMatch(ctx, pageActor(res), id, valid.reason),
    );
    if (!done.ok) return refused(ctx, req, res, id, done.errors);
    succeeded(req, res, id, 'matchCancelled');
  });

  router.post('/matches/:id/complete', async (req, res) => {
    const { id } = IdParams.parse(req.params);
    if (pageActor(res).role === 'expert') throw new NotFoundError('Match');
    const input = {
      rating: num(req.body, 'rating'),
      comment: text(req.body, 'comment'),
      endedOn: text(req.body, 'endedOn'),
    };
    const done = await submitForm(CompleteBody, input, pageT(res), (valid) =>
      completeMatch(pageActor(res), id, valid),
    );
    if (!done.ok) return refused(ctx, req, res, id, done.errors);
    succeeded(req, res, id, 'matchCompleted');
  });

  return router;
}
