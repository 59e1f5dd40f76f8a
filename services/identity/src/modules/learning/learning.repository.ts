import type { Database, Queryable, Tx } from '@tandem/subgraph-kit';
import type { Language } from '../language/language';
import type { LearningFields, LearningKindValue, LearningStageValue } from './learning.rules';

/** A row of identity.learning_resource. */
export interface LearningResourceRow {
  id: string;
  programmeId: string;
  title: string;
  kind: LearningKindValue;
  body: string | null;
  url: string | null;
  language: Language;
  stage: LearningStageValue;
  /** Its place among the programme's resources of the same stage (1 first). */
  position: number;
  updatedAt: Date;
}

const RESOURCE = `SELECT id, program_id AS "programmeId", title, kind, body, url, language, stage, position, updated_at AS "updatedAt"
  FROM learning_resource`;
const ORDER = `ORDER BY array_position(ARRAY['PREPARING_FIRST_MEETING','WRITING_AGREEMENT','ACTION_PLAN','MID_WAY','COMPLETING'], stage), position, id`;

/** The learning resources of programmes (identity.learning_resource), and who takes part in a programme. */
export class LearningRepository {
  constructor(private readonly db: Database) {}

  /** A programme's resources, by stage then position; one stage only when given. */
  ofProgramme(programmeId: string, stage: LearningStageValue | null, on: Queryable = this.db) {
    return on.query<LearningResourceRow>(
      `${RESOURCE} WHERE program_id = $1 AND ($2::text IS NULL OR stage = $2) ${ORDER}`,
      [programmeId, stage],
    );
  }

  byId(id: string, on: Queryable = this.db): Promise<LearningResourceRow | null> {
    return on.one<LearningResourceRow>(`${RESOURCE} WHERE id = $1`, [id]);
  }

  /** Locks the row for a change (null when gone). */
  lock(tx: Tx, id: string): Promise<LearningResourceRow | null> {
    return tx.one<LearningResourceRow>(`${RESOURCE} WHERE id = $1 FOR UPDATE`, [id]);
  }

  async count(tx: Tx, programmeId: string): Promise<number> {
    return (await tx.one<{ n: number }>(`SELECT count(*)::int AS n FROM learning_resource WHERE program_id = $1`, [
      programmeId,
    ]))!.n;
  }

  /** Adds a resource last of its stage. */
  async insert(tx: Tx, id: string, programmeId: string, f: LearningFields): Promise<void> {
    await tx.execute(
      `INSERT INTO learning_resource (id, program_id, title, kind, body, url, language, stage, position)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8,
         (SELECT coalesce(max(position), 0) + 1 FROM learning_resource WHERE program_id = $2 AND stage = $8))`,
      [id, programmeId, f.title, f.kind, f.body, f.url, f.language, f.stage],
    );
  }

  /** Changes a resource; moving it to another stage puts it last there. */
  async update(tx: Tx, id: string, f: LearningFields): Promise<void> {
    await tx.execute(
      `UPDATE learning_resource r SET title = $2, kind = $3, body = $4, url = $5, language = $6,
         position = CASE WHEN r.stage = $7 THEN r.position
           ELSE (SELECT coalesce(max(o.position), 0) + 1 FROM learning_resource o WHERE o.program_id = r.program_id AND o.stage = $7) END,
         stage = $7, updated_at = now()
       WHERE id = $1`,
      [id, f.title, f.kind, f.body, f.url, f.language, f.stage],
    );
  }

  async delete(tx: Tx, id: string): Promise<void> {
    await tx.execute(`DELETE FROM learning_resource WHERE id = $1`, [id]);
  }

  /** Sets the positions of a stage's resources to the order of `ids` (1 first). */
  async reorder(tx: Tx, programmeId: string, ids: readonly string[]): Promise<void> {
    await tx.execute(
      `UPDATE learning_resource r SET position = o.n, updated_at = now()
       FROM unnest($2::uuid[]) WITH ORDINALITY AS o(id, n) WHERE r.id = o.id AND r.program_id = $1`,
      [programmeId, [...ids]],
    );
  }

  /** Copies resources into a programme (its defaults), each stage in the order given. */
  async copyInto(tx: Tx, programmeId: string, resources: ReadonlyArray<LearningFields & { id: string }>) {
    for (const r of resources) await this.insert(tx, r.id, programmeId, r);
  }

  /**
   * Whether the person takes part in the programme: enrolled in it, named in one of its proposals, or a partner of
   * one of its relationships (facts learnt from matching's and relationships' events).
   */
  async takesPart(programmeId: string, userId: string): Promise<boolean> {
    const row = await this.db.one<{ yes: boolean }>(
      `SELECT (EXISTS (SELECT 1 FROM enrollment WHERE program_id = $1 AND user_id = $2)
         OR EXISTS (SELECT 1 FROM proposal_fact WHERE programme_id = $1 AND $2 IN (mentor_id, mentee_id))
         OR EXISTS (SELECT 1 FROM relationship_fact WHERE programme_id = $1 AND $2 IN (mentor_id, mentee_id))) AS yes`,
      [programmeId, userId],
    );
    return row?.yes ?? false;
  }
}
