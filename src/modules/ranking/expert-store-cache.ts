import { setImmediate as nextTurn } from 'node:timers/promises';
import {
  type ExpertBatch,
  type ExpertRecord,
  estimatedExpertCount,
  expertBatchesChangedSince,
} from '../experts/expert-records.service';
import { matchFactsOfExperts } from '../matches/match-queries.service';
import { loadNeedPeriods } from '../needs/need-records.service';
import { travelMinutesWithOverrides, travelOverridesVersion } from '../regions/travel-overrides.service';
import { createExpertStore, type ExpertStore } from './engine';
import { engineStoreOptions, PLACE_HOLDING, toEngineExpert } from './engine-mapping';

/** Changes committed this long before a sync's start are re-read, so a slow writer is never missed. */
const SAFETY_MARGIN_MS = 5_000;
/** Experts a batch: one query for their matches each. */
const BATCH = 2_000;

/** What toEngineExpert reads of a profile: the store's build reads nothing else (names, contacts, notes). */
const ENGINE_FIELDS = [
  '_id',
  'status',
  'residenceCounty',
  'homeCounty',
  'fields',
  'skills',
  'tradeName',
  'tags',
  'title',
  'skillLevel',
  'honours',
  'yearsOfExperience',
  'modes',
  'preferredModes',
  'availability',
  'travel',
] as const satisfies readonly (keyof ExpertRecord)[];

/**
 * The worker process's ranking store, built once from MongoDB and then kept current one expert at a
 * time: each sync re-reads only the experts whose `updatedAt` moved (the match workflow touches an
 * expert whenever one of their matches changes), so a profile edit never forces a full rebuild. The
 * experts come through one cursor with a projection, and the next batch is on its way while this one is
 * decoded: a cold build of 100k experts takes seconds, not the half minute that paged queries took.
 */
export class ExpertStoreCache {
  private store: ExpertStore | undefined;
  private watermark = new Date(0);
  /** The coordinators' travel corrections the store was built with. */
  private travelVersion = '';
  private syncing: Promise<ExpertStore> | undefined;

  /** The store, brought up to date with MongoDB. Concurrent callers share one sync. */
  async current(): Promise<ExpertStore> {
    this.syncing ??= this.sync().finally(() => {
      this.syncing = undefined;
    });
    return this.syncing;
  }

  /** Drops one expert now (their data was deleted); the next sync finds them gone for good. */
  forget(expertId: string): void {
    this.store?.remove(expertId);
  }

  /** Forgets everything (tests, or after restoring a database). */
  reset(): void {
    this.store = undefined;
    this.watermark = new Date(0);
  }

  private async sync(): Promise<ExpertStore> {
    const startedAt = new Date();
    const travelVersion = await travelOverridesVersion();
    // a corrected travel time changes the matrix every expert is filtered by: rebuild (rare)
    if (travelVersion !== this.travelVersion) this.reset();
    const since = new Date(this.watermark.getTime() - SAFETY_MARGIN_MS);
    if (!this.store) {
      const options = engineStoreOptions();
      const codes = options.regions.map((r) => r.code);
      this.store = createExpertStore({
        ...options,
        travelMinutes: await travelMinutesWithOverrides(codes),
        // sized for everyone at once: no regrowth while it fills, no slots beyond the count held idle
        initialCapacity: await estimatedExpertCount(),
      });
      this.travelVersion = travelVersion;
    }
    const store = this.store;
    const batches = expertBatchesChangedSince(since, ENGINE_FIELDS, BATCH);
    try {
      let next = batches.next();
      for (;;) {
        const batch = await next;
        if (batch.done) break;
        // this batch's history first, then the next batch asked for — and sent, before the decoding holds
        // this process: the server prepares that one while this one is decoded, instead of answering the
        // history only after it or the request only after the decoding (one server, one thread)
        const history = await historyOfBatch(batch.value);
        next = batches.next();
        next.catch(() => undefined); // its failure is thrown where it is awaited, not reported twice
        await sendQueued();
        apply(store, batch.value, history);
      }
    } catch (err) {
      // the watermark stays: the next sync reads these experts again (an upsert can be repeated)
      await batches.return(undefined).catch(() => undefined);
      throw err;
    }
    this.watermark = startedAt;
    return store;
  }
}

/**
 * One turn of the event loop. The driver hands a request to the socket only after a few promise and
 * nextTick steps, which a long synchronous stretch (decoding a batch) holds back: without this turn the
 * server saw each request only once the batch before it was decoded (a cold build of 100k experts spent
 * ~2 s of its ~5 s waiting).
 */
const sendQueued = () => nextTurn();

interface BatchHistory {
  byExpert: Map<string, MatchFacts[]>;
  periods: Map<string, { from: string; to: string }>;
}

type MatchFacts = Parameters<typeof toEngineExpert>[1][number];

async function historyOfBatch(batch: ExpertBatch): Promise<BatchHistory> {
  const byExpert = await matchFactsOfExperts(batch.ids);
  const matches = [...byExpert.values()].flat();
  const periods = await loadNeedPeriods([
    ...new Set(matches.filter((m) => PLACE_HOLDING.has(m.status)).map((m) => String(m.needId))),
  ]);
  return { byExpert, periods };
}

function apply(store: ExpertStore, batch: ExpertBatch, { byExpert, periods }: BatchHistory): void {
  // one record decoded, mapped and stored at a time: its temporaries die young
  for (const e of batch.records()) {
    const mapped = toEngineExpert(e, byExpert.get(String(e._id)) ?? [], periods);
    if (mapped) store.upsert(mapped);
    else store.remove(String(e._id));
  }
}
