import type { DataSource } from 'typeorm';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Row = Record<string, any>;

/** Everything reporting records about a set of people: their CPD ledgers and the audits involving them. */
export interface ReportingRecords {
  entries: Row[];
  /** Audit selections of the people exported, with their audit's period. */
  selections: Row[];
  /** The meetings under verification in those selections (the counterparts' notes are not read). */
  checks: Row[];
  /** What the people exported were asked to verify as counterparts, with their answers and notes. */
  verifications: Row[];
}

/**
 * Reads the CPD ledger entries and audit records of people for their personal data export. Its read models
 * of other subgraphs' events (people, relationships, meetings, feedback ratings) are not read: the owning
 * subgraphs' sections have the originals.
 */
export class PersonalDataRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Four statements whatever the number of people. */
  async collect(userIds: readonly string[]): Promise<ReportingRecords> {
    const ids = [[...userIds]];
    const q = (sql: string): Promise<Row[]> => this.dataSource.query(sql, ids);
    const [entries, selections, checks, verifications] = await Promise.all([
      q(`SELECT id, user_id, seq, kind, occurred_on::text AS occurred_on, hours::float8 AS hours, role, relationship_id, programme_id, counterpart_id,
           cpd_category, meeting_id, revision, reverses_entry_id, start_time, duration_minutes, topics, homework, confirmed_by_mentor_at,
           confirmed_by_mentee_at, recorded_at, hash
         FROM cpd_entry WHERE user_id = ANY($1::uuid[]) ORDER BY user_id, seq NULLS LAST, recorded_at, id`),
      q(`SELECT s.id, s.audit_id, s.user_id, s.programme_id, s.risk_score::float8 AS risk_score, s.claimed_hours::float8 AS claimed_hours,
           s.due_on::text AS due_on, s.outcome, s.verified_hours::float8 AS verified_hours, s.reviewer_id, s.reviewer_notes, s.decided_at,
           a.period_from::text AS period_from, a.period_to::text AS period_to, a.strategy, a.opened_at
         FROM audit_selection s JOIN audit a ON a.id = s.audit_id WHERE s.user_id = ANY($1::uuid[]) ORDER BY a.opened_at, s.id`),
      q(`SELECT v.selection_id, v.meeting_id, v.verifier_id, v.relationship_id, v.occurred_on::text AS occurred_on, v.hours::float8 AS hours, v.topics,
           v.answer, v.answered_at
         FROM audit_verification v JOIN audit_selection s ON s.id = v.selection_id WHERE s.user_id = ANY($1::uuid[]) ORDER BY v.occurred_on, v.meeting_id`),
      q(`SELECT v.selection_id, v.meeting_id, v.verifier_id, v.relationship_id, v.occurred_on::text AS occurred_on, v.hours::float8 AS hours, v.topics,
           v.answer, v.note, v.answered_at, s.user_id AS subject_id, s.due_on::text AS due_on, s.outcome IS NOT NULL AS closed
         FROM audit_verification v JOIN audit_selection s ON s.id = v.selection_id WHERE v.verifier_id = ANY($1::uuid[]) ORDER BY v.occurred_on, v.meeting_id`),
    ]);
    return { entries, selections, checks, verifications };
  }
}
