import { MATCHABLE_STATUSES, verifiedOrganisationIds } from '../needs/matchable.service';
import { type NeedRecord, needsChangedSince } from '../needs/need-records.service';
import { createNeedBoard, type EngineNeed, type NeedBoard } from './engine';
import { engineRegions, engineTaxonomy, toEngineNeed } from './engine-mapping';
import { interestsOfNeeds, interestsVersion } from './interest-records.service';

/** Changes committed this long before a sync's start are re-read, so a slow writer is never missed. */
const SAFETY_MARGIN_MS = 5_000;
const PAGE = 2_000;

export interface NeedBoardState {
  board: NeedBoard;
  /** The stored need behind each board entry, by id (what the experts' views and filters read). */
  records: ReadonlyMap<string, NeedRecord>;
}

/**
 * The open needs as the reverse ranking reads them ("needs for me"), built once from MongoDB and kept
 * current like the expert store (ExpertStoreCache): each sync re-reads only the needs whose `updatedAt`
 * moved — every status change and edit touches it — and the list of verified organisations, whose
 * needs alone are listed (an organisation sent back to pending holds its needs back without touching them).
 * Each need carries the experts interested in it, as the coordinators' ranking reads them (withInterests):
 * a changed need brings its own, and when any interest was shown or withdrawn all are read again.
 */
export class NeedBoardCache {
  private board: NeedBoard | undefined;
  private readonly records = new Map<string, NeedRecord>();
  private verified = new Set<string>();
  private watermark = new Date(0);
  /** The interests the board carries (interestsVersion()). */
  private interestsSeen = '';
  private syncing: Promise<NeedBoardState> | undefined;

  /** The board, brought up to date with MongoDB. Concurrent callers share one sync. */
  async current(): Promise<NeedBoardState> {
    this.syncing ??= this.sync().finally(() => {
      this.syncing = undefined;
    });
    return this.syncing;
  }

  /** Forgets everything (tests, or after restoring a database). */
  reset(): void {
    this.board = undefined;
    this.records.clear();
    this.verified = new Set();
    this.watermark = new Date(0);
    this.interestsSeen = '';
  }

  private async sync(): Promise<NeedBoardState> {
    const startedAt = new Date();
    const since = new Date(this.watermark.getTime() - SAFETY_MARGIN_MS);
    this.board ??= createNeedBoard({ regions: engineRegions(), taxonomy: engineTaxonomy() });
    const board = this.board;
    // read before the needs and interests: a change after this read is found by the next sync
    const seen = await interestsVersion();
    const interestsChanged = seen !== this.interestsSeen;
    const verified = new Set((await verifiedOrganisationIds()).map(String));
    const verifiedChanged =
      verified.size !== this.verified.size || [...verified].some((id) => !this.verified.has(id));
    this.verified = verified;
    let afterId: unknown;
    for (;;) {
      const needs = await needsChangedSince(since, afterId, PAGE);
      // when interests changed, every need's are read below: the changed needs' alone would be read twice
      const interests = interestsChanged ? new Map() : await interestsOfNeeds(needs.map((n) => n._id));
      for (const n of needs) this.apply(board, n, interests);
      if (needs.length < PAGE) break;
      afterId = needs[needs.length - 1]._id;
    }
    if (interestsChanged) await this.refreshInterests(board);
    if (verifiedChanged) {
      for (const [id, n] of this.records) board.setListed(id, verified.has(String(n.organisationId)));
    }
    this.watermark = startedAt;
    this.interestsSeen = seen;
    return { board, records: this.records };
  }

  private apply(board: NeedBoard, n: NeedRecord, interests: Interests): void {
    const id = String(n._id);
    if (MATCHABLE_STATUSES.includes(n.status) && n.period) {
      try {
        board.upsert(this.engineNeed(n, interests), this.verified.has(String(n.organisationId)));
        this.records.set(id, n);
        return;
      } catch {
        // a code or county the engine does not know: the coordinators' ranking refuses it too
      }
    }
    board.remove(id);
    this.records.delete(id);
  }

  /** Reads the interests in every need on the board again; puts back the needs whose interested experts changed. */
  private async refreshInterests(board: NeedBoard): Promise<void> {
    const interests = await interestsOfNeeds([...this.records.values()].map((n) => n._id));
    for (const [id, n] of this.records) {
      const slot = board.slotOf(id);
      const was = slot === undefined ? undefined : board.needs[slot]?.interested;
      const now = interests.get(id) ?? [];
      if ((was ?? []).join() === now.map((i) => String(i.expertId)).join()) continue;
      board.upsert(this.engineNeed(n, interests), this.verified.has(String(n.organisationId)));
    }
  }

  /** The engine's view of a need with its interested experts, as withInterests (ranking.service.ts) builds it. */
  private engineNeed(n: NeedRecord, interests: Interests): EngineNeed {
    const interested = (interests.get(String(n._id)) ?? []).map((i) => String(i.expertId));
    return { ...toEngineNeed(n), ...(interested.length > 0 ? { interested } : {}) };
  }
}

type Interests = Awaited<ReturnType<typeof interestsOfNeeds>>;
