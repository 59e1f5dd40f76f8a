import type { Database, Tx } from '@tandem/subgraph-kit';
import type { Language } from '../language/language';

export type TrainingGate = 'BEFORE_VISIBLE' | 'BEFORE_START';
export type TrainingAudience = 'MENTOR' | 'MENTEE' | 'BOTH';

/** A row of identity.training_module. */
export interface TrainingModuleRow {
  id: string;
  programmeId: string;
  title: string;
  summary: string;
  content: string | null;
  link: string | null;
  estimatedMinutes: number | null;
  required: boolean;
  gate: TrainingGate | null;
  audience: TrainingAudience;
  /** The language staff wrote it in; its other versions are in training_module_version. */
  language: Language;
  retiredAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

/** A row of identity.training_module_version: the module's text in another language. */
export interface TrainingModuleVersionRow {
  moduleId: string;
  language: Language;
  title: string;
  summary: string;
  content: string | null;
  link: string | null;
  updatedAt: Date;
}

/** A row of identity.training_completion. */
export interface TrainingCompletionRow {
  moduleId: string;
  userId: string;
  completedAt: Date;
  recordedBy: string;
  confirmation: string | null;
}

/** A row of identity.mentor_training_needs. */
export interface TrainingNeedsRow {
  userId: string;
  needs: string | null;
  tags: string[];
  updatedAt: Date;
}

/** A person a completion may be recorded for, with what the rules need. */
export interface TraineeRow {
  userId: string;
  organizationId: string | null;
  roles: string[];
}

const MODULE = `SELECT id, program_id AS "programmeId", title, summary, content, link, estimated_minutes AS "estimatedMinutes",
  required, gate, audience, language, retired_at AS "retiredAt", created_at AS "createdAt", updated_at AS "updatedAt" FROM training_module`;
const VERSION = `SELECT module_id AS "moduleId", language, title, summary, content, link, updated_at AS "updatedAt"
  FROM training_module_version`;
const COMPLETION = `SELECT module_id AS "moduleId", user_id AS "userId", completed_at AS "completedAt", recorded_by AS "recordedBy",
  confirmation FROM training_completion`;

/** Training modules of programmes, who completed them, and mentors' training needs (identity.training_*). */
export class TrainingRepository {
  constructor(private readonly db: Database) {}

  /** Modules of these programmes, oldest first (retired ones only when asked). */
  ofProgrammes(programmeIds: readonly string[], includeRetired: boolean): Promise<TrainingModuleRow[]> {
    return this.db.query<TrainingModuleRow>(
      `${MODULE} WHERE program_id = ANY($1::uuid[]) AND ($2 OR retired_at IS NULL) ORDER BY created_at, id`,
      [[...programmeIds], includeRetired],
    );
  }

  byIds(ids: readonly string[]): Promise<TrainingModuleRow[]> {
    return this.db.query<TrainingModuleRow>(`${MODULE} WHERE id = ANY($1::uuid[])`, [[...ids]]);
  }

  /** The modules of the programmes the person is enrolled in, for their role there, unretired, oldest first. */
  forParticipant(userId: string): Promise<TrainingModuleRow[]> {
    return this.db.query<TrainingModuleRow>(
      `${MODULE} m WHERE m.retired_at IS NULL AND EXISTS (SELECT 1 FROM enrollment e WHERE e.user_id = $1 AND e.program_id = m.program_id
         AND (m.audience = 'BOTH' OR m.audience = e.role)) ORDER BY m.created_at, m.id`,
      [userId],
    );
  }

  /** Locks the programme's modules for a change, so snapshots of its requirements are published in order. */
  async lockProgramme(tx: Tx, programmeId: string): Promise<void> {
    await tx.query(`SELECT pg_advisory_xact_lock(hashtextextended('training:' || $1::text, 0))`, [programmeId]);
  }

  /** The programme's required, unretired modules (what TrainingRequirementsChanged carries), inside the change. */
  required(tx: Tx, programmeId: string): Promise<TrainingModuleRow[]> {
    return tx.query<TrainingModuleRow>(
      `${MODULE} WHERE program_id = $1 AND required AND retired_at IS NULL ORDER BY created_at, id`,
      [programmeId],
    );
  }

  /** A module as the change in progress sees it. */
  inTx(tx: Tx, id: string): Promise<TrainingModuleRow | null> {
    return tx.one<TrainingModuleRow>(`${MODULE} WHERE id = $1`, [id]);
  }

