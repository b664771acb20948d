import { type Response, Router } from 'express';
import { z } from 'zod';
import type { Context } from '../../context';
import type { Actor } from '../../lib/actor';
import { NotFoundError } from '../../lib/errors';
import { type FieldErrors, submitForm, text } from '../../lib/http/page-forms';
import type { PageLanguage } from '../../lib/http/page-i18n';
import { pageActor, pageT, requireRole } from '../../lib/http/pages';
import { IdParams, ObjectIdString } from '../../lib/schemas';
import { findExpertsNamed } from '../experts/expert-records.service';
import { rowErrors } from '../home/coordinator-dashboard.pages';
import { listMatches } from '../matches/match-queries.service';
import { HOLDING_STATUSES, OPEN_STATUSES } from '../matches/match-transitions';
import { confirmCandidate, rejectCandidate } from '../matches/match-workflow.service';
import { RejectBody } from '../matches/matches.schemas';
import { MATCHABLE_STATUSES } from '../needs/matchable.service';
import { editedNotice } from '../needs/need.pages';
import { EDITABLE_STATUSES, getNeed, loadVisibleNeed } from '../needs/need.service';
import { needHistoryInWords } from '../needs/need-history-view';
import { organisationSummary } from '../organisations/organisation.service';
import { candidateListView } from './candidate-list.service';
import { candidatePager, candidateRows, factorRows, nearMissRows } from './candidate-page-view';
import { enqueueRank } from './ranking.jobs';
import { CANDIDATE_PAGE_SIZE } from './ranking.schemas';
import { explainCandidate } from './ranking.service';

/** Candidates shown in full (with every factor's bar) on the first page; the rest are a compact table. */
const FULL_CANDIDATES = 10;

/** The page of the candidate list asked for; only the page's own links write it, so a bad one means the first. */
const PageNumber = z.coerce.number().int().min(1).max(1000).catch(1);

async function whyNot(
  ctx: Context,
  actor: Actor,
  needId: string,
  query: string | undefined,
  t: (k: string) => string,
) {
  if (!query) return { errors: undefined, result: undefined };
  const found = await findExpertsNamed(query);
  if (found.length === 0) return { errors: { expert: t('whyNot.noSuchExpert') }, result: undefined };
  if (found.length > 1) return { errors: undefined, result: { choices: found } };
  const [expert] = found;
  try {
    return {
      errors: undefined,
      result: { expert, explanation: await explainCandidate(ctx, actor, needId, expert.id) },
    };
  } catch (err) {
    if (err instanceof NotFoundError) return { errors: { expert: t('whyNot.notInPool') }, result: undefined };
    throw err;
  }
}

