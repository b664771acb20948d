import { Expert, type ExpertRecord } from '../experts/expert.model';
import { Match, type MatchRecord } from '../matches/match.model';
import { loadNeedPeriods } from '../needs/need-periods';
import { travelMinutesWithOverrides, travelOverridesVersion } from '../regions/travel-overrides.service';
import { createExpertStore, type ExpertStore } from './engine';
import { engineStoreOptions, PLACE_HOLDING, toEngineExpert } from './engine-mapping';

/** Changes committed this long before a sync's start are re-read, so a slow writer is never missed. */
const SAFETY_MARGIN_MS = 5_000;
const PAGE = 2_000;

/**
 * The worker process's ranking store, built once from MongoDB and then kept current one expert at a
 * time: each sync re-reads only the experts whose `updatedAt` moved (the match workflow touches an
 * expert whenever one of their matches changes), so a profile edit never forces a full rebuild.
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
      this.store = createExpertStore({ ...options, travelMinutes: await travelMinutesWithOverrides(codes) });
      this.travelVersion = travelVersion;
    }
    const store = this.store;
    let afterId: unknown;
    for (;;) {
      const filter: Record<string, unknown> = { updatedAt: { $gte: since } };
      if (afterId) filter._id = { $gt: afterId };
      const experts = await Expert.find(filter).sort({ _id: 1 }).limit(PAGE).lean<ExpertRecord[]>();
      if (experts.length === 0) break;
      await this.apply(store, experts);
      afterId = experts[experts.length - 1]._id;
      if (experts.length < PAGE) break;
    }
    this.watermark = startedAt;
    return store;
  }

  private async apply(store: ExpertStore, experts: ExpertRecord[]): Promise<void> {
    const matches = await Match.find({ expertId: { $in: experts.map((e) => e._id) } })
      .select('expertId needId organisationId status rating')
      .lean<MatchRecord[]>();
    const byExpert = new Map<string, MatchRecord[]>();
    for (const m of matches) {
      const key = String(m.expertId);
      const list = byExpert.get(key);
      if (list) list.push(m);
      else byExpert.set(key, [m]);
    }
    const periods = await loadNeedPeriods([
      ...new Set(matches.filter((m) => PLACE_HOLDING.has(m.status)).map((m) => String(m.needId))),
    ]);
    for (const e of experts) {
      const mapped = toEngineExpert(e, byExpert.get(String(e._id)) ?? [], periods);
      if (mapped) store.upsert(mapped);
      else store.remove(String(e._id));
    }
  }
}

/** One cache per process. */
export const expertStoreCache = new ExpertStoreCache();
