import type { Context } from '../../context';
import type { Actor } from '../../lib/actor';
import { NotFoundError } from '../../lib/errors';
import { getExpertRecord } from '../experts/expert-records.service';
import type { PublicNeedView } from '../needs/need.schemas';
import { getNeed } from '../needs/need.service';
import type { NeedRecord } from '../needs/need-records.service';
import { toPublicNeedView } from '../needs/need-view';
import { getOrganisationRecords } from '../organisations/organisation-records.service';
import { explainNeedFits, recommendNeeds } from './engine';
import { needIdsOfInterests } from './interest-records.service';
import type { RecommendedNeedsPage, RecommendedNeedsQuery } from './recommended-needs.schemas';

/** Whether a stored need passes the expert's own filters (field, county, mode, period). */
function filterOf(query: RecommendedNeedsQuery): (need: NeedRecord | undefined) => boolean {
  return (need) =>
    need !== undefined &&
    (query.field === undefined || (need.skillScopes ?? []).includes(query.field)) &&
    (query.county === undefined || need.county === query.county) &&
    (query.mode === undefined || need.mode === query.mode) &&
    (query.from === undefined || (need.period?.to ?? '') >= query.from) &&
    (query.to === undefined || (need.period?.from ?? '') <= query.to);
}

/** The signed-in expert's profile as the engine sees it: paused, or not placed (no county) yet. */
async function expertState(ctx: Context, actor: Actor) {
  if (!actor.expertId) throw new NotFoundError('Expert');
  const expertId = actor.expertId;
  const expert = await getExpertRecord(expertId);
  if (!expert || expert.status === 'deleted') throw new NotFoundError('Expert');
  const [store, { board, records }] = await Promise.all([ctx.experts.current(), ctx.needBoard.current()]);
  const paused = Boolean(expert.availability?.paused) || expert.status === 'paused';
  // an expert the engine cannot place (no county yet) meets no need
  const placed = store.side.slotOf(expertId) !== undefined;
  return { expertId, store, board, records, paused, placed };
}

/**
 * "Needs for me": the open needs whose every requirement the signed-in expert meets, best score first,
 * each explained factor by factor as the coordinator sees it. Needs during whose period the expert's
 * places are all taken are listed too, marked atLimit; a paused expert is recommended none.
 */
export async function recommendedNeeds(
  ctx: Context,
  actor: Actor,
  query: RecommendedNeedsQuery,
): Promise<RecommendedNeedsPage> {
  const { expertId, store, board, records, paused, placed } = await expertState(ctx, actor);
  const { page, pageSize } = query;
  const empty = { engineVersion: store.ctx.config.version, items: [], page, pageSize, total: 0 };
  if (paused || !placed) return { ...empty, paused };
  const wanted = filterOf(query);
  const fits = recommendNeeds(board, store, expertId, {
    includeAtCapacity: true,
    accept: (id) => wanted(records.get(id)),
  });
  const shown = fits.slice((page - 1) * pageSize, page * pageSize);
  const explained = explainNeedFits(
    board,
    store,
    expertId,
    shown.map((f) => f.needId),
  );
  const needs = shown.map((f) => records.get(f.needId) as NeedRecord);
  const [orgRecords, interestedIn] = await Promise.all([
    getOrganisationRecords(needs.map((n) => n.organisationId)),
    needIdsOfInterests(expertId),
  ]);
  const orgs = new Map(orgRecords.map((o) => [String(o._id), o]));
  const items = shown.flatMap((fit, k) => {
    const org = orgs.get(String(needs[k].organisationId));
    if (!org) return [];
    const { contributions, notes } = explained[k];
    return [
      {
        need: toPublicNeedView(needs[k], org),
        score: fit.score,
        atLimit: fit.atCapacity,
        interested: interestedIn.has(fit.needId),
        contributions,
        notes,
      },
    ];
  });
  return { ...empty, paused: false, items, total: fits.length };
}

/**
 * One need of the board as the expert sees it, with why it suits them when they meet it (fit: null when
 * they do not, or have paused). Needs not on the board are 404, as on GET /needs/:id.
 */
export async function recommendedNeed(ctx: Context, actor: Actor, needId: string) {
  const need = (await getNeed(actor, needId)) as PublicNeedView;
  const { expertId, store, board, paused, placed } = await expertState(ctx, actor);
  const fit =
    paused || !placed
      ? undefined
      : recommendNeeds(board, store, expertId, { includeAtCapacity: true, accept: (id) => id === needId })[0];
  if (!fit) return { need, fit: null };
  const [explained] = explainNeedFits(board, store, expertId, [needId]);
  return { need, fit: { ...explained, atLimit: fit.atCapacity } };
}
