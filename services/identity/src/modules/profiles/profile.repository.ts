import type { MeetingMode } from '@tandem/contracts';
import { prefixedColumns, splitJoined, type Database, type Tx } from '@tandem/subgraph-kit';
import type { MentorStatus } from '../access/access.policy';

/** The facets a mentor and a mentee profile share. */
export interface ProfileFacets {
  headline: string | null;
  bio: string | null;
  industryCode: string | null;
  occupationCode: string | null;
  yearsExperience: number | null;
  skills: string[];
  languages: string[];
  city: string | null;
  country: string | null;
  timeZone: string | null;
  meetingPreferences: MeetingMode[];
  hoursPerMonth: number | null;
  livedExperience: string[];
  employer: string | null;
}

/** A row of identity.mentor_profile. */
export interface MentorProfileRow extends ProfileFacets {
  userId: string;
  status: MentorStatus;
  capacity: number;
  /** ISO date or null. */
  pausedUntil: string | null;
  reviewComment: string | null;
  reviewedBy: string | null;
  reviewedAt: Date | null;
  submittedAt: Date;
  updatedAt: Date;
}

/** A row of identity.mentee_profile. */
export interface MenteeProfileRow extends ProfileFacets {
  userId: string;
  needs: string[];
  goals: string[];
  constraints: string | null;
  updatedAt: Date;
  /** When its last snapshot was published to matching: the profile's version. */
  snapshotAt: Date | null;
}

/** Each facet's column. */
export const FACET_COLUMNS: Array<[keyof ProfileFacets, string]> = [
  ['headline', 'headline'],
  ['bio', 'bio'],
  ['industryCode', 'industry_code'],
  ['occupationCode', 'occupation_code'],
  ['yearsExperience', 'years_experience'],
  ['skills', 'skills'],
  ['languages', 'languages'],
  ['city', 'city'],
  ['country', 'country'],
  ['timeZone', 'time_zone'],
  ['meetingPreferences', 'meeting_preferences'],
  ['hoursPerMonth', 'hours_per_month'],
  ['livedExperience', 'lived_experience'],
  ['employer', 'employer'],
];

const facetSelect = FACET_COLUMNS.map(([prop, col]) => `${col} AS "${prop}"`).join(', ');
const MENTOR_SELECT = `SELECT user_id AS "userId", status, capacity, to_char(paused_until, 'YYYY-MM-DD') AS "pausedUntil", review_comment AS "reviewComment",
  reviewed_by AS "reviewedBy", reviewed_at AS "reviewedAt", submitted_at AS "submittedAt", updated_at AS "updatedAt", ${facetSelect} FROM mentor_profile`;
/** A mentee profile's fields and their columns. */
const MENTEE_FIELDS: ReadonlyArray<readonly [string, string]> = [
  ['userId', 'user_id'],
  ['needs', 'needs'],
  ['goals', 'goals'],
  ['constraints', 'constraints'],
  ['updatedAt', 'updated_at'],
  ['snapshotAt', 'snapshot_at'],
  ...FACET_COLUMNS,
];
const MENTEE_SELECT = `SELECT ${MENTEE_FIELDS.map(([prop, col]) => `${col} AS "${prop}"`).join(', ')} FROM mentee_profile`;

/** The request's loader of mentee profiles by user id. */
export const MENTEE_PROFILES = 'profiles:mentee';

/**
 * A mentee profile's columns from the table aliased `t`, each named `mentee:<field>`, for a statement that reads
 * them beside another row (`me` with its profile); {@link menteeOf} takes them back out.
 */
export const menteeColumns = (t: string) => prefixedColumns(MENTEE_FIELDS, t, 'mentee:');

/** The row and the mentee profile read by {@link menteeColumns} beside it (null when the person has none). */
export function menteeOf<R>(joined: object): { row: R; mentee: MenteeProfileRow | null } {
  const [row, mentee] = splitJoined<R, MenteeProfileRow>(joined, 'mentee:', 'userId');
  return { row, mentee };
}

const facetValues = (f: ProfileFacets) => FACET_COLUMNS.map(([prop]) => f[prop]);
const facetCols = FACET_COLUMNS.map(([, col]) => col);

/** Reads and writes mentor and mentee profiles (identity.mentor_profile, identity.mentee_profile). */
export class ProfileRepository {
  constructor(private readonly db: Database) {}

  mentorsByUserIds(ids: readonly string[]): Promise<MentorProfileRow[]> {
    return this.db.query<MentorProfileRow>(`${MENTOR_SELECT} WHERE user_id = ANY($1::uuid[])`, [[...ids]]);
  }

  menteesByUserIds(ids: readonly string[]): Promise<MenteeProfileRow[]> {
    return this.db.query<MenteeProfileRow>(`${MENTEE_SELECT} WHERE user_id = ANY($1::uuid[])`, [[...ids]]);
  }

  mentorForUpdate(tx: Tx, userId: string): Promise<MentorProfileRow | null> {
    return tx.one<MentorProfileRow>(`${MENTOR_SELECT} WHERE user_id = $1 FOR UPDATE`, [userId]);
  }

  menteeForUpdate(tx: Tx, userId: string): Promise<MenteeProfileRow | null> {
    return tx.one<MenteeProfileRow>(`${MENTEE_SELECT} WHERE user_id = $1 FOR UPDATE`, [userId]);
  }

  async saveMentor(tx: Tx, p: MentorProfileRow): Promise<void> {
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
    await tx.execute(
      `INSERT INTO mentor_profile (${cols.join(', ')}, updated_at) VALUES (${cols.map((_, i) => `$${i + 1}`).join(', ')}, now())
       ON CONFLICT (user_id) DO UPDATE SET ${cols
         .slice(1)
         .map((c) => `${c} = EXCLUDED.${c}`)
         .join(', ')}, updated_at = now()`,
      values,
    );
  }

  async saveMentee(tx: Tx, p: Omit<MenteeProfileRow, 'snapshotAt'>): Promise<void> {
    const cols = ['user_id', 'needs', 'goals', 'constraints', ...facetCols];
    const values = [p.userId, p.needs, p.goals, p.constraints, ...facetValues(p)];
    await tx.execute(
      `INSERT INTO mentee_profile (${cols.join(', ')}, updated_at) VALUES (${cols.map((_, i) => `$${i + 1}`).join(', ')}, now())
       ON CONFLICT (user_id) DO UPDATE SET ${cols
         .slice(1)
         .map((c) => `${c} = EXCLUDED.${c}`)
         .join(', ')}, updated_at = now()`,
      values,
    );
  }

  /** Records the time of the mentee snapshot just published (the profile's version). */
  async markMenteeSnapshot(tx: Tx, userId: string, at: Date): Promise<void> {
    await tx.execute(`UPDATE mentee_profile SET snapshot_at = $2 WHERE user_id = $1`, [userId, at]);
  }
}
