import type { Database, Queryable, Tx } from '@tandem/subgraph-kit';
import type { MeetingRow } from '../meetings/meeting.repository';

/** The meetings of a relationship, summed. */
export interface MeetingTotals {
  relationshipId: string;
  confirmedMinutes: number;
  confirmedMeetings: number;
  /** Confirmed by both but not counting yet (the programme requires a signed agreement). */
  notCountingMeetings: number;
  awaitingMeetings: number;
  lastConfirmedOn: string | null;
  oldestAwaitingLoggedAt: Date | null;
}

/** The totals of a relationship without meetings. */
export const noMeetings = (relationshipId: string): MeetingTotals => ({
  relationshipId,
  confirmedMinutes: 0,
  confirmedMeetings: 0,
  notCountingMeetings: 0,
  awaitingMeetings: 0,
  lastConfirmedOn: null,
  oldestAwaitingLoggedAt: null,
});

/**
 * The same totals summed from a relationship's meeting log already read (every revision): the request that lists
 * the meetings beside the progress (the dashboard) reads the log once. `forRelationships` is the rule in SQL; a
 * test holds the two equal over every status.
 */
export function totalsOfMeetings(relationshipId: string, log: readonly MeetingRow[]): MeetingTotals {
  const t = noMeetings(relationshipId);
  for (const m of log) {
    if (m.status === 'CONFIRMED') {
      if (m.countedAt) {
        t.confirmedMinutes += m.durationMinutes;
        t.confirmedMeetings += 1;
      } else t.notCountingMeetings += 1;
      if (!t.lastConfirmedOn || m.occurredOn > t.lastConfirmedOn) t.lastConfirmedOn = m.occurredOn;
    } else if (m.status === 'AWAITING_CONFIRMATION') {
      t.awaitingMeetings += 1;
      if (!t.oldestAwaitingLoggedAt || m.loggedAt < t.oldestAwaitingLoggedAt) t.oldestAwaitingLoggedAt = m.loggedAt;
    }
  }
  return t;
}

/** Sums the meeting log of relationships: hours and meetings that count, those waiting, the last and oldest dates. */
export class MeetingTotalsRepository {
  constructor(private readonly db: Database) {}

  /** The meeting totals of relationships that have meetings (the others have {@link noMeetings}). */
  async forRelationships(ids: readonly string[], on: Queryable = this.db): Promise<MeetingTotals[]> {
    return on.query<MeetingTotals>(
      `SELECT relationship_id AS "relationshipId",
         coalesce(sum(duration_minutes) FILTER (WHERE status = 'CONFIRMED' AND counted_at IS NOT NULL), 0)::int AS "confirmedMinutes",
         (count(*) FILTER (WHERE status = 'CONFIRMED' AND counted_at IS NOT NULL))::int AS "confirmedMeetings",
         (count(*) FILTER (WHERE status = 'CONFIRMED' AND counted_at IS NULL))::int AS "notCountingMeetings",
         (count(*) FILTER (WHERE status = 'AWAITING_CONFIRMATION'))::int AS "awaitingMeetings",
         (max(occurred_on) FILTER (WHERE status = 'CONFIRMED'))::text AS "lastConfirmedOn",
         min(logged_at) FILTER (WHERE status = 'AWAITING_CONFIRMATION') AS "oldestAwaitingLoggedAt"
       FROM meeting WHERE relationship_id = ANY($1::uuid[]) GROUP BY relationship_id`,
      [ids],
    );
  }

  /** One relationship's meeting totals, read in the transaction that changes it. */
  async of(tx: Tx, id: string): Promise<MeetingTotals> {
    return (await this.forRelationships([id], tx))[0] ?? noMeetings(id);
  }
}
