import { withNudgeDefaults, type ProgrammeNudges } from '@tandem/contracts';
import type { Database, Tx } from '@tandem/subgraph-kit';

/** A programme's nudge settings. */
export interface ProgrammeNudgesRow {
  id: string;
  nudges: ProgrammeNudges;
}

/** A meeting awaiting a partner's confirmation. */
export interface AwaitingMeetingRow {
  meetingId: string;
  relationshipId: string;
  occurredOn: string;
  loggedAt: Date;
  menteeConfirmed: boolean;
  mentorConfirmed: boolean;
}

/** What the nudge scan reads (programme cadence, logged meetings) and the occurrences it sent (nudge_sent). */
export class NudgeRepository {
  constructor(private readonly db: Database) {}

  /**
   * The nudges of programmes whose ProgrammeChanged carried them (the others take the defaults), with the defaults
   * for settings added after the event that carried them.
   */
  async programmeNudges(ids: readonly string[]): Promise<Map<string, ProgrammeNudges>> {
    return new Map((await this.programmeNudgeRows(ids)).map((r) => [r.id, r.nudges]));
  }

  /** `programmeNudges` as rows, for a request's batch loader. */
  async programmeNudgeRows(ids: readonly string[]): Promise<ProgrammeNudgesRow[]> {
    const rows = await this.db.query<{ id: string; nudges: Partial<ProgrammeNudges> }>(
      `SELECT id, nudges FROM programme WHERE id = ANY($1::uuid[]) AND nudges IS NOT NULL`,
      [ids],
    );
    return rows.map((r) => ({ id: r.id, nudges: withNudgeDefaults(r.nudges) }));
  }

  /** The day of each relationship's latest logged meeting (awaiting confirmation or confirmed). */
  async lastLoggedOn(ids: readonly string[]): Promise<Map<string, string>> {
    const rows = await this.db.query<{ relationshipId: string; day: string }>(
      `SELECT relationship_id AS "relationshipId", max(occurred_on)::text AS day FROM meeting
       WHERE relationship_id = ANY($1::uuid[]) AND status IN ('AWAITING_CONFIRMATION', 'CONFIRMED') GROUP BY relationship_id`,
      [ids],
    );
    return new Map(rows.map((r) => [r.relationshipId, r.day]));
  }

  /** The meetings of these relationships awaiting a partner's confirmation, oldest logged first. */
  awaiting(ids: readonly string[]): Promise<AwaitingMeetingRow[]> {
    return this.db.query<AwaitingMeetingRow>(
      `SELECT id AS "meetingId", relationship_id AS "relationshipId", occurred_on::text AS "occurredOn", logged_at AS "loggedAt",
         mentee_confirmed_at IS NOT NULL AS "menteeConfirmed", mentor_confirmed_at IS NOT NULL AS "mentorConfirmed"
       FROM meeting WHERE relationship_id = ANY($1::uuid[]) AND status = 'AWAITING_CONFIRMATION' ORDER BY logged_at, id`,
      [ids],
    );
  }

  /** Records an occurrence as sent; false when it already was (then nothing is published again). */
  async markSent(tx: Tx, relationshipId: string, nudge: string, occurrence: string, at: Date): Promise<boolean> {
    const rows = await tx.query(
      `INSERT INTO nudge_sent (relationship_id, nudge, occurrence, sent_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT DO NOTHING RETURNING occurrence`,
      [relationshipId, nudge, occurrence, at],
    );
    return rows.length > 0;
  }
}
