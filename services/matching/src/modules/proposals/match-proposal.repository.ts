import type { DataSource, EntityManager } from 'typeorm';
import type { Principal } from '@tandem/contracts';
import { isUuid, sqlParams, uuids, visibleWhere } from '../shared/access';
import type { MatchProposalRow, MatchProposalStatus } from './match-proposal.entity';

/** Coach proposals. */
export class MatchProposalRepository {
  constructor(private readonly dataSource: DataSource) {}

  async findByIds(ids: readonly string[]): Promise<MatchProposalRow[]> {
    return this.dataSource.query(`SELECT * FROM match_proposal WHERE id = ANY($1::uuid[])`, [uuids(ids)]);
  }

  async lock(manager: EntityManager, id: string): Promise<MatchProposalRow | null> {
    const [row] = await manager.query(`SELECT * FROM match_proposal WHERE id = $1 FOR UPDATE`, [id]);
    return row ?? null;
  }

  async openFor(manager: EntityManager, menteeId: string, mentorId: string): Promise<boolean> {
    if (!isUuid(menteeId) || !isUuid(mentorId)) return false;
    return (
      (
        await manager.query(
          `SELECT 1 FROM match_proposal WHERE mentee_id = $1 AND mentor_id = $2 AND status = 'PROPOSED'`,
          [menteeId, mentorId],
        )
      ).length > 0
    );
  }

  async insert(
    manager: EntityManager,
    r: Omit<MatchProposalRow, 'status' | 'decline_reason' | 'responded_at'>,
  ): Promise<MatchProposalRow> {
    const [row] = await manager.query(
      `INSERT INTO match_proposal (id, mentee_id, mentor_id, coach_id, programme_id, cohort_id, organization_id, run_id, note, status, proposed_at, mentee_enrolled_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'PROPOSED', $10, $11) RETURNING *`,
      [
        r.id,
        r.mentee_id,
        r.mentor_id,
        r.coach_id,
        r.programme_id,
        r.cohort_id,
        r.organization_id,
        r.run_id,
        r.note,
        r.proposed_at,
        r.mentee_enrolled_at,
      ],
    );
    return row;
  }

  async setStatus(
    manager: EntityManager,
    id: string,
    status: MatchProposalStatus,
    at: Date,
    reason: string | null = null,
  ): Promise<MatchProposalRow> {
    const [[row]] = await manager.query(
      `UPDATE match_proposal SET status = $2, responded_at = $3, decline_reason = $4 WHERE id = $1 RETURNING *`,
      [id, status, at, reason],
    );
    return row;
  }

  async list(
    principal: Principal,
    filter: { status: MatchProposalStatus | null; programmeId: string | null; menteeId: string | null },
    after: { t: string; id: string } | null,
    limit: number,
  ): Promise<MatchProposalRow[]> {
    const { params, p } = sqlParams();
    const where = [visibleWhere(principal, p)];
    if (filter.status) where.push(`status = ${p(filter.status)}`);
    if (filter.programmeId)
      where.push(isUuid(filter.programmeId) ? `programme_id = ${p(filter.programmeId)}::uuid` : 'FALSE');
    if (filter.menteeId) where.push(isUuid(filter.menteeId) ? `mentee_id = ${p(filter.menteeId)}::uuid` : 'FALSE');
    if (after) where.push(`(proposed_at, id) < (${p(after.t)}::timestamptz, ${p(after.id)}::uuid)`);
    return this.dataSource.query(
      `SELECT * FROM match_proposal WHERE ${where.join(' AND ')} ORDER BY proposed_at DESC, id DESC LIMIT ${p(limit + 1)}`,
      params,
    );
  }
}
