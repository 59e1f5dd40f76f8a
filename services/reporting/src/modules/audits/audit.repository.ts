import type { Database, Tx } from '@tandem/subgraph-kit';

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
  /** The scope: a programme, an organisation's programmes, or the whole platform (both null). */
  programmeId: string | null;
  organizationId: string | null;
  /** sha256(seed) in hex, published with the cycle. */
  seedCommitment: string;
  /** False for cycles opened before the population was kept. */
  populationRecorded: boolean;
}

/** One person of a cycle's population as the draw saw them: the stratum and the risk it used. */
export interface PopulationMemberRow {
  userId: string;
  programmeId: string | null;
  riskScore: number;
}

/** A member of a cycle's population as published: with whether the draw selected them. */
export interface PublishedMemberRow extends PopulationMemberRow {
  selected: boolean;
}

/** What an audit cycle samples: one programme, the programmes of one organisation, or everything (both null). */
export interface AuditScope {
  programmeId: string | null;
  organizationId: string | null;
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
  /** The member's own answer, once submitted (documents are then frozen). */
  memberAnswer: string | null;
  answeredAt: Date | null;
}

/** A selection with its cycle's opening time (the order of a person's own list). */
export interface SelectionOfUserRow extends SelectionRow {
  openedAt: Date;
}

export interface PopulationRow {
  userId: string;
  programmeId: string | null;
  hours: number;
  targetHours: number | null;
  durationWeeks: number | null;
}

const AUDIT = `id, period_from::text AS "periodFrom", period_to::text AS "periodTo", sample_rate::float8 AS "sampleRate", seed, strategy,
  opened_by AS "openedBy", opened_at AS "openedAt", due_on::text AS "dueOn", population,
  programme_id AS "programmeId", organization_id AS "organizationId", seed_commitment AS "seedCommitment",
  population_recorded AS "populationRecorded"`;
const SELECTION = `s.id, s.audit_id AS "auditId", s.user_id AS "userId", s.programme_id AS "programmeId", s.risk_score::float8 AS "riskScore",
  s.claimed_hours::float8 AS "claimedHours", s.due_on::text AS "dueOn", s.outcome, s.verified_hours::float8 AS "verifiedHours",
  s.reviewer_id AS "reviewerId", s.reviewer_notes AS "reviewerNotes", s.decided_at AS "decidedAt",
  s.member_answer AS "memberAnswer", s.answered_at AS "answeredAt"`;

/**
 * SQL: the entry's programme (column `col`) is in the scope given by the programme (`p`) and organisation (`o`)
 * parameters; both null: anywhere.
 */
export const IN_SCOPE = (col: string, p: string, o: string) =>
  `(${p}::uuid IS NULL OR ${col} = ${p}::uuid)
   AND (${o}::uuid IS NULL OR ${col} IN (SELECT sp.id FROM programme sp WHERE ${o}::uuid = ANY(sp.organization_ids)))`;

/** Audit cycles, their selections and the counterpart verifications. */
export class AuditRepository {
  constructor(private readonly db: Database) {}

  /**
   * People with net verified hours in the period within the scope (only the scope's entries count), with their
   * main programme there (most hours) and its terms.
   */
  async population(from: string, to: string, scope: AuditScope): Promise<PopulationRow[]> {
    return this.db.query<PopulationRow>(
      `WITH per_programme AS (
         SELECT user_id, programme_id, sum(hours) AS hours FROM cpd_entry
         WHERE occurred_on BETWEEN $1 AND $2 AND seq IS NOT NULL AND ${IN_SCOPE('programme_id', '$3', '$4')}
         GROUP BY user_id, programme_id
       ), ranked AS (
         SELECT user_id, programme_id, sum(hours) OVER (PARTITION BY user_id) AS total,
                row_number() OVER (PARTITION BY user_id ORDER BY hours DESC, programme_id) AS rn
         FROM per_programme
       )
       SELECT r.user_id AS "userId", r.programme_id AS "programmeId", r.total::float8 AS hours,
              p.target_hours::float8 AS "targetHours", p.duration_weeks AS "durationWeeks"
       FROM ranked r LEFT JOIN programme p ON p.id = r.programme_id
       WHERE r.rn = 1 AND r.total > 0 ORDER BY r.user_id`,
      [from, to, scope.programmeId, scope.organizationId],
    );
  }

  async priorOutcomes(userIds: string[]): Promise<Map<string, { failed: number; partial: number }>> {
    const rows = await this.db.query<{ userId: string; failed: number; partial: number }>(
      `SELECT user_id AS "userId", count(*) FILTER (WHERE outcome IN ('NOT_VERIFIED', 'NO_RESPONSE'))::int AS failed,
              count(*) FILTER (WHERE outcome = 'PARTIALLY_VERIFIED')::int AS partial
       FROM audit_selection WHERE user_id = ANY($1::uuid[]) AND outcome IS NOT NULL GROUP BY user_id`,
      [userIds],
    );
    return new Map(rows.map((r) => [r.userId, { failed: r.failed, partial: r.partial }]));
  }

