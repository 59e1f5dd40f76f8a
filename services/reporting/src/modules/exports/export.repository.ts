import type { Database } from '@tandem/subgraph-kit';

/** One meeting row of a tracking sheet: the live (not reversed) ledger entry of the person. */
export interface SheetMeeting {
  meetingId: string;
  occurredOn: string;
  startTime: string | null;
  durationMinutes: number | null;
  hours: number;
  topics: string[];
  homework: string | null;
  confirmedByMentorAt: Date | null;
  confirmedByMenteeAt: Date | null;
}

/** A live meeting entry with what a letter groups it by. */
export interface LiveMeetingRow extends SheetMeeting {
  relationshipId: string;
  programmeId: string | null;
  role: string | null;
}

/** A meeting an audit took back: its counterpart denied it and the outcome reversed its entry (not counted). */
export interface DeniedMeetingRow {
  meetingId: string;
  relationshipId: string;
  programmeId: string | null;
  occurredOn: string;
  startTime: string | null;
  durationMinutes: number | null;
  /** The hours it had been credited (now reversed). */
  hours: number;
  /** When the audit's outcome was recorded. */
  decidedAt: Date;
}

/** The people and programme of a relationship, as evidence names them (pseudonyms after erasure). */
export interface SheetRelationship {
  relationshipId: string;
  programmeId: string | null;
  programmeName: string | null;
  cpdCategory: string | null;
  organizationName: string | null;
  organizationCity: string | null;
  organizationCountry: string | null;
  mentorId: string;
  mentorName: string | null;
  menteeId: string;
  menteeName: string | null;
  menteeEmail: string | null;
  menteePhone: string | null;
}

/** Reads what exports print: live ledger entries with the names and contact from the read models. */
export class ExportRepository {
  constructor(private readonly db: Database) {}

  async liveMeetings(userId: string, from: string, to: string): Promise<LiveMeetingRow[]> {
    return this.db.query<LiveMeetingRow>(
      `SELECT e.meeting_id AS "meetingId", e.role, e.relationship_id AS "relationshipId", e.programme_id AS "programmeId", e.occurred_on::text AS "occurredOn",
         e.start_time AS "startTime", e.duration_minutes AS "durationMinutes", e.hours::float8 AS hours, e.topics, e.homework,
         e.confirmed_by_mentor_at AS "confirmedByMentorAt", e.confirmed_by_mentee_at AS "confirmedByMenteeAt"
       FROM cpd_entry e
       WHERE e.user_id = $1 AND e.kind = 'MEETING' AND e.occurred_on BETWEEN $2 AND $3
         AND NOT EXISTS (SELECT 1 FROM cpd_entry r WHERE r.user_id = e.user_id AND r.reverses_entry_id = e.id)
       ORDER BY e.occurred_on, e.start_time NULLS LAST, e.seq`,
      [userId, from, to],
    );
  }

  /**
   * The meetings of the period an audit denied: a meeting entry reversed, with no live entry for the meeting since
   * (an amendment leaves one), that a decided selection of the person's audits found DENIED by its counterpart.
   */
  async deniedMeetings(userId: string, from: string, to: string): Promise<DeniedMeetingRow[]> {
    return this.db.query<DeniedMeetingRow>(
      `SELECT * FROM (
       SELECT DISTINCT ON (e.meeting_id) e.meeting_id AS "meetingId", e.relationship_id AS "relationshipId",
         e.programme_id AS "programmeId", e.occurred_on::text AS "occurredOn", e.start_time AS "startTime",
         e.duration_minutes AS "durationMinutes", e.hours::float8 AS hours, s.decided_at AS "decidedAt"
       FROM cpd_entry e
       JOIN cpd_entry r ON r.user_id = e.user_id AND r.reverses_entry_id = e.id
       JOIN audit_selection s ON s.user_id = e.user_id AND s.outcome IS NOT NULL
       JOIN audit_verification v ON v.selection_id = s.id AND v.meeting_id = e.meeting_id AND v.answer = 'DENIED'
       WHERE e.user_id = $1 AND e.kind = 'MEETING' AND e.occurred_on BETWEEN $2 AND $3
         AND NOT EXISTS (
           SELECT 1 FROM cpd_entry l WHERE l.user_id = e.user_id AND l.meeting_id = e.meeting_id AND l.kind = 'MEETING'
             AND NOT EXISTS (SELECT 1 FROM cpd_entry x WHERE x.user_id = l.user_id AND x.reverses_entry_id = l.id))
       -- an amended meeting has several reversed entries: the latest revision is the one the audit denied
       ORDER BY e.meeting_id, e.revision DESC NULLS LAST, s.decided_at DESC
       ) denied ORDER BY "occurredOn", "startTime" NULLS LAST`,
      [userId, from, to],
    );
  }

  async relationships(ids: string[]): Promise<SheetRelationship[]> {
    if (!ids.length) return [];
    return this.db.query<SheetRelationship>(
      `SELECT r.id AS "relationshipId", r.programme_id AS "programmeId", p.name AS "programmeName", p.cpd_category AS "cpdCategory",
         o.name AS "organizationName", o.city AS "organizationCity", o.country AS "organizationCountry",
         r.mentor_id AS "mentorId", mp.display_name AS "mentorName", r.mentee_id AS "menteeId", ep.display_name AS "menteeName",
         ep.email AS "menteeEmail", ep.phone AS "menteePhone"
       FROM relationship r
       LEFT JOIN programme p ON p.id = r.programme_id
       LEFT JOIN organization o ON o.id = coalesce(r.organization_id, p.organization_ids[1])
       LEFT JOIN person mp ON mp.user_id = r.mentor_id
       LEFT JOIN person ep ON ep.user_id = r.mentee_id
       WHERE r.id = ANY($1::uuid[])`,
      [ids],
    );
  }

  async personName(userId: string): Promise<string | null> {
    const row = await this.db.one<{ displayName: string | null }>(
      `SELECT display_name AS "displayName" FROM person WHERE user_id = $1`,
      [userId],
    );
    return row?.displayName ?? null;
  }
}
