import type { Database, Tx } from '@tandem/subgraph-kit';
import type { EventPayloads } from '@tandem/contracts';
import type { StatsScope } from '../stats/stats-rollup.repository';

/** The time columns of a request's transitions. */
export type RequestTransition = 'sent_at' | 'accepted_at' | 'declined_at' | 'expired_at';

/** Reporting's copies of matching's requests (transition times) and confirmed matches (days to match). */
export class MatchingRepository {
  constructor(private readonly db: Database) {}

  /**
   * Marks a request transition (sent, accepted, declined, expired); true when that transition is new, so
   * each is counted once whatever the order of arrival.
   */
  async requestTransition(
    tx: Tx,
    e: { requestId: string; menteeId: string; mentorId: string; programmeId: string },
    column: RequestTransition,
    at: string,
  ): Promise<boolean> {
    await tx.execute(
      `INSERT INTO mentoring_request (id, mentee_id, mentor_id, programme_id) VALUES ($1, $2, $3, $4) ON CONFLICT (id) DO NOTHING`,
      [e.requestId, e.menteeId, e.mentorId, e.programmeId],
    );
    const changed = await tx.execute(
      `UPDATE mentoring_request SET ${column} = $2 WHERE id = $1 AND ${column} IS NULL`,
      [e.requestId, at],
    );
    return changed > 0;
  }

  /** Records a match; returns whether it is new and whether it is the mentee's first in the programme. */
  async recordMatch(
    tx: Tx,
    e: EventPayloads['MatchConfirmed'],
    scope: StatsScope,
    enrolledAt: string | null,
  ): Promise<{ fresh: boolean; firstForMentee: boolean }> {
    const prior = await tx.one<{ n: number }>(
      `SELECT count(*)::int AS n FROM match WHERE mentee_id = $1 AND programme_id = $2`,
      [e.menteeId, e.programmeId],
    );
    const inserted = await tx.execute(
      `INSERT INTO match (id, mentee_id, mentor_id, programme_id, organization_id, cohort_id, industry_code, source, confirmed_at, confirmed_on, mentee_enrolled_at, days_to_match)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, ($9::timestamptz AT TIME ZONE 'UTC')::date, $10::timestamptz,
         CASE WHEN $10::timestamptz IS NULL THEN NULL ELSE greatest(0, extract(epoch FROM ($9::timestamptz - $10::timestamptz)) / 86400) END)
       ON CONFLICT (id) DO NOTHING`,
      [
        e.matchId,
        e.menteeId,
        e.mentorId,
        e.programmeId,
        scope.organizationId,
        scope.cohortId,
        scope.industryCode,
        e.source,
        e.confirmedAt,
        enrolledAt,
      ],
    );
    return { fresh: inserted > 0, firstForMentee: inserted > 0 && prior?.n === 0 };
  }
}