  async insertAudit(tx: Tx, a: AuditRow): Promise<void> {
    await tx.execute(
      `INSERT INTO audit (id, period_from, period_to, sample_rate, seed, strategy, opened_by, opened_at, due_on, population,
         programme_id, organization_id, seed_commitment, population_recorded) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14)`,
      [
        a.id,
        a.periodFrom,
        a.periodTo,
        a.sampleRate,
        a.seed,
        a.strategy,
        a.openedBy,
        a.openedAt,
        a.dueOn,
        a.population,
        a.programmeId,
        a.organizationId,
        a.seedCommitment,
        a.populationRecorded,
      ],
    );
  }

  /** The population a cycle drew from (one statement whatever its size). */
  async insertPopulation(tx: Tx, auditId: string, members: PopulationMemberRow[]): Promise<void> {
    if (!members.length) return;
    await tx.execute(
      `INSERT INTO audit_population (audit_id, user_id, programme_id, risk_score)
       SELECT $1, (x->>'userId')::uuid, (x->>'programmeId')::uuid, (x->>'riskScore')::numeric
       FROM jsonb_array_elements($2::jsonb) x`,
      [auditId, JSON.stringify(members)],
    );
  }

  /** A cycle's population in the order of the people's ids (the order the draw reads it in). */
  async populationOf(auditId: string): Promise<PublishedMemberRow[]> {
    return this.db.query<PublishedMemberRow>(
      `SELECT p.user_id AS "userId", p.programme_id AS "programmeId", p.risk_score::float8 AS "riskScore",
              (s.id IS NOT NULL) AS selected
       FROM audit_population p LEFT JOIN audit_selection s ON s.audit_id = p.audit_id AND s.user_id = p.user_id
       WHERE p.audit_id = $1 ORDER BY p.user_id`,
      [auditId],
    );
  }

  /** Whether the programme, or the organisation, is known to reporting (from the programme service's events). */
  async scopeExists(kind: 'programme' | 'organization', id: string): Promise<boolean> {
    const table = kind === 'programme' ? 'programme' : 'organization';
    return !!(await this.db.one(`SELECT 1 AS x FROM ${table} WHERE id = $1`, [id]));
  }

  /** Every selection of a new cycle, in one statement whatever the sample size. */
  async insertSelections(
    tx: Tx,
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
    await tx.execute(
      `INSERT INTO audit_selection (id, audit_id, user_id, programme_id, risk_score, claimed_hours, due_on)
       SELECT (x->>'id')::uuid, $1, (x->>'userId')::uuid, (x->>'programmeId')::uuid, (x->>'riskScore')::numeric, (x->>'claimedHours')::numeric, $2
       FROM jsonb_array_elements($3::jsonb) x`,
      [auditId, dueOn, JSON.stringify(selections)],
    );
  }

  async audits(limit: number): Promise<AuditRow[]> {
    return this.db.query<AuditRow>(`SELECT ${AUDIT} FROM audit ORDER BY opened_at DESC, id LIMIT $1`, [limit]);
  }

  /** A page of cycles, newest first (ties by id): `limit` rows after the cursor's (opened at, id). */
  async auditsPage(after: [string, string] | null, limit: number): Promise<AuditRow[]> {
    return this.db.query<AuditRow>(
      `SELECT ${AUDIT} FROM audit WHERE $1::timestamptz IS NULL OR (opened_at, id) < ($1::timestamptz, $2::uuid)
       ORDER BY opened_at DESC, id DESC LIMIT $3`,
      [after?.[0] ?? null, after?.[1] ?? null, limit],
    );
  }

  async countAudits(): Promise<number> {
    return (await this.db.one<{ n: number }>(`SELECT count(*)::int AS n FROM audit`))!.n;
  }

  async audit(id: string): Promise<AuditRow | null> {
    return this.db.one<AuditRow>(`SELECT ${AUDIT} FROM audit WHERE id = $1`, [id]);
  }

  async selectionsOfAudits(auditIds: readonly string[]): Promise<SelectionRow[]> {
    return this.db.query<SelectionRow>(
      `SELECT ${SELECTION} FROM audit_selection s WHERE s.audit_id = ANY($1::uuid[]) ORDER BY s.audit_id, s.user_id`,
      [auditIds],
    );
  }

  /** A page of a cycle's selections in the order of the people's ids: `limit` rows after the cursor's (person, id). */
  async selectionsPage(auditId: string, after: [string, string] | null, limit: number): Promise<SelectionRow[]> {
    return this.db.query<SelectionRow>(
      `SELECT ${SELECTION} FROM audit_selection s
       WHERE s.audit_id = $1 AND ($2::uuid IS NULL OR (s.user_id, s.id) > ($2::uuid, $3::uuid))
       ORDER BY s.user_id, s.id LIMIT $4`,
      [auditId, after?.[0] ?? null, after?.[1] ?? null, limit],
    );
  }

  async countSelections(auditId: string): Promise<number> {
    return (await this.db.one<{ n: number }>(`SELECT count(*)::int AS n FROM audit_selection WHERE audit_id = $1`, [
      auditId,
    ]))!.n;
  }

