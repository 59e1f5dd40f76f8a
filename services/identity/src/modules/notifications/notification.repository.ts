import { randomUUID } from 'node:crypto';
import type { Database, Tx } from '@tandem/subgraph-kit';
import type { Language } from '../language/language';
import { NUDGE_KINDS, type NotificationKind } from './notification.kinds';

/** A row of identity.notification: the in-app message and the state of its email. */
export interface NotificationRow {
  id: string;
  userId: string;
  kind: NotificationKind;
  title: string;
  body: string;
  /** The participant app's path of the screen where the person acts on it; null when there is nothing to do. */
  link: string | null;
  createdAt: Date;
  readAt: Date | null;
  /** DIGEST: a nudge waiting for the person's daily digest email. */
  emailStatus: 'PENDING' | 'SENDING' | 'SENT' | 'FAILED' | 'SKIPPED' | 'DIGEST';
  /** created_at with microseconds, for keyset cursors. */
  cursorAt: string;
}

/** A notification to write. */
export interface NewNotification {
  userId: string;
  kind: NotificationKind;
  title: string;
  body: string;
  /** The participant app's path where the person acts on it (see notification.links.ts); null when none. */
  link?: string | null;
  /** The event that caused it: with user and kind, unique, so a redelivered event notifies once. */
  sourceEventId: string | null;
  /** A calendar invitation its email carries (a planned meeting's iCalendar REQUEST or CANCEL). */
  calendar?: { method: 'REQUEST' | 'CANCEL'; text: string } | null;
}

const SELECT = `SELECT id, user_id AS "userId", kind, title, body, link, created_at AS "createdAt", read_at AS "readAt", email_status AS "emailStatus",
  to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS "cursorAt" FROM notification`;

export interface EmailClaim {
  id: string;
  title: string;
  body: string;
  link: string | null;
  email: string;
  displayName: string;
  /** the recipient's language: the email's greeting, button and signature are in it */
  language: Language;
  attempts: number;
  calendarMethod: 'REQUEST' | 'CANCEL' | null;
  calendar: string | null;
}

/** In-app notifications and the outbox of their emails (identity.notification). */
export class NotificationRepository {
  constructor(private readonly db: Database) {}

  /**
   * Inserts unless the person is unknown here or this event already notified them; returns whether a row was added.
   * Its email is SKIPPED when the person turned this kind's emails off (notification-emails); a nudge waits for the
   * person's daily digest (DIGEST) unless they chose each one as it happens.
   */
  async insert(tx: Tx, n: NewNotification): Promise<boolean> {
    const rows = await tx.query(
      `INSERT INTO notification (id, user_id, kind, title, body, source_event_id, link, calendar_method, calendar, email_status)
       SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9,
              CASE WHEN EXISTS (SELECT 1 FROM notification_email_opt_out o WHERE o.user_id = $2 AND o.kind = $3) THEN 'SKIPPED'
                   WHEN $3 = ANY($10::text[])
                        AND NOT coalesce((SELECT d.each_nudge FROM notification_email_delivery d WHERE d.user_id = $2), false) THEN 'DIGEST'
                   ELSE 'PENDING' END
       WHERE EXISTS (SELECT 1 FROM "user" WHERE id = $2)
       ON CONFLICT DO NOTHING RETURNING id`,
      [
        randomUUID(),
        n.userId,
        n.kind,
        n.title,
        n.body,
        n.sourceEventId,
        n.link ?? null,
        n.calendar?.method ?? null,
        n.calendar?.text ?? null,
        NUDGE_KINDS,
      ],
    );
    return rows.length > 0;
  }

  async page(
    userId: string,
    unreadOnly: boolean,
    after: { createdAt: string; id: string } | null,
    limit: number,
  ): Promise<NotificationRow[]> {
    return this.db.query<NotificationRow>(
      `${SELECT} WHERE user_id = $1 AND (NOT $2 OR read_at IS NULL)
         AND ($3::timestamptz IS NULL OR (created_at, id) < ($3, $4::uuid))
       ORDER BY created_at DESC, id DESC LIMIT $5`,
      [userId, unreadOnly, after?.createdAt ?? null, after?.id ?? null, limit],
    );
  }

  async unreadCount(userId: string): Promise<number> {
    const row = await this.db.one<{ n: number }>(
      `SELECT count(*)::int AS n FROM notification WHERE user_id = $1 AND read_at IS NULL`,
      [userId],
    );
    return row!.n;
  }

