import { type EventBus, type SubgraphContext, type Transact } from '@tandem/subgraph-kit';
import { utcDate, type Clock } from '../shared/dates';
import { FieldErrors, refuse } from '../shared/payload';
import { STAFF } from '../relationships/relationship.access';
import type { AtRiskFlagEntity } from '../relationships/relationship.entity';
import type { RelationshipRepository } from '../relationships/relationship.repository';
import { refOf, type RelationshipService } from '../relationships/relationship.service';
import type { Relationship } from '../relationships/relationship.type';
import { atRiskFlags } from './at-risk';
import type { CheckInEntity, CheckInRepository } from './check-in.repository';
import { toCheckIn, type CheckIn, type CheckInInput } from './check-in.type';

export interface ScanResult {
  scanned: number;
  changed: number;
}

/** Coach support: check-ins recorded by the organisation's coach (or admins), and the daily at-risk scan. */
export class CoachingService {
  constructor(
    private readonly repo: CheckInRepository,
    private readonly relationshipRepo: RelationshipRepository,
    private readonly relationships: RelationshipService,
    private readonly transact: Transact,
    private readonly events: EventBus,
    private readonly clock: Clock,
  ) {}

  /** Null for the partners and anyone but staff of the relationship. */
  async checkIns(ctx: SubgraphContext, r: Relationship): Promise<CheckIn[] | null> {
    if (!r.viewer || !STAFF.includes(r.viewer)) return null;
    const loader = ctx.loaders.get<string, CheckInEntity[]>('checkIns:byRelationship', async (ids) => {
      const rows = await this.repo.forRelationships(ids);
      return ids.map((id) => rows.filter((c) => c.relationshipId === id));
    });
    return (await loader.load(r.id)).map(toCheckIn);
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
    return this.transact(async (m) => {
      const rel = await this.relationshipRepo.lock(m, relationshipId);
      if (!rel) throw refuse('relationshipId', 'NOT_FOUND', 'Not found.');
      return toCheckIn(
        await this.repo.insert(m, {
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
    const totals = await this.relationshipRepo.meetingTotals(ids);
    const signed = await this.repo.signedAgreements(ids);
    let changed = 0;
    for (const rel of rels) {
      const found = atRiskFlags(rel, totals.get(rel.id)!, signed.has(rel.id), now, today);
      const previous = new Map(rel.atRiskFlags.map((f) => [f.code, f]));
      const flags: AtRiskFlagEntity[] = found.map((f) => ({ ...f, since: previous.get(f.code)?.since ?? today }));
      const codes = (list: Array<{ code: string }>) =>
        list
          .map((f) => f.code)
          .sort()
          .join();
      const codesChanged = codes(flags) !== codes(rel.atRiskFlags);
      if (!codesChanged && JSON.stringify(flags) === JSON.stringify(rel.atRiskFlags)) continue;
      await this.transact(async (m) => {
        await this.relationshipRepo.setAtRisk(m, rel.id, flags, flags.length ? now : null);
        if (codesChanged) {
          await this.events.publish(m, 'RelationshipAtRisk', {
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
