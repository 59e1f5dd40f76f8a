import type { Tx } from '@tandem/subgraph-kit';

/** Stand-in for "none" in rollup keys (rollup dimensions are NOT NULL so rows can be upserted). */
export const NIL_UUID = '00000000-0000-0000-0000-000000000000';

/** Where a fact counts: the dimensions analytics can filter and group by. */
export interface StatsScope {
  programmeId: string | null;
  organizationId: string | null;
  cohortId: string | null;
  industryCode: string | null;
}

export const ROLLUP_COUNTERS = [
  'registrations',
  'mentors_enrolled',
  'mentees_enrolled',
  'mentees_matched',
  'mentor_approvals',
  'requests_sent',
  'requests_accepted',
  'requests_declined',
  'requests_expired',
  'matches',
  'relationships_started',
  'relationships_completed',
  'relationships_withdrawn',
  'relationships_continued',
  'relationships_met_terms',
  'meetings_confirmed',
  'hours_confirmed',
  'goals_achieved',
] as const;
export type RollupCounter = (typeof ROLLUP_COUNTERS)[number];

const key = (scope: StatsScope) => [
  scope.programmeId ?? NIL_UUID,
  scope.organizationId ?? NIL_UUID,
  scope.cohortId ?? NIL_UUID,
  scope.industryCode ?? '',
];

/** Keeps the daily analytics rollups current: each consumer adds its deltas in its own transaction. */
export class StatsRollupRepository {
  async bump(tx: Tx, day: string, scope: StatsScope, deltas: Partial<Record<RollupCounter, number>>): Promise<void> {
    const cols = Object.keys(deltas).filter(
      (c): c is RollupCounter => (ROLLUP_COUNTERS as readonly string[]).includes(c) && deltas[c as RollupCounter] !== 0,
    );
    if (!cols.length) return;
    const values = cols.map((c) => deltas[c]);
    const params = cols.map((_, i) => `$${i + 6}`).join(', ');
    // the fine row, and the programme's row of the day (stats_programme_daily), in one statement
    await tx.execute(
      `WITH fine AS (
         INSERT INTO stats_daily (day, programme_id, organization_id, cohort_id, industry_code, ${cols.join(', ')})
         VALUES ($1, $2, $3, $4, $5, ${params})
         ON CONFLICT (programme_id, day, organization_id, cohort_id, industry_code)
         DO UPDATE SET ${cols.map((c) => `${c} = stats_daily.${c} + EXCLUDED.${c}`).join(', ')}
       )
       INSERT INTO stats_programme_daily (programme_id, day, ${cols.join(', ')})
       VALUES ($2, $1, ${params})
       ON CONFLICT (programme_id, day)
       DO UPDATE SET ${cols.map((c) => `${c} = stats_programme_daily.${c} + EXCLUDED.${c}`).join(', ')}`,
      [day.slice(0, 10), ...key(scope), ...values],
    );
  }

  /** Per question, plus '*': the form's own mean, so the overall average weighs each form once. */
  async feedback(tx: Tx, day: string, scope: StatsScope, ratings: Record<string, number>): Promise<void> {
    const valid = Object.values(ratings).filter((r) => typeof r === 'number' && Number.isFinite(r));
    const entries: Array<[string, number]> = Object.entries(ratings);
    if (valid.length) entries.push(['*', valid.reduce((a, b) => a + b, 0) / valid.length]);
    for (const [question, rating] of entries) {
      if (typeof rating !== 'number' || !Number.isFinite(rating)) continue;
      await tx.execute(
        `INSERT INTO stats_feedback_daily (day, programme_id, organization_id, cohort_id, industry_code, question, rating_sum, responses)
         VALUES ($1, $2, $3, $4, $5, $6, $7, 1)
         ON CONFLICT (programme_id, day, organization_id, cohort_id, industry_code, question)
         DO UPDATE SET rating_sum = stats_feedback_daily.rating_sum + EXCLUDED.rating_sum, responses = stats_feedback_daily.responses + 1`,
        [day.slice(0, 10), ...key(scope), question, rating],
      );
    }
  }
}
