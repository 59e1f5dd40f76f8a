import { randomUUID } from 'node:crypto';
import type { Database, Queryable, Tx } from '@tandem/subgraph-kit';

/** A row of `agreement` (one per relationship). */
export interface AgreementRow {
  id: string;
  relationshipId: string;
  currentVersion: number;
  /** The latest version signed by both. */
  signedVersion: number | null;
  /** When a version was first signed by both: from then on meetings count (when the programme requires it). */
  firstFullySignedAt: Date | null;
}

/** Who signs a version: the two partners, and the coach when the programme asks for it. */
export type AgreementSide = 'MENTOR' | 'MENTEE' | 'COACH';

/** A row of `agreement_version`: every draft, with its signatures. */
export interface AgreementVersionRow {
  agreementId: string;
  version: number;
  topGoals: string[];
  meetingPlace: string;
  meetingTime: string;
  meetingLengthMinutes: number;
  meetingFrequency: string;
  initiator: 'MENTEE' | 'MENTOR' | 'EITHER';
  confidentiality: 'STAYS_BETWEEN_US' | 'STAYS_BETWEEN_US_UNLESS_PERMISSION';
  durationWeeks: number;
  draftedBy: string;
  draftedAt: Date;
  mentorSignedAt: Date | null;
  menteeSignedAt: Date | null;
  /** Drafted under a programme that has its coach sign too. */
  coachSignatureRequired: boolean;
  coachSignedAt: Date | null;
  coachSignerId: string | null;
  /** The schedule as data (all four or none): ISO weekday (1 = Monday), local HH:MM, every N weeks, in this zone. */
  scheduleWeekday: number | null;
  scheduleStartTime: string | null;
  scheduleEveryWeeks: number | null;
  scheduleTimeZone: string | null;
}

export type AgreementTerms = Omit<
  AgreementVersionRow,
  | 'agreementId'
  | 'version'
  | 'draftedBy'
  | 'draftedAt'
  | 'mentorSignedAt'
  | 'menteeSignedAt'
  | 'coachSignatureRequired'
  | 'coachSignedAt'
  | 'coachSignerId'
>;

const AGREEMENT = `SELECT id, relationship_id AS "relationshipId", current_version AS "currentVersion", signed_version AS "signedVersion",
  first_fully_signed_at AS "firstFullySignedAt" FROM agreement`;
const VERSION_COLUMNS = `agreement_id AS "agreementId", version, top_goals AS "topGoals", meeting_place AS "meetingPlace",
  meeting_time AS "meetingTime", meeting_length_minutes AS "meetingLengthMinutes", meeting_frequency AS "meetingFrequency",
  initiator, confidentiality, duration_weeks AS "durationWeeks", drafted_by AS "draftedBy", drafted_at AS "draftedAt",
  mentor_signed_at AS "mentorSignedAt", mentee_signed_at AS "menteeSignedAt", coach_signature_required AS "coachSignatureRequired",
  coach_signed_at AS "coachSignedAt", coach_signer_id AS "coachSignerId", schedule_weekday AS "scheduleWeekday",
  schedule_start_time AS "scheduleStartTime", schedule_every_weeks AS "scheduleEveryWeeks", schedule_time_zone AS "scheduleTimeZone"`;

/** A signed schedule, as the platform proposes meetings from it. */
export interface BindingSchedule {
  weekday: number;
  startTime: string;
  everyWeeks: number;
  timeZone: string;
  place: string;
  lengthMinutes: number;
  initiator: 'MENTEE' | 'MENTOR' | 'EITHER';
  bindingSince: Date;
}

/** Reads and writes partnership agreements and their versions. */
export class AgreementRepository {
  constructor(private readonly db: Database) {}

  async forRelationships(ids: readonly string[], on: Queryable = this.db): Promise<AgreementRow[]> {
    return on.query<AgreementRow>(`${AGREEMENT} WHERE relationship_id = ANY($1::uuid[])`, [ids]);
  }

  /** Of these relationships, those whose agreement was signed by both at some point. */
  async signedRelationships(relationshipIds: readonly string[]): Promise<Set<string>> {
    const rows = await this.db.query<{ relationshipId: string }>(
      `SELECT relationship_id AS "relationshipId" FROM agreement WHERE relationship_id = ANY($1::uuid[]) AND first_fully_signed_at IS NOT NULL`,
      [relationshipIds],
    );
    return new Set(rows.map((r) => r.relationshipId));
  }

