import type { MigrationInterface, QueryRunner } from 'typeorm';

const COUNTERS = [
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
  'goals_achieved',
];

/**
 * The daily rollups summed over organisation, cohort and industry: one row per programme and day. The
 * programme-level questions (a programme, or all of them, by month or by programme) read it instead of the
 * fine rollup, whose rows per programme and day are the organisations × cohorts × industries seen that day
 * (on seed:large, 41,000 rows per programme to sum vs 1,100 here).
 */
export class ProgrammeDailyRollup1764500000000 implements MigrationInterface {
  name = 'ProgrammeDailyRollup1764500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE stats_programme_daily (
      programme_id uuid NOT NULL,
      day date NOT NULL,
      ${COUNTERS.map((c) => `${c} int NOT NULL DEFAULT 0`).join(',\n      ')},
      hours_confirmed numeric(12,2) NOT NULL DEFAULT 0,
      PRIMARY KEY (programme_id, day)
    )`);
    await q.query(`INSERT INTO stats_programme_daily (programme_id, day, ${COUNTERS.join(', ')}, hours_confirmed)
      SELECT programme_id, day, ${COUNTERS.map((c) => `sum(${c})`).join(', ')}, sum(hours_confirmed)
      FROM stats_daily GROUP BY programme_id, day`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE stats_programme_daily`);
  }
}