  async save(tx: Tx, m: Omit<TrainingModuleRow, 'createdAt' | 'updatedAt'>): Promise<void> {
    await tx.execute(
      `INSERT INTO training_module (id, program_id, title, summary, content, link, estimated_minutes, required, gate, audience,
         language, retired_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
       ON CONFLICT (id) DO UPDATE SET title = EXCLUDED.title, summary = EXCLUDED.summary, content = EXCLUDED.content,
         link = EXCLUDED.link, estimated_minutes = EXCLUDED.estimated_minutes, required = EXCLUDED.required, gate = EXCLUDED.gate,
         audience = EXCLUDED.audience, language = EXCLUDED.language, retired_at = EXCLUDED.retired_at, updated_at = now()`,
      [
        m.id,
        m.programmeId,
        m.title,
        m.summary,
        m.content,
        m.link,
        m.estimatedMinutes,
        m.required,
        m.gate,
        m.audience,
        m.language,
        m.retiredAt,
      ],
    );
    // the module's own language has no separate version (written in French, its French version is the module)
    await tx.execute(`DELETE FROM training_module_version WHERE module_id = $1 AND language = $2`, [m.id, m.language]);
  }

  /** The versions in other languages of these modules. */
  versionsOf(moduleIds: readonly string[]): Promise<TrainingModuleVersionRow[]> {
    return this.db.query<TrainingModuleVersionRow>(
      `${VERSION} WHERE module_id = ANY($1::uuid[]) ORDER BY module_id, language`,
      [[...moduleIds]],
    );
  }

  /** Writes (or rewrites) the module's version in a language; the row as saved. */
  async saveVersion(tx: Tx, v: Omit<TrainingModuleVersionRow, 'updatedAt'>): Promise<void> {
    await tx.execute(
      `INSERT INTO training_module_version (module_id, language, title, summary, content, link) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (module_id, language) DO UPDATE SET title = EXCLUDED.title, summary = EXCLUDED.summary,
         content = EXCLUDED.content, link = EXCLUDED.link, updated_at = now()`,
      [v.moduleId, v.language, v.title, v.summary, v.content, v.link],
    );
    await tx.execute(`UPDATE training_module SET updated_at = now() WHERE id = $1`, [v.moduleId]);
  }

  /** Removes the module's version in a language; whether there was one. */
  async removeVersion(tx: Tx, moduleId: string, language: Language): Promise<boolean> {
    const gone = await tx.query<{ moduleId: string }>(
      `DELETE FROM training_module_version WHERE module_id = $1 AND language = $2 RETURNING module_id AS "moduleId"`,
      [moduleId, language],
    );
    if (gone.length) await tx.execute(`UPDATE training_module SET updated_at = now() WHERE id = $1`, [moduleId]);
    return gone.length > 0;
  }

  /** Records a completion; the row when new, null when it was already recorded (the first one stands). */
  complete(tx: Tx, c: Omit<TrainingCompletionRow, 'completedAt'>): Promise<TrainingCompletionRow | null> {
    return tx.one<TrainingCompletionRow>(
      `INSERT INTO training_completion (module_id, user_id, recorded_by, confirmation) VALUES ($1, $2, $3, $4)
       ON CONFLICT DO NOTHING RETURNING module_id AS "moduleId", user_id AS "userId", completed_at AS "completedAt",
         recorded_by AS "recordedBy", confirmation`,
      [c.moduleId, c.userId, c.recordedBy, c.confirmation],
    );
  }

  completion(moduleId: string, userId: string): Promise<TrainingCompletionRow | null> {
    return this.db.one<TrainingCompletionRow>(`${COMPLETION} WHERE module_id = $1 AND user_id = $2`, [
      moduleId,
      userId,
    ]);
  }

  /** The completions of these people, oldest first. */
  completionsOf(userIds: readonly string[]): Promise<TrainingCompletionRow[]> {
    return this.db.query<TrainingCompletionRow>(
      `${COMPLETION} WHERE user_id = ANY($1::uuid[]) ORDER BY completed_at, module_id`,
      [[...userIds]],
    );
  }

  trainee(userId: string): Promise<TraineeRow | null> {
    return this.db.one<TraineeRow>(
      `SELECT id AS "userId", organization_id AS "organizationId", roles FROM "user" WHERE id = $1`,
      [userId],
    );
  }

  needsOf(userIds: readonly string[]): Promise<TrainingNeedsRow[]> {
    return this.db.query<TrainingNeedsRow>(
      `SELECT user_id AS "userId", needs, tags, updated_at AS "updatedAt" FROM mentor_training_needs WHERE user_id = ANY($1::uuid[])`,
      [[...userIds]],
    );
  }

  saveNeeds(tx: Tx, userId: string, needs: string | null, tags: string[]): Promise<TrainingNeedsRow | null> {
    return tx.one<TrainingNeedsRow>(
      `INSERT INTO mentor_training_needs (user_id, needs, tags) VALUES ($1, $2, $3)
       ON CONFLICT (user_id) DO UPDATE SET needs = EXCLUDED.needs, tags = EXCLUDED.tags, updated_at = now()
       RETURNING user_id AS "userId", needs, tags, updated_at AS "updatedAt"`,
      [userId, needs, tags],
    );
  }
}
