import { DEFAULT_PROGRAMME_NUDGES } from '@tandem/contracts';
import {
  FieldErrors,
  loadAll,
  refuse,
  rowLoader,
  rowsLoader,
  type Database,
  type EventBus,
  type SubgraphContext,
  type Tx,
} from '@tandem/subgraph-kit';
import { utcDate, type Clock } from '../shared/dates';
import type { AgreementRepository } from '../agreements/agreement.repository';
import { STAFF } from '../relationships/relationship.access';
import { refOf } from '../relationships/relationship.events';
import type { AtRiskFlagRow, RelationshipRepository, RelationshipRow } from '../relationships/relationship.repository';
import { noMeetings, type MeetingTotalsRepository } from '../relationships/relationship-totals.repository';
import type { RelationshipService } from '../relationships/relationship.service';
import type { Relationship } from '../relationships/relationship.type';
import { atRiskFlags, NO_PULSE, type PulseSignals } from './at-risk';
import type { CheckInRepository, CheckInRow } from './check-in.repository';
import type { PulseRepository } from './pulse.repository';
import { toCheckIn, toCheckInDue, type CheckIn, type CheckInDue, type CheckInInput } from './check-in.type';
import { checkInDue } from './check-in-due';
import type { NudgeRepository, ProgrammeNudgesRow } from '../nudges/nudge.repository';

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
    private readonly pulses: PulseRepository,
    private readonly nudges: NudgeRepository,
  ) {}

  /** Null for the partners and anyone but staff of the relationship. */
  async checkIns(ctx: SubgraphContext, r: Relationship): Promise<CheckIn[] | null> {
    if (!r.viewer || !STAFF.includes(r.viewer)) return null;
    return (await this.checkInRows(ctx, [r.id]))[0].map(toCheckIn);
  }

  /** The check-in the coach owes the pair, if one is due; null when none is, and for anyone but staff. */
  async due(ctx: SubgraphContext, r: Relationship): Promise<CheckInDue | null> {
    if (!r.viewer || !STAFF.includes(r.viewer)) return null;
    const [[[latest]], [everyDays]] = await Promise.all([
      this.checkInRows(ctx, [r.id]),
      this.checkInIntervals(ctx, [r.row]),
    ]);
    const figures = checkInDue(r.row, latest ?? null, utcDate(this.clock()), everyDays);
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

  /** Each relationship's check-in interval from its programme's nudges (the default without one), batched per request. */
  async checkInIntervals(
    ctx: SubgraphContext,
    rels: readonly Pick<RelationshipRow, 'programmeId'>[],
  ): Promise<number[]> {
    const loader = rowLoader(
      ctx,
      'programmeNudges:byId',
      (p: ProgrammeNudgesRow) => p.id,
      (keys) => this.nudges.programmeNudgeRows(keys),
    );
    const ids = [...new Set(rels.flatMap((r) => (r.programmeId ? [r.programmeId] : [])))];
    const found = new Map((await loadAll(loader, ids)).flatMap((p) => (p ? [[p.id, p.nudges] as const] : [])));
    return rels.map(
      (r) => (r.programmeId && found.get(r.programmeId)?.checkInEveryDays) || DEFAULT_PROGRAMME_NUDGES.checkInEveryDays,
    );
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
      const row = await this.repo.insert(tx, {
        relationshipId,
        coachId: principal.userId,
        heldOn: input.heldOn,
        notes,
        followUp: input.followUp?.trim() || null,
        followUpOn: input.followUpOn ?? null,
      });
      // the check-in owed is settled: the coaches' waiting nudge leaves their digests, and their caseloads refresh
      await this.events.publish(tx, 'CheckInRecorded', {
        ...refOf(rel),
        checkInId: row.id,
        coachId: row.coachId,
        heldOn: row.heldOn,
        followUpOn: row.followUpOn,
        recordedAt: row.createdAt.toISOString(),
      });
      return toCheckIn(row);
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
    const pulses = await this.pulseSignals(ids, this.db);
    let changed = 0;
    for (const rel of rels) {
      const found = atRiskFlags(
        rel,
        totals.get(rel.id) ?? noMeetings(rel.id),
        signed.has(rel.id),
        now,
        today,
        pulses.get(rel.id) ?? NO_PULSE,
      );
      if (!this.differs(rel, found, today)) continue;
      if (await this.db.transaction((tx) => this.store(tx, rel, found, now, today))) changed += 1;
    }
    return { scanned: rels.length, changed };
  }

  /**
   * Recomputes one relationship's flags inside the caller's transaction (after `rel` was locked and what changed
   * was written), as the scan would: used when a pulse answer arrives, so the coach hears of it at once.
   */
  async reevaluate(tx: Tx, rel: RelationshipRow, now: Date = this.clock()): Promise<void> {
    const today = utcDate(now);
    const [totals] = await this.totalsRepo.forRelationships([rel.id], tx);
    const signed = await this.agreements.signedRelationships([rel.id]);
    const pulses = await this.pulseSignals([rel.id], tx);
    const found = atRiskFlags(
      rel,
      totals ?? noMeetings(rel.id),
      signed.has(rel.id),
      now,
      today,
      pulses.get(rel.id) ?? NO_PULSE,
    );
    if (this.differs(rel, found, today)) await this.store(tx, rel, found, now, today);
  }

  private async pulseSignals(ids: readonly string[], on: Tx | Database): Promise<Map<string, PulseSignals>> {
    const map = new Map<string, PulseSignals>();
    const of = (id: string) => map.get(id) ?? map.set(id, { latest: [], open: null }).get(id)!;
    for (const a of await this.pulses.latestAnswers(ids, on)) of(a.relationshipId).latest.push(a);
    for (const p of await this.pulses.openWithRoles(ids, on))
      of(p.relationshipId).open = { askedAt: p.askedAt, answeredRoles: p.answeredRoles };
    return map;
  }

  private withSince(rel: RelationshipRow, found: Array<Omit<AtRiskFlagRow, 'since'>>, today: string) {
    const previous = new Map(rel.atRiskFlags.map((f) => [f.code, f]));
    return found.map((f) => ({ ...f, since: previous.get(f.code)?.since ?? today }));
  }

  private differs(rel: RelationshipRow, found: Array<Omit<AtRiskFlagRow, 'since'>>, today: string): boolean {
    return JSON.stringify(this.withSince(rel, found, today)) !== JSON.stringify(rel.atRiskFlags);
  }

  /** Stores the flags; publishes RelationshipAtRisk (and says so) when the set of codes changed. */
  private async store(
    tx: Tx,
    rel: RelationshipRow,
    found: Array<Omit<AtRiskFlagRow, 'since'>>,
    now: Date,
    today: string,
  ): Promise<boolean> {
    const flags: AtRiskFlagRow[] = this.withSince(rel, found, today);
    const codes = (list: Array<{ code: string }>) =>
      list
        .map((f) => f.code)
        .sort()
        .join();
    const codesChanged = codes(flags) !== codes(rel.atRiskFlags);
    await this.relationshipRepo.setAtRisk(tx, rel.id, flags, flags.length ? now : null);
    if (codesChanged) {
      await this.events.publish(tx, 'RelationshipAtRisk', {
        ...refOf(rel),
        reasons: flags.map((f) => f.code),
        details: flags.map((f) => ({ code: f.code, reason: f.reason, ...(f.params ? { params: f.params } : {}) })),
        flaggedAt: now.toISOString(),
      });
    }
    return codesChanged;
  }
}
