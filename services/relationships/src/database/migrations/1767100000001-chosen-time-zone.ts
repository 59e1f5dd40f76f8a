import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `person_profile.chosen_time_zone`: the zone the person chose on their account (identity's UserTimeZoneChanged).
 * It wins over the zone their mentor or mentee profile gave, which stays as the fallback for people who never chose.
 */
export class ChosenTimeZone1767100000001 implements MigrationInterface {
  name = 'ChosenTimeZone1767100000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE person_profile ADD COLUMN chosen_time_zone text, ADD COLUMN chosen_time_zone_at timestamptz`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE person_profile DROP COLUMN chosen_time_zone, DROP COLUMN chosen_time_zone_at`);
  }
}
