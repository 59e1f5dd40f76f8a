import { randomUUID } from 'node:crypto';
import type { Database, Tx } from '@tandem/subgraph-kit';

/** A person's live calendar feed (the token itself is never stored: only its SHA-256). */
export interface CalendarFeedRow {
  id: string;
  userId: string;
  createdAt: Date;
}

/** A planned meeting as a person's feed lists it. */
export interface FeedPlanRow {
  id: string;
  status: 'AWAITING_RESPONSE' | 'ACCEPTED';
  startsAt: Date;
  endsAt: Date;
  timeZone: string;
  mode: 'IN_PERSON' | 'VIDEO' | 'PHONE';
  place: string | null;
  videoUrl: string | null;
  agenda: string[];
  sequence: number;
  relationshipId: string;
  updatedAt: Date;
}

const FEED = `id, user_id AS "userId", created_at AS "createdAt"`;

/** Reads and writes the private calendar feeds (`calendar_feed`) and what they list. */
export class CalendarFeedRepository {
  constructor(private readonly db: Database) {}

  /** Revokes the person's live feed, if any, and records a new one: one live feed per person. */
  async replace(tx: Tx, userId: string, tokenHash: string, at: Date): Promise<CalendarFeedRow> {
    await this.revoke(tx, userId, at);
    return (await tx.one<CalendarFeedRow>(
      `INSERT INTO calendar_feed (id, user_id, token_hash, created_at) VALUES ($1, $2, $3, $4) RETURNING ${FEED}`,
      [randomUUID(), userId, tokenHash, at],
    ))!;
  }

  /** Revokes the person's live feed; the number revoked (0 or 1). */
  async revoke(tx: Tx, userId: string, at: Date): Promise<number> {
    return tx.execute(`UPDATE calendar_feed SET revoked_at = $2 WHERE user_id = $1 AND revoked_at IS NULL`, [
      userId,
      at,
    ]);
  }

  async live(userId: string): Promise<CalendarFeedRow | null> {
    return this.db.one<CalendarFeedRow>(`SELECT ${FEED} FROM calendar_feed WHERE user_id = $1 AND revoked_at IS NULL`, [
      userId,
    ]);
  }

  /** The live feed whose token hashes to `tokenHash` (null when unknown or revoked). */
  async byTokenHash(tokenHash: string): Promise<CalendarFeedRow | null> {
    return this.db.one<CalendarFeedRow>(
      `SELECT ${FEED} FROM calendar_feed WHERE token_hash = $1 AND revoked_at IS NULL`,
      [tokenHash],
    );
  }

  /**
   * The planned meetings of the person's relationships that their calendar holds: accepted, or moved since being
   * accepted and awaiting the other's answer (shown as tentative), ending after `since`; soonest first.
   */
  async plansOf(userId: string, since: Date, limit: number): Promise<FeedPlanRow[]> {
    return this.db.query<FeedPlanRow>(
      `SELECT p.id, p.status, p.starts_at AS "startsAt", p.starts_at + make_interval(mins => p.duration_minutes) AS "endsAt",
         p.time_zone AS "timeZone", p.mode, p.place, p.video_url AS "videoUrl", p.agenda, p.sequence,
         p.relationship_id AS "relationshipId", p.updated_at AS "updatedAt"
       FROM meeting_plan p JOIN relationship r ON r.id = p.relationship_id
       WHERE (r.mentor_id = $1 OR r.mentee_id = $1)
         AND (p.status = 'ACCEPTED' OR (p.status = 'AWAITING_RESPONSE' AND p.in_calendars))
         AND p.starts_at + make_interval(mins => p.duration_minutes) > $2
       ORDER BY p.starts_at, p.id LIMIT $3`,
      [userId, since, limit],
    );
  }
}
