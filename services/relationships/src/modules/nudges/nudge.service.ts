import { DEFAULT_PROGRAMME_NUDGES } from '@tandem/contracts';
import type { Database, EventBus } from '@tandem/subgraph-kit';
import { checkInDue } from '../coaching/check-in-due';
import type { CheckInRepository, CheckInRow } from '../coaching/check-in.repository';
import { refOf } from '../relationships/relationship.events';
import type { RelationshipRepository } from '../relationships/relationship.repository';
import { utcDate } from '../shared/dates';
import { dueNudges, type NudgeFacts } from './nudge.rules';
import type { NudgeRepository } from './nudge.repository';

export interface NudgeScanResult {
  scanned: number;
  /** Nudge occurrences published by this run (those already sent are not counted). */
  sent: number;
}

/**
 * The daily nudge scan as of `now`: finds each running relationship's due nudges at its programme's cadence
 * (nudge.rules.ts) and publishes NudgeDue once per occurrence (recorded in nudge_sent in the same transaction).
 * Identity turns them into notifications, emailed in each person's daily digest unless they chose each one.
 */
export class NudgeService {
  constructor(
    private readonly repo: NudgeRepository,
    private readonly relationships: RelationshipRepository,
    private readonly checkIns: CheckInRepository,
    private readonly db: Database,
    private readonly events: EventBus,
  ) {}

  async scan(now: Date): Promise<NudgeScanResult> {
    const today = utcDate(now);
    const rels = (await this.relationships.running()).filter((r) => r.status === 'ACTIVE');
    if (!rels.length) return { scanned: 0, sent: 0 };
    const ids = rels.map((r) => r.id);
    const cadence = await this.repo.programmeNudges([...new Set(rels.map((r) => r.programmeId ?? ''))].filter(Boolean));
    const lastLogged = await this.repo.lastLoggedOn(ids);
    const awaiting = await this.repo.awaiting(ids);
    const latestCheckIn = new Map<string, CheckInRow>();
    // newest first: the first of each relationship is its latest
    for (const c of await this.checkIns.forRelationships(ids))
      if (!latestCheckIn.has(c.relationshipId)) latestCheckIn.set(c.relationshipId, c);
    let sent = 0;
    for (const rel of rels) {
      const nudges = (rel.programmeId && cadence.get(rel.programmeId)) || DEFAULT_PROGRAMME_NUDGES;
      const facts: NudgeFacts = {
        status: rel.status,
        startedOn: rel.startedOn,
        menteeId: rel.menteeId,
        mentorId: rel.mentorId,
        lastLoggedOn: lastLogged.get(rel.id) ?? null,
        awaiting: awaiting.filter((m) => m.relationshipId === rel.id),
        checkIn: checkInDue(rel, latestCheckIn.get(rel.id) ?? null, today, nudges.checkInEveryDays),
      };
      for (const due of dueNudges(facts, nudges, now, today)) {
        const published = await this.db.transaction(async (tx) => {
          if (!(await this.repo.markSent(tx, rel.id, due.nudge, due.occurrence, now))) return false;
          await this.events.publish(tx, 'NudgeDue', { ...refOf(rel), ...due, nudgedAt: now.toISOString() });
          return true;
        });
        if (published) sent += 1;
      }
    }
    return { scanned: rels.length, sent };
  }
}