  async byIds(ids: readonly string[]): Promise<AgreementRow[]> {
    return this.db.query<AgreementRow>(`${AGREEMENT} WHERE id = ANY($1::uuid[])`, [ids]);
  }

  async versions(agreementIds: readonly string[], on: Queryable = this.db): Promise<AgreementVersionRow[]> {
    return on.query<AgreementVersionRow>(
      `SELECT ${VERSION_COLUMNS} FROM agreement_version WHERE agreement_id = ANY($1::uuid[]) ORDER BY version`,
      [agreementIds],
    );
  }

  /** Adds a version (creating the agreement on the first draft); returns the agreement id and the new version number. */
  async addVersion(
    tx: Tx,
    relationshipId: string,
    terms: AgreementTerms,
    draftedBy: string,
    at: Date,
    coachSignatureRequired: boolean,
  ): Promise<{ agreementId: string; version: number }> {
    const a = (await tx.one<{ agreementId: string; version: number }>(
      `INSERT INTO agreement (id, relationship_id, current_version) VALUES ($1, $2, 1)
       ON CONFLICT (relationship_id) DO UPDATE SET current_version = agreement.current_version + 1
       RETURNING id AS "agreementId", current_version AS version`,
      [randomUUID(), relationshipId],
    ))!;
    await tx.execute(
      `INSERT INTO agreement_version (agreement_id, version, top_goals, meeting_place, meeting_time, meeting_length_minutes, meeting_frequency, initiator, confidentiality, duration_weeks, drafted_by, drafted_at, coach_signature_required,
         schedule_weekday, schedule_start_time, schedule_every_weeks, schedule_time_zone)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)`,
      [
        a.agreementId,
        a.version,
        terms.topGoals,
        terms.meetingPlace,
        terms.meetingTime,
        terms.meetingLengthMinutes,
        terms.meetingFrequency,
        terms.initiator,
        terms.confidentiality,
        terms.durationWeeks,
        draftedBy,
        at,
        coachSignatureRequired,
        terms.scheduleWeekday,
        terms.scheduleStartTime,
        terms.scheduleEveryWeeks,
        terms.scheduleTimeZone,
      ],
    );
    return a;
  }

  async sign(
    tx: Tx,
    agreementId: string,
    version: number,
    signer: { side: AgreementSide; userId: string },
    at: Date,
  ): Promise<AgreementVersionRow> {
    const set = {
      MENTOR: 'mentor_signed_at = $3',
      MENTEE: 'mentee_signed_at = $3',
      COACH: 'coach_signed_at = $3, coach_signer_id = $4',
    }[signer.side];
    const values = signer.side === 'COACH' ? [agreementId, version, at, signer.userId] : [agreementId, version, at];
    return (await tx.one<AgreementVersionRow>(
      `UPDATE agreement_version SET ${set} WHERE agreement_id = $1 AND version = $2 RETURNING ${VERSION_COLUMNS}`,
      values,
    ))!;
  }

  /**
   * The binding (latest fully signed) version of a relationship's agreement when it carries a schedule, with the
   * instant it became binding (its last signature): the anchor of the schedule's occurrences.
   */
  async bindingSchedule(on: Queryable, relationshipId: string): Promise<BindingSchedule | null> {
    return on.one<BindingSchedule>(
      `SELECT v.schedule_weekday AS weekday, v.schedule_start_time AS "startTime", v.schedule_every_weeks AS "everyWeeks",
         v.schedule_time_zone AS "timeZone", v.meeting_place AS place, v.meeting_length_minutes AS "lengthMinutes",
         v.initiator, GREATEST(v.mentor_signed_at, v.mentee_signed_at, v.coach_signed_at) AS "bindingSince"
       FROM agreement a JOIN agreement_version v ON v.agreement_id = a.id AND v.version = a.signed_version
       WHERE a.relationship_id = $1 AND v.schedule_weekday IS NOT NULL`,
      [relationshipId],
    );
  }

  async markFullySigned(tx: Tx, agreementId: string, version: number, at: Date): Promise<void> {
    await tx.execute(
      `UPDATE agreement SET signed_version = $2, first_fully_signed_at = coalesce(first_fully_signed_at, $3) WHERE id = $1`,
      [agreementId, version, at],
    );
  }
}
