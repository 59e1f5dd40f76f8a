import { isUuid, type Tx } from '@tandem/subgraph-kit';
import type { OrientationOutstanding } from './orientation.rules';
import { trainingHiddenSql, type TrainingOutstanding } from './training.rules';
import {
  menteeColumns,
  mentorColumns,
  type MenteeProfileRow,
  type MentorProfileRow,
} from '../read-models/read-model.repository';

export interface ProgrammeRow {
  id: string;
  name: string;
  organizationIds: string[];
  maxOpenRequestsPerMentee: number;
  requestExpiryDays: number;
  matchingWeights: Record<string, unknown>;
}

export interface EnrolmentRow {
  userId: string;
  programmeId: string;
  role: string;
  cohortId: string | null;
  organizationId: string | null;
  enrolledAt: Date;
}

/** Reads of the read models that requests, questions, proposals and cohort matching share, inside their transaction. */
export class ParticipantsRepository {
  async mentor(tx: Tx, userId: string): Promise<MentorProfileRow | null> {
    if (!isUuid(userId)) return null;
    return tx.one<MentorProfileRow>(`SELECT ${mentorColumns()} FROM mentor_profile WHERE user_id = $1`, [userId]);
  }

  async mentee(tx: Tx, userId: string): Promise<MenteeProfileRow | null> {
    if (!isUuid(userId)) return null;
    return tx.one<MenteeProfileRow>(`SELECT ${menteeColumns()} FROM mentee_profile WHERE user_id = $1`, [userId]);
  }

  async programme(tx: Tx, id: string): Promise<ProgrammeRow | null> {
    if (!isUuid(id)) return null;
    return tx.one<ProgrammeRow>(
      `SELECT id, name, organization_ids AS "organizationIds", max_open_requests_per_mentee AS "maxOpenRequestsPerMentee",
              request_expiry_days AS "requestExpiryDays", matching_weights AS "matchingWeights"
       FROM programme WHERE id = $1`,
      [id],
    );
  }

  async menteeEnrolment(tx: Tx, userId: string, programmeId: string): Promise<EnrolmentRow | null> {
    if (!isUuid(userId) || !isUuid(programmeId)) return null;
    return tx.one<EnrolmentRow>(
      `SELECT user_id AS "userId", programme_id AS "programmeId", role, cohort_id AS "cohortId",
              organization_id AS "organizationId", enrolled_at AS "enrolledAt"
       FROM enrolment WHERE user_id = $1 AND programme_id = $2 AND role = 'MENTEE'`,
      [userId, programmeId],
    );
  }

  /** Who of the pair still has to attend the programme's orientation before their relationship may start. */
  async orientationOutstanding(
    tx: Tx,
    programmeId: string,
    mentorId: string,
    menteeId: string,
  ): Promise<OrientationOutstanding> {
    const row = await tx.one<OrientationOutstanding>(
      `SELECT p.require_orientation AND NOT EXISTS (SELECT 1 FROM orientation_attended a WHERE a.programme_id = p.id AND a.user_id = $2) AS mentor,
              p.require_orientation AND p.require_mentee_orientation
                AND NOT EXISTS (SELECT 1 FROM orientation_attended a WHERE a.programme_id = p.id AND a.user_id = $3) AS mentee
       FROM programme p WHERE p.id = $1`,
      [programmeId, mentorId, menteeId],
    );
    return row ?? { mentor: false, mentee: false };
  }

  /**
   * The required modules of the programme (either gate) each of the pair has still to complete, by title: the
   * mentor's (audience MENTOR or BOTH) and the mentee's (MENTEE or BOTH).
   */
  async trainingOutstanding(
    tx: Tx,
    programmeId: string,
    mentorId: string,
    menteeId: string,
  ): Promise<TrainingOutstanding> {
    const rows = await tx.query<{ title: string; mentor: boolean; mentee: boolean }>(
      `SELECT r.title,
              r.audience IN ('MENTOR', 'BOTH') AND NOT EXISTS (SELECT 1 FROM training_completed c WHERE c.user_id = $2 AND c.module_id = r.module_id) AS mentor,
              r.audience IN ('MENTEE', 'BOTH') AND NOT EXISTS (SELECT 1 FROM training_completed c WHERE c.user_id = $3 AND c.module_id = r.module_id) AS mentee
       FROM training_requirement r WHERE r.programme_id = $1 ORDER BY r.title, r.module_id`,
      [programmeId, mentorId, menteeId],
    );
    return {
      mentor: rows.filter((r) => r.mentor).map((r) => r.title),
      mentee: rows.filter((r) => r.mentee).map((r) => r.title),
    };
  }

  /** Whether the mentor is hidden until they complete training (in a programme of theirs, or this one). */
  async hiddenByTraining(tx: Tx, mentorId: string, programmeId: string): Promise<boolean> {
    if (!isUuid(mentorId) || !isUuid(programmeId)) return false;
    const row = await tx.one<{ hidden: boolean }>(`SELECT ${trainingHiddenSql('$1::uuid', '$2')} AS hidden`, [
      mentorId,
      programmeId,
    ]);
    return !!row?.hidden;
  }

  /** Whether the mentor declined this mentee (a request or a proposal) within `days` days (any time when null). */
  async declined(tx: Tx, menteeId: string, mentorId: string, days: number | null): Promise<boolean> {
    if (!isUuid(menteeId) || !isUuid(mentorId)) return false;
    const since = days === null ? `'-infinity'::timestamptz` : `now() - make_interval(days => ${Math.floor(days)})`;
    const rows = await tx.query(
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
  if (mentor.pausedUntil && new Date(mentor.pausedUntil) > today) return 'UNAVAILABLE';
  if (!mentor.hasCapacity) return 'CAPACITY_REACHED';
  return 'OK';
}
