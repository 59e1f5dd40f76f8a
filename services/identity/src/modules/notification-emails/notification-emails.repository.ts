import type { Database, Tx } from '@tandem/subgraph-kit';
import type { NotificationKind } from '../notifications/notification.kinds';

/** The kinds of notification each person turned off by email (identity.notification_email_opt_out). */
export class NotificationEmailRepository {
  constructor(private readonly db: Database) {}

  async turnedOff(userId: string): Promise<Set<NotificationKind>> {
    const rows = await this.db.query<{ kind: NotificationKind }>(
      `SELECT kind FROM notification_email_opt_out WHERE user_id = $1`,
      [userId],
    );
    return new Set(rows.map((r) => r.kind));
  }

  /** Emails of this kind on (no opt-out row) or off (one row); idempotent. */
  async set(tx: Tx, userId: string, kind: NotificationKind, email: boolean): Promise<void> {
    if (email) {
      await tx.execute(`DELETE FROM notification_email_opt_out WHERE user_id = $1 AND kind = $2`, [userId, kind]);
    } else {
      await tx.execute(
        `INSERT INTO notification_email_opt_out (user_id, kind) VALUES ($1, $2) ON CONFLICT DO NOTHING`,
        [userId, kind],
      );
    }
  }

  /** Whether the person chose to receive each nudge by email as it happens (false: the daily digest). */
  async eachNudge(userId: string): Promise<boolean> {
    const row = await this.db.one<{ each: boolean }>(
      `SELECT each_nudge AS each FROM notification_email_delivery WHERE user_id = $1`,
      [userId],
    );
    return row?.each ?? false;
  }

  async setEachNudge(tx: Tx, userId: string, each: boolean): Promise<void> {
    await tx.execute(
      `INSERT INTO notification_email_delivery (user_id, each_nudge) VALUES ($1, $2)
       ON CONFLICT (user_id) DO UPDATE SET each_nudge = EXCLUDED.each_nudge, updated_at = now()`,
      [userId, each],
    );
  }

  /** Whether the person asked to be reminded an hour before their planned meetings too (off until they do). */
  async hourBefore(userId: string): Promise<boolean> {
    const row = await this.db.one<{ on: boolean }>(
      `SELECT hour_before AS on FROM meeting_reminder_choice WHERE user_id = $1`,
      [userId],
    );
    return row?.on ?? false;
  }

  async setHourBefore(tx: Tx, userId: string, on: boolean): Promise<void> {
    await tx.execute(
      `INSERT INTO meeting_reminder_choice (user_id, hour_before, changed_at) VALUES ($1, $2, now())
       ON CONFLICT (user_id) DO UPDATE SET hour_before = EXCLUDED.hour_before, changed_at = EXCLUDED.changed_at`,
      [userId, on],
    );
  }
}