  /** How many notifications the person has (unread ones only when asked). */
  async count(userId: string, unreadOnly: boolean): Promise<number> {
    const row = await this.db.one<{ n: number }>(
      `SELECT count(*)::int AS n FROM notification WHERE user_id = $1 AND (NOT $2 OR read_at IS NULL)`,
      [userId, unreadOnly],
    );
    return row!.n;
  }

  /** Marks the person's own notifications read (all of them when `ids` is null); returns how many changed. */
  async markRead(userId: string, ids: string[] | null): Promise<number> {
    return this.db.execute(
      `UPDATE notification SET read_at = now() WHERE user_id = $1 AND read_at IS NULL AND ($2::uuid[] IS NULL OR id = ANY($2::uuid[]))`,
      [userId, ids],
    );
  }

  /**
   * Claims emails due for sending (pending, or claimed long ago by a process that died), so that replicas
   * never send the same one concurrently.
   */
  async claimEmails(limit: number): Promise<EmailClaim[]> {
    return this.db.query<EmailClaim>(
      `WITH due AS (
         SELECT id FROM notification
         WHERE email_status = 'PENDING' OR (email_status = 'SENDING' AND email_claimed_at < now() - interval '10 minutes')
         ORDER BY created_at LIMIT $1 FOR UPDATE SKIP LOCKED)
       UPDATE notification n SET email_status = 'SENDING', email_claimed_at = now(), email_attempts = n.email_attempts + 1
       FROM due, "user" u WHERE n.id = due.id AND u.id = n.user_id
       RETURNING n.id, n.title, n.body, n.link, u.email, u.display_name AS "displayName", coalesce(u.language, 'en') AS language, n.email_attempts AS attempts,
         n.calendar_method AS "calendarMethod", n.calendar`,
      [limit],
    );
  }

  async emailSent(id: string, ref: string): Promise<void> {
    await this.db.execute(
      `UPDATE notification SET email_status = 'SENT', email_sent_at = now(), email_ref = $2, email_error = NULL WHERE id = $1`,
      [id, ref],
    );
  }

  async emailFailed(id: string, error: string, giveUp: boolean): Promise<void> {
    await this.db.execute(`UPDATE notification SET email_status = $3, email_error = $2 WHERE id = $1`, [
      id,
      error.slice(0, 1000),
      giveUp ? 'FAILED' : 'PENDING',
    ]);
  }

  /**
   * Takes the readers' waiting digest nudges of a kind on one link out of the digest: no email goes for them.
   * `'everyone'`: whoever received it (a check-in due goes to the organisation's coaches as they were then, some of
   * whom may have left).
   */
  async withdrawFromDigest(
    tx: Tx,
    readers: readonly string[] | 'everyone',
    kind: NotificationKind,
    link: string,
  ): Promise<number> {
    const rows = await tx.query(
      `UPDATE notification SET email_status = 'SKIPPED'
       WHERE ($1::uuid[] IS NULL OR user_id = ANY($1::uuid[])) AND email_status = 'DIGEST' AND kind = $2 AND link = $3
       RETURNING id`,
      [readers === 'everyone' ? null : readers, kind, link],
    );
    return rows.length;
  }

  /** The people with nudges waiting for their digest, with the time zone each chose (null: none chosen). */
  digestRecipients(): Promise<Array<{ userId: string; timeZone: string | null }>> {
    return this.db.query(
      `SELECT u.id AS "userId", u.time_zone AS "timeZone" FROM "user" u
       WHERE EXISTS (SELECT 1 FROM notification n WHERE n.user_id = u.id AND n.email_status = 'DIGEST') ORDER BY u.id`,
    );
  }

