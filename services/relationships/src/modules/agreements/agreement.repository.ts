import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import type { AgreementEntity, AgreementTerms, AgreementVersionEntity } from './agreement.entity';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Row = Record<string, any>;
const toAgreement = (r: Row): AgreementEntity => ({
  id: r.id,
  relationshipId: r.relationship_id,
  currentVersion: r.current_version,
  signedVersion: r.signed_version,
  firstFullySignedAt: r.first_fully_signed_at,
});
const toVersion = (r: Row): AgreementVersionEntity => ({
  agreementId: r.agreement_id,
  version: r.version,
  topGoals: r.top_goals,
  meetingPlace: r.meeting_place,
  meetingTime: r.meeting_time,
  meetingLengthMinutes: r.meeting_length_minutes,
  meetingFrequency: r.meeting_frequency,
  initiator: r.initiator,
  confidentiality: r.confidentiality,
  durationWeeks: r.duration_weeks,
  draftedBy: r.drafted_by,
  draftedAt: r.drafted_at,
  mentorSignedAt: r.mentor_signed_at,
  menteeSignedAt: r.mentee_signed_at,
});

/** Reads and writes partnership agreements and their versions. */
export class AgreementRepository {
  constructor(private readonly dataSource: DataSource) {}

  async forRelationships(ids: readonly string[], manager?: EntityManager): Promise<AgreementEntity[]> {
    return (
      await (manager ?? this.dataSource).query(`SELECT * FROM agreement WHERE relationship_id = ANY($1::uuid[])`, [ids])
    ).map(toAgreement);
  }

  async byIds(ids: readonly string[]): Promise<AgreementEntity[]> {
    return (await this.dataSource.query(`SELECT * FROM agreement WHERE id = ANY($1::uuid[])`, [ids])).map(toAgreement);
  }

  async versions(agreementIds: readonly string[], manager?: EntityManager): Promise<AgreementVersionEntity[]> {
    return (
      await (manager ?? this.dataSource).query(
        `SELECT * FROM agreement_version WHERE agreement_id = ANY($1::uuid[]) ORDER BY version`,
        [agreementIds],
      )
    ).map(toVersion);
  }

  /** Adds a version (creating the agreement on the first draft); returns the agreement id and the new version number. */
  async addVersion(
    manager: EntityManager,
    relationshipId: string,
    terms: AgreementTerms,
    draftedBy: string,
    at: Date,
  ): Promise<{ agreementId: string; version: number }> {
    const [a] = await manager.query(
      `INSERT INTO agreement (id, relationship_id, current_version) VALUES ($1, $2, 1)
       ON CONFLICT (relationship_id) DO UPDATE SET current_version = agreement.current_version + 1 RETURNING id, current_version`,
      [randomUUID(), relationshipId],
    );
    await manager.query(
      `INSERT INTO agreement_version (agreement_id, version, top_goals, meeting_place, meeting_time, meeting_length_minutes, meeting_frequency, initiator, confidentiality, duration_weeks, drafted_by, drafted_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
      [
        a.id,
        a.current_version,
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
      ],
    );
    return { agreementId: a.id, version: a.current_version };
  }

  async sign(
    manager: EntityManager,
    agreementId: string,
    version: number,
    side: 'MENTOR' | 'MENTEE',
    at: Date,
  ): Promise<AgreementVersionEntity> {
    const column = side === 'MENTOR' ? 'mentor_signed_at' : 'mentee_signed_at';
    const [rows] = await manager.query(
      `UPDATE agreement_version SET ${column} = $3 WHERE agreement_id = $1 AND version = $2 RETURNING *`,
      [agreementId, version, at],
    );
    return toVersion(rows[0]);
  }

  async markFullySigned(manager: EntityManager, agreementId: string, version: number, at: Date): Promise<void> {
    await manager.query(
      `UPDATE agreement SET signed_version = $2, first_fully_signed_at = coalesce(first_fully_signed_at, $3) WHERE id = $1`,
      [agreementId, version, at],
    );
  }
}
