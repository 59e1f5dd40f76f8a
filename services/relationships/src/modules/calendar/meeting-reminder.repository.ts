import type { Database, Tx } from '@tandem/subgraph-kit';
import type { MeetingPlanReminderKind } from '@tandem/contracts';

/** Reads the accepted plans a reminder may be due for, and records each reminder sent (`meeting_plan_reminder`). */
export class MeetingReminderRepository {
  constructor(private readonly db: Database) {}

  /**
   * Accepted, unrecorded plans starting within a day of `now` or ended within the last week: the only ones a
   * reminder can be due for (see meeting-reminder.rules.ts).
   */
  async candidates(now: Date): Promise<Array<{ id: string; startsAt: Date; endsAt: Date }>> {
    return this.db.query(
      `SELECT id, starts_at AS "startsAt", starts_at + make_interval(mins => duration_minutes) AS "endsAt"
       FROM meeting_plan
       WHERE status = 'ACCEPTED' AND meeting_id IS NULL
         AND starts_at <= $1::timestamptz + interval '1 day' AND starts_at >= $1::timestamptz - interval '8 days 8 hours'
       ORDER BY starts_at, id`,
      [now],
    );
  }

  /** Records the reminder; false when it was already sent for this plan, kind and start (nothing to do). */
  async claim(tx: Tx, planId: string, kind: MeetingPlanReminderKind, startsAt: Date, at: Date): Promise<boolean> {
    return (
      (await tx.execute(
        `INSERT INTO meeting_plan_reminder (plan_id, kind, starts_at, sent_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT DO NOTHING`,
        [planId, kind, startsAt, at],
      )) > 0
    );
  }
}
