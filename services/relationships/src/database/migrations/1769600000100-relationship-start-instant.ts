import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The instant a relationship started (issue 20), beside its date: new relationships take the match's confirmation
 * instant. Existing rows are filled as 00:00 of their start date in their programme's zone (the programme read
 * model learns the zone from ProgrammeChanged; a programme not known yet, or an event older than the zone, takes
 * America/Toronto, the contract's default), so "before the relationship started" stops comparing with 00:00 at
 * UTC+14. `programme.time_zone` is kept from then on, and `programme.prior_meeting_days`: how many days before the
 * start a pair may record meetings they already held (the programme's setting; 0 until it says otherwise).
 */
export class RelationshipStartInstant1769600000100 implements MigrationInterface {
  name = 'RelationshipStartInstant1769600000100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE programme ADD COLUMN time_zone text NOT NULL DEFAULT 'America/Toronto',
      ADD COLUMN prior_meeting_days integer NOT NULL DEFAULT 0`);
    await q.query(`ALTER TABLE relationship ADD COLUMN started_at timestamptz`);
    await q.query(`UPDATE relationship r SET started_at = r.started_on::timestamp AT TIME ZONE
      COALESCE((SELECT p.time_zone FROM programme p WHERE p.id = r.programme_id), 'America/Toronto')`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE relationship DROP COLUMN started_at`);
    await q.query(`ALTER TABLE programme DROP COLUMN time_zone, DROP COLUMN prior_meeting_days`);
  }
}
