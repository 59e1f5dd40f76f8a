import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Meetings planned ahead (issue 20): a partner proposes a time, the other accepts, declines or proposes another
 * time; either reschedules or cancels. The start is an instant; `time_zone` is the zone the proposer planned in.
 * `sequence` grows with every change (the ICS SEQUENCE of the plan's one UID). `meeting_id` is the logged meeting
 * that recorded it.
 */
export class MeetingPlans1768300000000 implements MigrationInterface {
  name = 'MeetingPlans1768300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE meeting_plan (
      id uuid PRIMARY KEY,
      relationship_id uuid NOT NULL REFERENCES relationship (id) ON DELETE CASCADE,
      proposed_by uuid NOT NULL,
      awaiting_user_id uuid,
      status text NOT NULL CHECK (status IN ('AWAITING_RESPONSE', 'ACCEPTED', 'DECLINED', 'CANCELLED')),
      starts_at timestamptz NOT NULL,
      duration_minutes integer NOT NULL CHECK (duration_minutes BETWEEN 15 AND 480),
      time_zone text NOT NULL,
      mode text NOT NULL CHECK (mode IN ('IN_PERSON', 'VIDEO', 'PHONE')),
      place text,
      video_url text,
      agenda text[] NOT NULL DEFAULT '{}',
      goal_ids uuid[] NOT NULL DEFAULT '{}',
      sequence integer NOT NULL DEFAULT 0,
      reason text,
      closed_by uuid,
      meeting_id uuid REFERENCES meeting (id) ON DELETE SET NULL,
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL
    )`);
    await q.query(`CREATE INDEX meeting_plan_relationship ON meeting_plan (relationship_id, starts_at, id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE meeting_plan`);
  }
}
