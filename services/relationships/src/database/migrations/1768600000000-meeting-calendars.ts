import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Planned meetings reach calendars (issue 20): `in_calendars` marks a plan accepted at some point (the partners'
 * calendars hold it, so its changes and cancellation are sent as calendar updates); `calendar_feed` holds each
 * person's private feed tokens, hashed (SHA-256), one live per person (a new one revokes the old);
 * `meeting_plan_reminder` records each reminder sent, once per plan, kind and start (a moved meeting is reminded
 * again at its new time).
 */
export class MeetingCalendars1768600000000 implements MigrationInterface {
  name = 'MeetingCalendars1768600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE meeting_plan ADD COLUMN in_calendars boolean NOT NULL DEFAULT false`);
    await q.query(`UPDATE meeting_plan SET in_calendars = true WHERE status = 'ACCEPTED'`);
    await q.query(`CREATE TABLE calendar_feed (
      id uuid PRIMARY KEY,
      user_id uuid NOT NULL,
      token_hash text NOT NULL UNIQUE,
      created_at timestamptz NOT NULL,
      revoked_at timestamptz
    )`);
    await q.query(`CREATE UNIQUE INDEX calendar_feed_live ON calendar_feed (user_id) WHERE revoked_at IS NULL`);
    await q.query(`CREATE TABLE meeting_plan_reminder (
      plan_id uuid NOT NULL REFERENCES meeting_plan (id) ON DELETE CASCADE,
      kind text NOT NULL CHECK (kind IN ('DAY_BEFORE', 'HOUR_BEFORE', 'RECORD_PROMPT')),
      starts_at timestamptz NOT NULL,
      sent_at timestamptz NOT NULL,
      PRIMARY KEY (plan_id, kind, starts_at)
    )`);
    // the reminder job's scan: accepted plans by start
    await q.query(`CREATE INDEX meeting_plan_accepted_start ON meeting_plan (starts_at) WHERE status = 'ACCEPTED'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX meeting_plan_accepted_start`);
    await q.query(`DROP TABLE meeting_plan_reminder`);
    await q.query(`DROP TABLE calendar_feed`);
    await q.query(`ALTER TABLE meeting_plan DROP COLUMN in_calendars`);
  }
}
