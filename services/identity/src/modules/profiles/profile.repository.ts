import type { DataSource, EntityManager } from 'typeorm';
import {
  FACET_COLUMNS,
  type MenteeProfileRecord,
  type MentorProfileRecord,
  type ProfileFacets,
} from './profile.entity';

const facetSelect = FACET_COLUMNS.map(([prop, col]) => `${col} AS "${prop}"`).join(', ');
const MENTOR_SELECT = `SELECT user_id AS "userId", status, capacity, to_char(paused_until, 'YYYY-MM-DD') AS "pausedUntil", review_comment AS "reviewComment",
  reviewed_by AS "reviewedBy", reviewed_at AS "reviewedAt", submitted_at AS "submittedAt", updated_at AS "updatedAt", ${facetSelect} FROM mentor_profile`;
const MENTEE_SELECT = `SELECT user_id AS "userId", needs, goals, constraints, updated_at AS "updatedAt", ${facetSelect} FROM mentee_profile`;

const facetValues = (f: ProfileFacets) => FACET_COLUMNS.map(([prop]) => f[prop]);
const facetCols = FACET_COLUMNS.map(([, col]) => col);

/** Reads and writes mentor and mentee profiles (identity.mentor_profile, identity.mentee_profile). */
export class ProfileRepository {
  constructor(private readonly dataSource: DataSource) {}

  async mentorsByUserIds(ids: readonly string[]): Promise<MentorProfileRecord[]> {
    return this.dataSource.query(`${MENTOR_SELECT} WHERE user_id = ANY($1::uuid[])`, [[...ids]]);
  }

  async menteesByUserIds(ids: readonly string[]): Promise<MenteeProfileRecord[]> {
    return this.dataSource.query(`${MENTEE_SELECT} WHERE user_id = ANY($1::uuid[])`, [[...ids]]);
  }

  async mentorForUpdate(manager: EntityManager, userId: string): Promise<MentorProfileRecord | null> {
    const [row] = await manager.query(`${MENTOR_SELECT} WHERE user_id = $1 FOR UPDATE`, [userId]);
    return row ?? null;
  }

  async menteeForUpdate(manager: EntityManager, userId: string): Promise<MenteeProfileRecord | null> {
    const [row] = await manager.query(`${MENTEE_SELECT} WHERE user_id = $1 FOR UPDATE`, [userId]);
    return row ?? null;
  }

  async saveMentor(manager: EntityManager, p: MentorProfileRecord): Promise<void> {
    const cols = [
      'user_id',
      'status',
      'capacity',
      'paused_until',
      'review_comment',
      'reviewed_by',
      'reviewed_at',
      'submitted_at',
      ...facetCols,
    ];
    const values = [
      p.userId,
      p.status,
      p.capacity,
      p.pausedUntil,
      p.reviewComment,
      p.reviewedBy,
      p.reviewedAt,
      p.submittedAt,
      ...facetValues(p),
    ];
    await manager.query(
      `INSERT INTO mentor_profile (${cols.join(', ')}, updated_at) VALUES (${cols.map((_, i) => `$${i + 1}`).join(', ')}, now())
       ON CONFLICT (user_id) DO UPDATE SET ${cols
         .slice(1)
         .map((c) => `${c} = EXCLUDED.${c}`)
         .join(', ')}, updated_at = now()`,
      values,
    );
  }

  async saveMentee(manager: EntityManager, p: MenteeProfileRecord): Promise<void> {
    const cols = ['user_id', 'needs', 'goals', 'constraints', ...facetCols];
    const values = [p.userId, p.needs, p.goals, p.constraints, ...facetValues(p)];
    await manager.query(
      `INSERT INTO mentee_profile (${cols.join(', ')}, updated_at) VALUES (${cols.map((_, i) => `$${i + 1}`).join(', ')}, now())
       ON CONFLICT (user_id) DO UPDATE SET ${cols
         .slice(1)
         .map((c) => `${c} = EXCLUDED.${c}`)
         .join(', ')}, updated_at = now()`,
      values,
    );
  }
}
