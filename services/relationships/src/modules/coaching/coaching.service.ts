import {
  FieldErrors,
  loadAll,
  refuse,
  rowsLoader,
  type Database,
  type EventBus,
  type SubgraphContext,
} from '@tandem/subgraph-kit';
import { utcDate, type Clock } from '../shared/dates';
import type { AgreementRepository } from '../agreements/agreement.repository';
import { STAFF } from '../relationships/relationship.access';
import { refOf } from '../relationships/relationship.events';
import type { AtRiskFlagRow, RelationshipRepository } from '../relationships/relationship.repository';
import { noMeetings, type MeetingTotalsRepository } from '../relationships/relationship-totals.repository';
import type { RelationshipService } from '../relationships/relationship.service';
import type { Relationship } from '../relationships/relationship.type';
import { atRiskFlags } from './at-risk';
import type { CheckInRepository, CheckInRow } from './check-in.repository';
import { toCheckIn, toCheckInDue, type CheckIn, type CheckInDue, type CheckInInput } from './check-in.type';
import { checkInDue } from './check-in-due';

export interface ScanResult {
  scanned: number;
  changed: number;
}

/** Coach support: check-ins recorded by the organisation's coach (or admins), and the daily at-risk scan. */
export class CoachingService {
  constructor(
    private readonly repo: CheckInRepository,
    private readonly relationshipRepo: RelationshipRepository,
    private readonly totalsRepo: MeetingTotalsRepository,
    private readonly relationships: RelationshipService,
    private readonly agreements: AgreementRepository,
    private readonly db: Database,
    private readonly events: EventBus,
    private readonly clock: Clock,
  ) {}

  /** Null for the partners and anyone but staff of the relationship. */
  async checkIns(ctx: SubgraphContext, r: Relationship): Promise<CheckIn[] | null> {
    if (!r.viewer || !STAFF.includes(r.viewer)) return null;
    return (await this.checkInRows(ctx, [r.id]))[0].map(toCheckIn);
  }

  /** The check-in the coach owes the pair, if one is due; null when none is, and for anyone but staff. */
  async due(ctx: SubgraphContext, r: Relationship): Promise<CheckInDue | null> {
    if (!r.viewer || !STAFF.includes(r.viewer)) return null;
    const [[latest]] = await this.checkInRows(ctx, [r.id]);
    const figures = checkInDue(r.row, latest ?? null, utcDate(this.clock()));
    return figures && toCheckInDue(figures);
  }

  /** The check-ins of relationships, newest first, batched per request (callers check access). */
  checkInRows(ctx: SubgraphContext, ids: readonly string[]): Promise<CheckInRow[][]> {
    const loader = rowsLoader(
      ctx,
      'checkIns:byRelationship',
      (c: CheckInRow) => c.relationshipId,
      (keys) => this.repo.forRelationships(keys),
    );
    return loadAll(loader, ids);
  }

  async record(ctx: SubgraphContext, relationshipId: string, input: CheckInInput): Promise<CheckIn> {
    const { principal } = await this.relationships.require(ctx, relationshipId, STAFF);
    const e = new FieldErrors();
    const notes = e.required('input.notes', input.notes, 'Notes');
    if (input.heldOn > utcDate(this.clock()))
      e.add('input.heldOn', 'IN_THE_FUTURE', 'Record a check-in once it has taken place.');
    if (input.followUpOn && input.followUpOn < input.heldOn)
      e.add('input.followUpOn', 'BEFORE_CHECK_IN', 'The follow-up comes after the check-in.');
    e.throwIfAny();
    return this.db.transaction(async (tx) => {
      const rel = await this.relationshipRepo.lock(tx, relationshipId);
      if (!rel) throw refuse('relationshipId', 'NOT_FOUND', 'Not found.');
      return toCheckIn(
        await this.repo.insert(tx, {
          relationshipId,
          coachId: principal.userId,
          heldOn: input.heldOn,
          notes,
          followUp: input.followUp?.trim() || null,
          followUpOn: input.followUpOn ?? null,
        }),
      );
    });
  }

  /**
   * The scheduled at-risk scan as of `now`: recomputes every running relationship's flags, stores them
   * (each keeps the day it was first raised) and publishes RelationshipAtRisk when the set of flags changed.
   */
  async scan(now: Date = this.clock()): Promise<ScanResult> {
    const today = utcDate(now);
    const rels = (await this.relationshipRepo.running()).concat(await this.relationshipRepo.flaggedEnded());
    if (!rels.length) return { scanned: 0, changed: 0 };
    const ids = rels.map((r) => r.id);
    const totals = new Map((await this.totalsRepo.forRelationships(ids)).map((t) => [t.relationshipId, t]));
    const signed = await this.agreements.signedRelationships(ids);
    let changed = 0;
    for (const rel of rels) {
      const found = atRiskFlags(rel, totals.get(rel.id) ?? noMeetings(rel.id), signed.has(rel.id), now, today);
      const previous = new Map(rel.atRiskFlags.map((f) => [f.code, f]));
      const flags: AtRiskFlagRow[] = found.map((f) => ({ ...f, since: previous.get(f.code)?.since ?? today }));
      const codes = (list: Array<{ code: string }>) =>
        list
          .map((f) => f.code)
          .sort()
          .join();
      const codesChanged = codes(flags) !== codes(rel.atRiskFlags);
      if (!codesChanged && JSON.stringify(flags) === JSON.stringify(rel.atRiskFlags)) continue;
      await this.db.transaction(async (tx) => {
        await this.relationshipRepo.setAtRisk(tx, rel.id, flags, flags.length ? now : null);
        if (codesChanged) {
          await this.events.publish(tx, 'RelationshipAtRisk', {
            ...refOf(rel),
            reasons: flags.map((f) => f.code),
            details: flags.map((f) => ({ code: f.code, reason: f.reason })),
            flaggedAt: now.toISOString(),
          });
        }
      });
      if (codesChanged) changed += 1;
    }
    return { scanned: rels.length, changed };
  }
}
