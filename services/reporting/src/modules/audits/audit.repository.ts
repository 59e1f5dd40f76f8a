import type { DataSource, EntityManager } from 'typeorm';
import { returnedRows } from '../../database/sql';

export interface AuditRow {
  id: string;
  periodFrom: string;
  periodTo: string;
  sampleRate: number;
  seed: string;
  strategy: string;
  openedBy: string;
  openedAt: Date;
  dueOn: string;
  population: number;
}

export interface SelectionRow {
  id: string;
  auditId: string;
  userId: string;
  programmeId: string | null;
  riskScore: number;
  claimedHours: number;
  dueOn: string;
  outcome: string | null;
  verifiedHours: number | null;
  reviewerId: string | null;
  reviewerNotes: string | null;
  decidedAt: Date | null;
}

export interface VerificationRow {
  selectionId: string;
  meetingId: string;
  verifierId: string;
  subjectId: string;
  relationshipId: string | null;
  occurredOn: string;
  hours: number;
  topics: string[];
  answer: string | null;
  note: string | null;
  answeredAt: Date | null;
  dueOn: string;
  decided: boolean;
}

export interface PopulationRow {
  userId: string;
  programmeId: string | null;
  hours: number;
  targetHours: number | null;
  durationWeeks: number | null;
}

const AUDIT = `id, period_from::text AS "periodFrom", period_to::text AS "periodTo", sample_rate::float8 AS "sampleRate", seed, strategy,
  opened_by AS "openedBy", opened_at AS "openedAt", due_on::text AS "dueOn", population`;
const SELECTION = `s.id, s.audit_id AS "auditId", s.user_id AS "userId", s.programme_id AS "programmeId", s.risk_score::float8 AS "riskScore",
  s.claimed_hours::float8 AS "claimedHours", s.due_on::text AS "dueOn", s.outcome, s.verified_hours::float8 AS "verifiedHours",
  s.reviewer_id AS "reviewerId", s.reviewer_notes AS "reviewerNotes", s.decided_at AS "decidedAt"`;
const VERIFICATION = `v.selection_id AS "selectionId", v.meeting_id AS "meetingId", v.verifier_id AS "verifierId", s.user_id AS "subjectId",
  v.relationship_id AS "relationshipId", v.occurred_on::text AS "occurredOn", v.hours::float8 AS hours, v.topics, v.answer, v.note,
  v.answered_at AS "answeredAt", s.due_on::text AS "dueOn", (s.outcome IS NOT NULL) AS decided`;

/** Audit cycles, their selections and the counterpart verifications. */
export class AuditRepository {
  constructor(readonly dataSource: DataSource) {}

  /** People with net verified hours in the period, with their main programme (most hours) and its terms. */
  async population(from: string, to: string): Promise<PopulationRow[]> {
    return this.dataSource.query(
      `WITH per_programme AS (
         SELECT user_id, programme_id, sum(hours) AS hours FROM cpd_entry
         WHERE occurred_on BETWEEN $1 AND $2 AND seq IS NOT NULL GROUP BY user_id, programme_id
       ), ranked AS (
         SELECT user_id, programme_id, sum(hours) OVER (PARTITION BY user_id) AS total,
                row_number() OVER (PARTITION BY user_id ORDER BY hours DESC, programme_id) AS rn
         FROM per_programme
       )
       SELECT r.user_id AS "userId", r.programme_id AS "programmeId", r.total::float8 AS hours,
              p.target_hours::float8 AS "targetHours", p.duration_weeks AS "durationWeeks"
       FROM ranked r LEFT JOIN programme p ON p.id = r.programme_id
       WHERE r.rn = 1 AND r.total > 0 ORDER BY r.user_id`,
      [from, to],
    );
  }

  async disputedMeetings(userIds: string[], from: string, to: string): Promise<Map<string, number>> {
    const rows: Array<{ user_id: string; n: number }> = await this.dataSource.query(
      `SELECT u.user_id, count(*)::int AS n FROM meeting m
       CROSS JOIN LATERAL (VALUES (m.mentor_id), (m.mentee_id)) AS u(user_id)
       WHERE m.status = 'DISPUTED' AND u.user_id = ANY($1::uuid[]) AND (m.occurred_on IS NULL OR m.occurred_on BETWEEN $2 AND $3)
       GROUP BY u.user_id`,
      [userIds, from, to],
    );
    return new Map(rows.map((r) => [r.user_id, r.n]));
  }

