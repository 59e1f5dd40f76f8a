import { isUuid } from './access';
import type { EntityManager } from 'typeorm';
import type { MenteeProfileRow, MentorProfileRow } from '../search/search.entity';

export interface ProgrammeRow {
  id: string;
  name: string;
  organization_ids: string[];
  max_open_requests_per_mentee: number;
  request_expiry_days: number;
  matching_weights: Record<string, unknown>;
}

export interface EnrolmentRow {
  user_id: string;
  programme_id: string;
  role: string;
  cohort_id: string | null;
  organization_id: string | null;
  enrolled_at: Date;
}

/** Reads of the read models that requests, proposals and cohort matching share. */
export class ParticipantsRepository {
  async mentor(manager: EntityManager, userId: string): Promise<MentorProfileRow | null> {
    if (!isUuid(userId)) return null;
    const [row] = await manager.query(`SELECT * FROM mentor_profile WHERE user_id = $1`, [userId]);
    return row ?? null;
  }

  async mentee(manager: EntityManager, userId: string): Promise<MenteeProfileRow | null> {
    if (!isUuid(userId)) return null;
    const [row] = await manager.query(`SELECT * FROM mentee_profile WHERE user_id = $1`, [userId]);
    return row ?? null;
  }

  async programme(manager: EntityManager, id: string): Promise<ProgrammeRow | null> {
    if (!isUuid(id)) return null;
    const [row] = await manager.query(`SELECT * FROM programme WHERE id = $1`, [id]);
    return row ?? null;
  }

  async menteeEnrolment(manager: EntityManager, userId: string, programmeId: string): Promise<EnrolmentRow | null> {
    if (!isUuid(userId) || !isUuid(programmeId)) return null;
    const [row] = await manager.query(
      `SELECT * FROM enrolment WHERE user_id = $1 AND programme_id = $2 AND role = 'MENTEE'`,
      [userId, programmeId],
    );
    return row ?? null;
  }

  /** Whether the mentor declined this mentee (a request or a proposal) within `days` days (any time when null). */
  async declined(manager: EntityManager, menteeId: string, mentorId: string, days: number | null): Promise<boolean> {
    if (!isUuid(menteeId) || !isUuid(mentorId)) return false;
    const since = days === null ? `'-infinity'::timestamptz` : `now() - make_interval(days => ${Math.floor(days)})`;
    const rows = await manager.query(
      `SELECT 1 FROM mentoring_request WHERE mentee_id = $1 AND mentor_id = $2 AND status = 'DECLINED' AND responded_at > ${since}
       UNION ALL SELECT 1 FROM match_proposal WHERE mentee_id = $1 AND mentor_id = $2 AND status = 'DECLINED' AND responded_at > ${since} LIMIT 1`,
      [menteeId, mentorId],
    );
    return rows.length > 0;
  }
}

/** Whether a mentor can take someone now: approved, not paused, a seat free. */
export function mentorAvailability(
  mentor: MentorProfileRow | null,
  today = new Date(),
): 'OK' | 'UNAVAILABLE' | 'CAPACITY_REACHED' {
  if (!mentor || mentor.status !== 'APPROVED') return 'UNAVAILABLE';
  if (mentor.paused_until && new Date(mentor.paused_until) > today) return 'UNAVAILABLE';
  if (!mentor.has_capacity) return 'CAPACITY_REACHED';
  return 'OK';
}
