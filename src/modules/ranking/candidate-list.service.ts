import type { Context } from '../../context';
import { type Actor, isStaff } from '../../lib/actor';
import { NotFoundError } from '../../lib/errors';
import { strongEtag } from '../../lib/http/conditional';
import { loadVisibleNeed } from '../needs/need.service';
import { CandidateSnapshot, type CandidateSnapshotRecord } from './candidate-snapshot.model';
import type { SnapshotVersion } from './candidate-snapshot-records.service';
import { interestsOfNeeds } from './interest-records.service';
import type { CandidatesQuery } from './ranking.schemas';
import { type SnapshotView, toCandidatePage, toSnapshotView } from './ranking-view';

/**
 * The coordinators' candidate lists, served from the process's cache (ctx.candidateLists). Each request
 * reads only what tells whether the cached list is still the stored one — the snapshot's id and revision
 * (ctx.candidateSnapshots: a Redis read while no snapshot changed, else one indexed read; an interest
 * shown or withdrawn moves the revision on too, as it orders and marks the list) — and builds the view
 * (names, interests, explanations) only when that version is new to this process.
 */

const notRanked = () => new NotFoundError('Candidate list', 'This need has not been ranked yet.');

/** The list's version: the stored snapshot as last written. */
const versionOf = (snapshot: SnapshotVersion): string =>
  `${snapshot._id}.${snapshot.revision ?? 0}.${snapshot.updatedAt?.getTime() ?? 0}`;

/** What the viewer's role lets them see of a list: every staff member sees the same. */
const shapeOf = (actor: Actor) => (isStaff(actor) ? 'staff' : actor.role);

interface CurrentList {
  version: string;
  get(): Promise<{ view: SnapshotView; page(key: string, render: (view: SnapshotView) => string): string }>;
}

/**
 * The need's list as stored now, its view built (or taken from the cache) when asked; null when the need
 * was never ranked (a 404 when the actor may not see the need).
 */
async function currentList(ctx: Context, actor: Actor, id: string): Promise<CurrentList | null> {
  const needId = id.toLowerCase(); // as stored ids print: the interests are found by it, the cache keyed
  // Staff see every need, and a snapshot exists only for a need: for them the need itself is not read.
  if (!isStaff(actor)) await loadVisibleNeed(actor, needId);
  const snapshot = await ctx.candidateSnapshots.get(needId);
  if (!snapshot) {
    await loadVisibleNeed(actor, needId); // a 404 of the need itself when it does not exist
    return null;
  }
  const version = versionOf(snapshot);
  // Interests are read after the version: one shown meanwhile is in this view or moves the version on.
  const build = async () => {
    const [stored, interestsByNeed] = await Promise.all([
      CandidateSnapshot.findById(snapshot._id).lean<CandidateSnapshotRecord>(),
      interestsOfNeeds([needId]),
    ]);
    if (!stored) throw notRanked();
    return toSnapshotView(stored, interestsByNeed.get(needId) ?? []);
  };
  return {
    version,
    get: () => ctx.candidateLists.view(needId, version, build, (view) => JSON.stringify(view).length),
  };
}

/** A strong entity tag of one page of a list as this viewer sees it. */
function etagOf(needId: string, version: string, shape: string, query: CandidatesQuery): string {
  return strongEtag(`${needId}|${version}|${shape}|${query.page}|${query.pageSize}`);
}

/**
 * One page of the need's candidate list for the API: its ETag at once, and its JSON only when asked
 * (a request whose If-None-Match names the ETag needs none).
 */
export async function candidateListPage(
  ctx: Context,
  actor: Actor,
  needId: string,
  query: CandidatesQuery,
): Promise<{ etag: string; json(): Promise<string> }> {
  const list = await currentList(ctx, actor, needId);
  if (!list) throw notRanked();
  const shape = shapeOf(actor);
  return {
    etag: etagOf(needId, list.version, shape, query),
    json: async () =>
      (await list.get()).page(`${shape}:${query.page}:${query.pageSize}`, (view) =>
        JSON.stringify(toCandidatePage(view, list.version, query.page, query.pageSize)),
      ),
  };
}

/** The need's whole candidate list (the coordinator's page), or null when it was never ranked. */
export async function candidateListView(
  ctx: Context,
  actor: Actor,
  needId: string,
): Promise<SnapshotView | null> {
  const list = await currentList(ctx, actor, needId);
  return list ? (await list.get()).view : null;
}
