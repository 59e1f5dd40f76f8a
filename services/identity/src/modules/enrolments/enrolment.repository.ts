import type { ParticipantRole } from '@tandem/contracts';
import type { Database, Tx } from '@tandem/subgraph-kit';

/** A row of identity.enrollment: a person in a programme as MENTOR or MENTEE, perhaps in a cohort. */
export interface EnrolmentRow {
  id: string;
  programmeId: string;
  userId: string;
  role: ParticipantRole;
  cohortId: string | null;
  enrolledAt: Date;
  /** enrolled_at with microseconds, for keyset cursors. */
  cursorAt: string;
}

const COLUMNS = `e.id, e.program_id AS "programmeId", e.user_id AS "userId", e.role, e.cohort_id AS "cohortId", e.enrolled_at AS "enrolledAt",
  to_char(e.enrolled_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS "cursorAt"`;
/** Whose enrolments: one person's, or one programme's (of one organisation's people only, when given). */
export type EnrolmentScope = { userId: string } | { programmeId: string; organizationId: string | null };
const WHERE = `($1::uuid IS NULL OR e.user_id = $1) AND ($2::uuid IS NULL OR e.program_id = $2)
  AND ($3::uuid IS NULL OR EXISTS (SELECT 1 FROM "user" u WHERE u.id = e.user_id AND u.organization_id = $3))`;
const scopeParams = (s: EnrolmentScope) =>
  'userId' in s ? [s.userId, null, null] : [null, s.programmeId, s.organizationId];

/** Enrolments in programmes (identity.enrollment), in the order people enrolled. */
export class EnrolmentRepository {
  constructor(private readonly db: Database) {}

  /** Inserts or moves to another cohort; returns the row. */
  async enrol(tx: Tx, e: Omit<EnrolmentRow, 'enrolledAt' | 'cursorAt'>): Promise<EnrolmentRow> {
    const row = await tx.one<EnrolmentRow>(
      `INSERT INTO enrollment AS e (id, program_id, user_id, role, cohort_id) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (program_id, user_id, role) DO UPDATE SET cohort_id = EXCLUDED.cohort_id
       RETURNING ${COLUMNS}`,
      [e.id, e.programmeId, e.userId, e.role, e.cohortId],
    );
    return row!;
  }

  /** Every enrolment in scope, oldest first. */
  all(scope: EnrolmentScope): Promise<EnrolmentRow[]> {
    return this.db.query<EnrolmentRow>(
      `SELECT ${COLUMNS} FROM enrollment e WHERE ${WHERE} ORDER BY e.enrolled_at, e.id`,
      scopeParams(scope),
    );
  }

  /** Oldest first: `limit` rows after the cursor `[enrolledAt, id]`. */
  page(scope: EnrolmentScope, after: [string, string] | null, limit: number): Promise<EnrolmentRow[]> {
    return this.db.query<EnrolmentRow>(
      `SELECT ${COLUMNS} FROM enrollment e WHERE ${WHERE}
         AND ($4::timestamptz IS NULL OR (e.enrolled_at, e.id) > ($4, $5::uuid))
       ORDER BY e.enrolled_at, e.id LIMIT $6`,
      [...scopeParams(scope), after?.[0] ?? null, after?.[1] ?? null, limit],
    );
  }

  async count(scope: EnrolmentScope): Promise<number> {
    const row = await this.db.one<{ n: number }>(
      `SELECT count(*)::int AS n FROM enrollment e WHERE ${WHERE}`,
      scopeParams(scope),
    );
    return row!.n;
  }
}