  /**
   * Opens the person's digest of `localDay` with every nudge waiting for it (claimed: SENDING), unless that day's
   * digest exists (one a day at most) or nothing waits; returns its id and the nudges' ids, oldest first.
   */
  async openDigest(
    tx: Tx,
    userId: string,
    localDay: string,
  ): Promise<{ id: string; notificationIds: string[] } | null> {
    const waiting = await tx.query<{ id: string }>(
      `SELECT id FROM notification WHERE user_id = $1 AND email_status = 'DIGEST' ORDER BY created_at, id FOR UPDATE SKIP LOCKED`,
      [userId],
    );
    if (!waiting.length) return null;
    const notificationIds = waiting.map((r) => r.id);
    const opened = await tx.one<{ id: string }>(
      `INSERT INTO notification_digest (id, user_id, local_day, notification_ids, status) VALUES ($1, $2, $3::date, $4::uuid[], 'SENDING')
       ON CONFLICT (user_id, local_day) DO NOTHING RETURNING id`,
      [randomUUID(), userId, localDay, notificationIds],
    );
    if (!opened) return null;
    await tx.execute(
      `UPDATE notification SET email_status = 'SENDING', email_claimed_at = now(), email_attempts = email_attempts + 1 WHERE id = ANY($1::uuid[])`,
      [notificationIds],
    );
    return { id: opened.id, notificationIds };
  }

  /** What a digest lists (oldest first) and to whom it goes. */
  async digestItems(ids: readonly string[]): Promise<Array<EmailClaim & { kind: NotificationKind; roles: string[] }>> {
    return this.db.query(
      `SELECT n.id, n.kind, n.title, n.body, n.link, u.email, u.display_name AS "displayName", coalesce(u.language, 'en') AS language,
         n.email_attempts AS attempts, u.roles::text[] AS roles
       FROM notification n JOIN "user" u ON u.id = n.user_id WHERE n.id = ANY($1::uuid[]) ORDER BY n.created_at, n.id`,
      [ids],
    );
  }

  /** The digest went out: it and its nudges are SENT (the nudges' email_ref is the digest's). */
  async digestSent(digestId: string, ids: readonly string[], ref: string): Promise<void> {
    await this.db.transaction(async (tx) => {
      await tx.execute(
        `UPDATE notification_digest SET status = 'SENT', sent_at = now(), email_ref = $2 WHERE id = $1`,
        [digestId, ref],
      );
      await tx.execute(
        `UPDATE notification SET email_status = 'SENT', email_sent_at = now(), email_ref = $2, email_error = NULL WHERE id = ANY($1::uuid[])`,
        [ids, ref],
      );
    });
  }

  /** The digest could not be sent: its nudges wait again and the day's digest is forgotten, so the next run retries. */
  async digestFailed(digestId: string, ids: readonly string[], error: string): Promise<void> {
    await this.db.transaction(async (tx) => {
      await tx.execute(`DELETE FROM notification_digest WHERE id = $1`, [digestId]);
      await tx.execute(`UPDATE notification SET email_status = 'DIGEST', email_error = $2 WHERE id = ANY($1::uuid[])`, [
        ids,
        error.slice(0, 1000),
      ]);
    });
  }

  /** The time zone each person chose (User.timeZone), for those who chose one. */
  async timeZones(tx: Tx, ids: string[]): Promise<Map<string, string>> {
    const rows = await tx.query<{ id: string; zone: string }>(
      `SELECT id, time_zone AS zone FROM "user" WHERE id = ANY($1::uuid[]) AND time_zone IS NOT NULL`,
      [ids],
    );
    return new Map(rows.map((r) => [r.id, r.zone]));
  }

  /** Each person's name and email (a planned meeting's invitation lists both partners). */
  async contacts(tx: Tx, ids: string[]): Promise<Map<string, { name: string; email: string }>> {
    const rows = await tx.query<{ id: string; name: string; email: string }>(
      `SELECT id, display_name AS name, email FROM "user" WHERE id = ANY($1::uuid[])`,
      [ids],
    );
    return new Map(rows.map((r) => [r.id, { name: r.name, email: r.email }]));
  }

  /** Those of `ids` who asked to be reminded an hour before their planned meetings. */
  async wantHourReminder(tx: Tx, ids: string[]): Promise<Set<string>> {
    const rows = await tx.query<{ id: string }>(
      `SELECT user_id AS id FROM meeting_reminder_choice WHERE user_id = ANY($1::uuid[]) AND hour_before`,
      [ids],
    );
    return new Set(rows.map((r) => r.id));
  }

  async displayNames(tx: Tx, ids: string[]): Promise<Map<string, string>> {
    const rows = await tx.query<{ id: string; name: string }>(
      `SELECT id, display_name AS name FROM "user" WHERE id = ANY($1::uuid[])`,
      [ids],
    );
    return new Map(rows.map((r) => [r.id, r.name]));
  }
}