  async priorOutcomes(userIds: string[]): Promise<Map<string, { failed: number; partial: number }>> {
    const rows: Array<{ user_id: string; failed: number; partial: number }> = await this.dataSource.query(
      `SELECT user_id, count(*) FILTER (WHERE outcome IN ('NOT_VERIFIED', 'NO_RESPONSE'))::int AS failed,
              count(*) FILTER (WHERE outcome = 'PARTIALLY_VERIFIED')::int AS partial
       FROM audit_selection WHERE user_id = ANY($1::uuid[]) AND outcome IS NOT NULL GROUP BY user_id`,
      [userIds],
    );
    return new Map(rows.map((r) => [r.user_id, { failed: r.failed, partial: r.partial }]));
  }

  async insertAudit(m: EntityManager, a: AuditRow): Promise<void> {
    await m.query(
      `INSERT INTO audit (id, period_from, period_to, sample_rate, seed, strategy, opened_by, opened_at, due_on, population) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10)`,
      [a.id, a.periodFrom, a.periodTo, a.sampleRate, a.seed, a.strategy, a.openedBy, a.openedAt, a.dueOn, a.population],
    );
  }

  /** Every selection of a new cycle, in one statement whatever the sample size. */
  async insertSelections(
    m: EntityManager,
    auditId: string,
    dueOn: string,
    selections: Array<{
      id: string;
      userId: string;
      programmeId: string | null;
      riskScore: number;
      claimedHours: number;
    }>,
  ): Promise<void> {
    if (!selections.length) return;
    await m.query(
      `INSERT INTO audit_selection (id, audit_id, user_id, programme_id, risk_score, claimed_hours, due_on)
       SELECT (x->>'id')::uuid, $1, (x->>'userId')::uuid, (x->>'programmeId')::uuid, (x->>'riskScore')::numeric, (x->>'claimedHours')::numeric, $2
       FROM jsonb_array_elements($3::jsonb) x`,
      [auditId, dueOn, JSON.stringify(selections)],
    );
  }

  /**
   * Asks the counterparts about every selected person's live meeting entries in the period (one statement),
   * and returns the requests per selection and verifier, meetings in date order.
   */
  async requestVerifications(
    m: EntityManager,
    auditId: string,
    from: string,
    to: string,
  ): Promise<Array<{ selectionId: string; subjectId: string; verifierId: string; meetingIds: string[] }>> {
    await m.query(
      `INSERT INTO audit_verification (selection_id, meeting_id, verifier_id, relationship_id, occurred_on, hours, topics)
       SELECT s.id, e.meeting_id, e.counterpart_id, e.relationship_id, e.occurred_on, e.hours, e.topics
       FROM audit_selection s JOIN cpd_entry e ON e.user_id = s.user_id
       WHERE s.audit_id = $1 AND e.kind = 'MEETING' AND e.occurred_on BETWEEN $2 AND $3 AND e.counterpart_id IS NOT NULL AND e.meeting_id IS NOT NULL
         AND NOT EXISTS (SELECT 1 FROM cpd_entry r WHERE r.reverses_entry_id = e.id)
       ON CONFLICT DO NOTHING`,
      [auditId, from, to],
    );
    return m.query(
      `SELECT v.selection_id AS "selectionId", s.user_id AS "subjectId", v.verifier_id AS "verifierId",
              array_agg(v.meeting_id ORDER BY v.occurred_on, v.meeting_id) AS "meetingIds"
       FROM audit_verification v JOIN audit_selection s ON s.id = v.selection_id
       WHERE s.audit_id = $1 GROUP BY v.selection_id, s.user_id, v.verifier_id ORDER BY v.selection_id, v.verifier_id`,
      [auditId],
    );
  }

  async audits(limit: number): Promise<AuditRow[]> {
    return this.dataSource.query(`SELECT ${AUDIT} FROM audit ORDER BY opened_at DESC, id LIMIT $1`, [limit]);
  }

