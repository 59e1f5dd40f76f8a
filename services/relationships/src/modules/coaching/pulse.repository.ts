import { randomUUID } from 'node:crypto';
import type { Database, Queryable, Tx } from '@tandem/subgraph-kit';

export type PulseRole = 'MENTEE' | 'MENTOR';

/** A row of `pulse`: a question asked of both partners; open until both answered (`closedAt`). */
export interface PulseRow {
  id: string;
  relationshipId: string;
  question: string;
  askedBy: string;
  askedAt: Date;
  closedAt: Date | null;
}

/** A row of `pulse_answer`: one partner's answer to a pulse. */
export interface PulseAnswerRow {
  pulseId: string;
  relationshipId: string;
  respondentId: string;
  role: PulseRole;
  score: number;
  note: string | null;
  answeredAt: Date;
}

const PULSE = `id, relationship_id AS "relationshipId", question, asked_by AS "askedBy", asked_at AS "askedAt",
  closed_at AS "closedAt"`;
const ANSWER = `a.pulse_id AS "pulseId", p.relationship_id AS "relationshipId", a.respondent_id AS "respondentId",
  a.role, a.score, a.note, a.answered_at AS "answeredAt"`;

/** Reads and writes pulse check-ins and their answers. */
export class PulseRepository {
  constructor(private readonly db: Database) {}

  /** Newest first. */
  async forRelationships(ids: readonly string[]): Promise<PulseRow[]> {
    return this.db.query<PulseRow>(
      `SELECT ${PULSE} FROM pulse WHERE relationship_id = ANY($1::uuid[]) ORDER BY asked_at DESC, id`,
      [ids],
    );
  }

  /** Every answer to the pulses of these relationships (one statement for a page of relationships). */
  async answersOfRelationships(ids: readonly string[]): Promise<PulseAnswerRow[]> {
    return this.db.query<PulseAnswerRow>(
      `SELECT ${ANSWER} FROM pulse_answer a JOIN pulse p ON p.id = a.pulse_id WHERE p.relationship_id = ANY($1::uuid[])
       ORDER BY a.answered_at`,
      [ids],
    );
  }

  async byId(id: string, on: Queryable = this.db): Promise<PulseRow | null> {
    const rows = await on.query<PulseRow>(`SELECT ${PULSE} FROM pulse WHERE id = $1`, [id]);
    return rows[0] ?? null;
  }

  async openOf(tx: Tx, relationshipId: string): Promise<PulseRow | null> {
    const rows = await tx.query<PulseRow>(
      `SELECT ${PULSE} FROM pulse WHERE relationship_id = $1 AND closed_at IS NULL`,
      [relationshipId],
    );
    return rows[0] ?? null;
  }

  async insert(tx: Tx, p: Omit<PulseRow, 'id' | 'closedAt'>): Promise<PulseRow> {
    return (await tx.one<PulseRow>(
      `INSERT INTO pulse (id, relationship_id, question, asked_by, asked_at) VALUES ($1, $2, $3, $4, $5) RETURNING ${PULSE}`,
      [randomUUID(), p.relationshipId, p.question, p.askedBy, p.askedAt],
    ))!;
  }

  async answersOfPulse(tx: Tx, pulseId: string): Promise<PulseAnswerRow[]> {
    return tx.query<PulseAnswerRow>(
      `SELECT ${ANSWER} FROM pulse_answer a JOIN pulse p ON p.id = a.pulse_id WHERE a.pulse_id = $1`,
      [pulseId],
    );
  }

  async insertAnswer(tx: Tx, a: Omit<PulseAnswerRow, 'relationshipId'>): Promise<void> {
    await tx.execute(
      `INSERT INTO pulse_answer (pulse_id, respondent_id, role, score, note, answered_at) VALUES ($1, $2, $3, $4, $5, $6)`,
      [a.pulseId, a.respondentId, a.role, a.score, a.note, a.answeredAt],
    );
  }

  async close(tx: Tx, pulseId: string, at: Date): Promise<void> {
    await tx.execute(`UPDATE pulse SET closed_at = $2 WHERE id = $1`, [pulseId, at]);
  }

  /** Each partner's latest answer, per relationship (what the at-risk rules read). */
  async latestAnswers(ids: readonly string[], on: Queryable = this.db): Promise<PulseAnswerRow[]> {
    return on.query<PulseAnswerRow>(
      `SELECT DISTINCT ON (p.relationship_id, a.role) ${ANSWER}
       FROM pulse_answer a JOIN pulse p ON p.id = a.pulse_id WHERE p.relationship_id = ANY($1::uuid[])
       ORDER BY p.relationship_id, a.role, a.answered_at DESC`,
      [ids],
    );
  }

  /** The open pulses of these relationships, with the roles that answered them. */
  async openWithRoles(
    ids: readonly string[],
    on: Queryable = this.db,
  ): Promise<Array<PulseRow & { answeredRoles: PulseRole[] }>> {
    return on.query<PulseRow & { answeredRoles: PulseRole[] }>(
      `SELECT p.id, p.relationship_id AS "relationshipId", p.question, p.asked_by AS "askedBy", p.asked_at AS "askedAt",
         p.closed_at AS "closedAt", coalesce(array_agg(a.role) FILTER (WHERE a.role IS NOT NULL), '{}') AS "answeredRoles"
       FROM pulse p LEFT JOIN pulse_answer a ON a.pulse_id = p.id
       WHERE p.relationship_id = ANY($1::uuid[]) AND p.closed_at IS NULL GROUP BY p.id`,
      [ids],
    );
  }
}