/** The coordinator's need page; errors of one of its forms are shown beside that form's fields. */
export async function renderCoordinatorNeed(
  ctx: Context,
  res: Response,
  needId: string,
  options: {
    errors?: FieldErrors;
    values?: Record<string, unknown>;
    whyNotQuery?: string;
    /** The page of the candidate list (20 a page); the first unless asked. */
    page?: number;
  } = {},
) {
  const actor = pageActor(res);
  const lang = res.locals.lang as PageLanguage;
  const t = pageT(res);
  const [need, record, view, matches] = await Promise.all([
    getNeed(actor, needId),
    loadVisibleNeed(actor, needId),
    candidateListView(ctx, actor, needId),
    listMatches(actor, { needId, page: 1, pageSize: 100 }),
  ]);
  const organisation = await organisationSummary(record.organisationId);
  const matchOf = new Map(matches.items.map((m) => [m.expert.id, { id: m.id, status: m.status }]));
  const listed = view?.candidates ?? [];
  const pager = candidatePager(
    `/coordinator/needs/${needId}`,
    listed.length,
    options.page ?? 1,
    CANDIDATE_PAGE_SIZE,
  );
  // Only the page shown is shaped (factor bars, reasons in the reader's language).
  const shown = candidateRows(
    view && { ...view, candidates: listed.slice(pager.from, pager.from + CANDIDATE_PAGE_SIZE) },
    matchOf,
    lang,
  );
  // Re-routing proposes only listed candidates (each meets every requirement) not yet tried: say when none is left.
  const held = matches.items.filter((m) => HOLDING_STATUSES.includes(m.status)).length;
  const placesOpen = need.expertsWanted - need.filledCount - held > 0;
  const noneLeft =
    Boolean(view) &&
    placesOpen &&
    MATCHABLE_STATUSES.includes(need.status) &&
    listed.every((c) => matchOf.has(c.expertId));
  const why = await whyNot(ctx, actor, needId, options.whyNotQuery, t);
  const explanation = why.result && 'explanation' in why.result ? why.result.explanation : undefined;
  const errors = { ...why.errors, ...options.errors };
  const full = pager.page === 1 ? FULL_CANDIDATES : 0;
  res.status(options.errors ? 400 : why.errors ? 404 : 200).render('coordinator/need', {
    titleKey: 'coordNeed.title',
    need,
    editable: EDITABLE_STATUSES.includes(need.status),
    history: needHistoryInWords('changes' in need ? (need.changes ?? []) : [], t, lang),
    organisation,
    snapshot: view,
    topCandidates: shown.slice(0, full),
    moreCandidates: shown.slice(full),
    candidateTotal: listed.length,
    candidatePager: pager,
    nearMisses: nearMissRows(view, lang),
    noneLeft: noneLeft && listed.length > 0,
    matches: matches.items.map((m) => ({
      ...m,
      canAnswer: m.status === 'offered',
      canCancel: OPEN_STATUSES.includes(m.status),
    })),
    whyNot: why.result && {
      ...why.result,
      factors: explanation && !explanation.excluded ? factorRows(explanation.contributions, lang) : undefined,
      reasons: explanation?.excluded ? explanation.reasons.map((r) => r.reason[lang]) : undefined,
      notes: explanation && !explanation.excluded ? explanation.notes.map((n) => n.reason[lang]) : undefined,
      score: explanation && !explanation.excluded ? Math.round(explanation.score * 10) / 10 : undefined,
    },
    errors: Object.keys(errors).length ? errors : undefined,
    values: { expert: options.whyNotQuery ?? '', ...options.values },
  });
}

/** Coordinators pick candidates for a need: ranked and explained, "why not", confirm or reject. */
export function coordinatorNeedPages(ctx: Context): Router {
  const router = Router();
  router.use('/coordinator/needs', requireRole('coordinator', 'admin'));

  router.get('/coordinator/needs/:id', async (req, res) => {
    const { id } = IdParams.parse(req.params);
    editedNotice(req, res);
    await renderCoordinatorNeed(ctx, res, id, {
      whyNotQuery: text(req.query, 'expert'),
      page: PageNumber.parse(req.query.page),
    });
  });

  router.post('/coordinator/needs/:id/confirm', async (req, res) => {
    const actor = pageActor(res);
    const { id } = IdParams.parse(req.params);
    const expertId = ObjectIdString.parse(req.body.expertId);
    const done = await submitForm(z.object({}), {}, pageT(res), async () => {
      return confirmCandidate(ctx, actor, id, expertId);
    });
    if (!done.ok)
      return renderCoordinatorNeed(ctx, res, id, { errors: rowErrors(`cand.${expertId}`, done.errors) });
    res.redirect(
      303,
      `/coordinator/needs/${id}?done=${done.result.status === 'offered' ? 'offerSent' : 'awaitingEmployer'}`,
    );
  });

  router.post('/coordinator/needs/:id/reject', async (req, res) => {
    const actor = pageActor(res);
    const { id } = IdParams.parse(req.params);
    const expertId = ObjectIdString.parse(req.body.expertId);
    const input = { reason: typeof req.body.reason === 'string' ? req.body.reason : '' };
    const done = await submitForm(RejectBody, input, pageT(res), async (valid) => {
      return rejectCandidate(ctx, actor, id, expertId, valid.reason);
    });
    if (!done.ok) {
      return renderCoordinatorNeed(ctx, res, id, {
        errors: rowErrors(`cand.${expertId}`, done.errors),
        values: { [`cand.${expertId}.reason`]: input.reason },
      });
    }
    res.redirect(303, `/coordinator/needs/${id}?done=candidateRejected`);
  });

  router.post('/coordinator/needs/:id/rank', async (req, res) => {
    const { id } = IdParams.parse(req.params);
    await loadVisibleNeed(pageActor(res), id);
    const queued = await enqueueRank(ctx, id, 'coordinator');
    res.redirect(303, `/coordinator/needs/${id}?done=${queued ? 'rankQueued' : 'rankNotQueued'}`);
  });

  return router;
}