  /** A page of a person's own selections, newest cycle first: `limit` rows after the cursor's (opened at, id). */
  async selectionsOfUserPage(
    userId: string,
    after: [string, string] | null,
    limit: number,
  ): Promise<SelectionOfUserRow[]> {
    return this.db.query<SelectionOfUserRow>(
      `SELECT ${SELECTION}, a.opened_at AS "openedAt" FROM audit_selection s JOIN audit a ON a.id = s.audit_id
       WHERE s.user_id = $1 AND ($2::timestamptz IS NULL OR (a.opened_at, s.id) < ($2::timestamptz, $3::uuid))
       ORDER BY a.opened_at DESC, s.id DESC LIMIT $4`,
      [userId, after?.[0] ?? null, after?.[1] ?? null, limit],
    );
  }

  async countSelectionsOfUser(userId: string): Promise<number> {
    return (await this.db.one<{ n: number }>(`SELECT count(*)::int AS n FROM audit_selection WHERE user_id = $1`, [
      userId,
    ]))!.n;
  }

  async selectionsOfUser(userId: string): Promise<SelectionRow[]> {
    return this.db.query<SelectionRow>(
      `SELECT ${SELECTION} FROM audit_selection s JOIN audit a ON a.id = s.audit_id WHERE s.user_id = $1 ORDER BY a.opened_at DESC`,
      [userId],
    );
  }

  async selection(id: string): Promise<SelectionRow | null> {
    return this.db.one<SelectionRow>(`SELECT ${SELECTION} FROM audit_selection s WHERE s.id = $1`, [id]);
  }

  /** The selection, locked until the transaction ends (answers are not taken once it is decided). */
  async lockSelection(tx: Tx, id: string): Promise<SelectionRow | null> {
    return tx.one<SelectionRow>(`SELECT ${SELECTION} FROM audit_selection s WHERE s.id = $1 FOR UPDATE`, [id]);
  }

  async decide(
    tx: Tx,
    id: string,
    outcome: string,
    verifiedHours: number,
    reviewerId: string | null,
    notes: string | null,
  ): Promise<boolean> {
    const decided = await tx.execute(
      `UPDATE audit_selection SET outcome = $2, verified_hours = $3, reviewer_id = $4, reviewer_notes = $5, decided_at = now() WHERE id = $1 AND outcome IS NULL`,
      [id, outcome, verifiedHours, reviewerId, notes],
    );
    return decided > 0;
  }

  /** Selections past their deadline, undecided, with no answer at all. */
  async overdueWithoutAnswer(today: string): Promise<string[]> {
    const rows = await this.db.query<{ id: string }>(
      `SELECT s.id FROM audit_selection s WHERE s.outcome IS NULL AND s.due_on < $1
         AND NOT EXISTS (SELECT 1 FROM audit_verification v WHERE v.selection_id = s.id AND v.answer IS NOT NULL)`,
      [today],
    );
    return rows.map((r) => r.id);
  }

  /** Undecided selections inside a lead window (days before the deadline) not yet reminded for it: the nearest lead of each. */
  async dueReminders(tx: Tx, today: string, leads: readonly number[]): Promise<DueReminderRow[]> {
    return tx.query<DueReminderRow>(
      `SELECT DISTINCT ON (s.id) s.id AS "selectionId", s.audit_id AS "auditId", s.user_id AS "userId",
              to_char(s.due_on, 'YYYY-MM-DD') AS "dueOn", (s.due_on - $1::date) AS "daysLeft", l AS "leadDays"
         FROM audit_selection s
         JOIN audit a ON a.id = s.audit_id
         CROSS JOIN unnest($2::int[]) AS l
        WHERE s.outcome IS NULL
          AND s.due_on >= $1::date
          AND s.due_on - $1::date <= l
          AND a.opened_at::date < s.due_on - l
          AND NOT EXISTS (SELECT 1 FROM audit_reminder r WHERE r.selection_id = s.id AND r.lead_days = l)
        ORDER BY s.id, l ASC`,
      [today, [...leads]],
    );
  }

  /** Records the reminder for `lead` (false when another run recorded it first) and marks the `covered` leads done. */
  async markReminded(tx: Tx, selectionId: string, lead: number, covered: readonly number[]): Promise<boolean> {
    const inserted = await tx.query(
      `INSERT INTO audit_reminder (selection_id, lead_days, sent_at) VALUES ($1, $2, now())
         ON CONFLICT DO NOTHING RETURNING lead_days`,
      [selectionId, lead],
    );
    if (inserted.length === 0) return false;
    await tx.query(
      `INSERT INTO audit_reminder (selection_id, lead_days, sent_at)
         SELECT $1, l, now() FROM unnest($2::int[]) AS l ON CONFLICT DO NOTHING`,
      [selectionId, [...covered]],
    );
    return true;
  }
}

/** A reminder the audit clock owes a selected member. */
export interface DueReminderRow {
  selectionId: string;
  auditId: string;
  userId: string;
  dueOn: string;
  daysLeft: number;
  leadDays: number;
}