  async audit(id: string): Promise<AuditRow | null> {
    return (await this.dataSource.query(`SELECT ${AUDIT} FROM audit WHERE id = $1`, [id]))[0] ?? null;
  }

  async selectionsOfAudits(auditIds: readonly string[]): Promise<SelectionRow[]> {
    return this.dataSource.query(
      `SELECT ${SELECTION} FROM audit_selection s WHERE s.audit_id = ANY($1::uuid[]) ORDER BY s.audit_id, s.user_id`,
      [auditIds],
    );
  }

  async selectionsOfUser(userId: string): Promise<SelectionRow[]> {
    return this.dataSource.query(
      `SELECT ${SELECTION} FROM audit_selection s JOIN audit a ON a.id = s.audit_id WHERE s.user_id = $1 ORDER BY a.opened_at DESC`,
      [userId],
    );
  }

  async selection(m: EntityManager | DataSource, id: string, lock = false): Promise<SelectionRow | null> {
    return (
      (
        await m.query(`SELECT ${SELECTION} FROM audit_selection s WHERE s.id = $1 ${lock ? 'FOR UPDATE' : ''}`, [id])
      )[0] ?? null
    );
  }

  async verificationsOfSelections(selectionIds: readonly string[]): Promise<VerificationRow[]> {
    return this.dataSource.query(
      `SELECT ${VERIFICATION} FROM audit_verification v JOIN audit_selection s ON s.id = v.selection_id WHERE v.selection_id = ANY($1::uuid[]) ORDER BY v.occurred_on, v.meeting_id`,
      [selectionIds],
    );
  }

  async verificationsFor(
    m: EntityManager | DataSource,
    verifierId: string,
    selectionId?: string,
  ): Promise<VerificationRow[]> {
    return m.query(
      `SELECT ${VERIFICATION} FROM audit_verification v JOIN audit_selection s ON s.id = v.selection_id
       WHERE v.verifier_id = $1 AND ($2::uuid IS NULL OR v.selection_id = $2) ORDER BY s.due_on, v.selection_id, v.occurred_on`,
      [verifierId, selectionId ?? null],
    );
  }

  async answer(
    m: EntityManager,
    selectionId: string,
    meetingId: string,
    verifierId: string,
    answer: string,
    note: string | null,
  ): Promise<void> {
    await m.query(
      `UPDATE audit_verification SET answer = $4, note = $5, answered_at = now() WHERE selection_id = $1 AND meeting_id = $2 AND verifier_id = $3`,
      [selectionId, meetingId, verifierId, answer, note],
    );
  }

  async decide(
    m: EntityManager,
    id: string,
    outcome: string,
    verifiedHours: number,
    reviewerId: string | null,
    notes: string | null,
  ): Promise<boolean> {
    const rows = returnedRows(
      await m.query(
        `UPDATE audit_selection SET outcome = $2, verified_hours = $3, reviewer_id = $4, reviewer_notes = $5, decided_at = now() WHERE id = $1 AND outcome IS NULL RETURNING id`,
        [id, outcome, verifiedHours, reviewerId, notes],
      ),
    );
    return rows.length > 0;
  }

  /** True when the reviewer has (or had) a relationship with the person. */
  async hasRelationshipWith(reviewerId: string, userId: string): Promise<boolean> {
    return (
      (
        await this.dataSource.query(
          `SELECT 1 FROM relationship WHERE (mentor_id = $1 AND mentee_id = $2) OR (mentor_id = $2 AND mentee_id = $1) LIMIT 1`,
          [reviewerId, userId],
        )
      ).length > 0
    );
  }

  /** Selections past their deadline, undecided, with no answer at all. */
  async overdueWithoutAnswer(today: string): Promise<string[]> {
    const rows: Array<{ id: string }> = await this.dataSource.query(
      `SELECT s.id FROM audit_selection s WHERE s.outcome IS NULL AND s.due_on < $1
         AND NOT EXISTS (SELECT 1 FROM audit_verification v WHERE v.selection_id = s.id AND v.answer IS NOT NULL)`,
      [today],
    );
    return rows.map((r) => r.id);
  }
}
