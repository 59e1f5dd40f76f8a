import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The agreement's schedule as data (issue 20): besides the free-text "when" and "how often", a version may carry a
 * weekday (ISO, 1 = Monday), a local start time, a period in weeks and the zone they are read in. From it the
 * platform proposes the next meeting on the pair's behalf: `meeting_plan.schedule_slot` is the occurrence of the
 * schedule a plan stands for (null for a partner's own proposal); one plan per occurrence.
 */
export class AgreementSchedule1769600000000 implements MigrationInterface {
  name = 'AgreementSchedule1769600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE agreement_version
      ADD COLUMN schedule_weekday integer CHECK (schedule_weekday BETWEEN 1 AND 7),
      ADD COLUMN schedule_start_time text CHECK (schedule_start_time ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
      ADD COLUMN schedule_every_weeks integer CHECK (schedule_every_weeks BETWEEN 1 AND 8),
      ADD COLUMN schedule_time_zone text,
      ADD CONSTRAINT agreement_version_schedule_whole CHECK (
        (schedule_weekday IS NULL) = (schedule_start_time IS NULL)
        AND (schedule_weekday IS NULL) = (schedule_every_weeks IS NULL)
        AND (schedule_weekday IS NULL) = (schedule_time_zone IS NULL))`);
    await q.query(`ALTER TABLE meeting_plan ADD COLUMN schedule_slot timestamptz`);
    await q.query(
      `CREATE UNIQUE INDEX meeting_plan_schedule_slot ON meeting_plan (relationship_id, schedule_slot) WHERE schedule_slot IS NOT NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX meeting_plan_schedule_slot`);
    await q.query(`ALTER TABLE meeting_plan DROP COLUMN schedule_slot`);
    await q.query(`ALTER TABLE agreement_version DROP CONSTRAINT agreement_version_schedule_whole,
      DROP COLUMN schedule_weekday, DROP COLUMN schedule_start_time, DROP COLUMN schedule_every_weeks,
      DROP COLUMN schedule_time_zone`);
  }
}
