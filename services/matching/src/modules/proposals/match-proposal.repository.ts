import type { Principal } from '@tandem/contracts';
import { isUuid, uuids, type Database, type TimeIdCursor, type Tx } from '@tandem/subgraph-kit';
import { columns } from '../shared/columns';
import { partyListWhere, type PartyListFilter } from '../shared/access';

export const MATCH_PROPOSAL_STATUSES = ['PROPOSED', 'CONFIRMED', 'DECLINED'] as const;
export type MatchProposalStatus = (typeof MATCH_PROPOSAL_STATUSES)[number];

/** A coach's proposal of a mentor for a mentee (seed 000). */
export interface MatchProposalRow {
  id: string;
  menteeId: string;
  mentorId: string;
  coachId: string;
  programmeId: string;
  cohortId: string | null;
  organizationId: string | null;
  runId: string | null;
  note: string;
  status: MatchProposalStatus;
  declineReason: string | null;
  proposedAt: Date;
  respondedAt: Date | null;
  menteeEnrolledAt: Date | null;
}

export interface MatchProposalFilter extends PartyListFilter {
  status: MatchProposalStatus | null;
  /** Only the proposals this coach made. */
  coachId?: string | null;
}

/** The filter's own conditions beside the party and status ones every list shares. */
function proposalListWhere(principal: Principal, filter: MatchProposalFilter) {
  const list = partyListWhere(principal, filter);
  if (filter.coachId) list.where.push(isUuid(filter.coachId) ? `coach_id = ${list.p(filter.coachId)}::uuid` : 'FALSE');
  return list;
}

/** The columns of a {@link MatchProposalRow} of `match_proposal` under the alias `t`. */
export const proposalColumns = (t = 'match_proposal') =>
  columns(t, [
    'id',
    'mentee_id',
    'mentor_id',
    'coach_id',
    'programme_id',
    'cohort_id',
    'organization_id',
    'run_id',
    'note',
    'status',
    'decline_reason',
    'proposed_at',
    'responded_at',
    'mentee_enrolled_at',
  ]);

const COLUMNS = proposalColumns();

/** Coach proposals. */
export class MatchProposalRepository {
  constructor(private readonly db: Database) {}

  async findByIds(ids: readonly string[]): Promise<MatchProposalRow[]> {
    return this.db.query(`SELECT ${COLUMNS} FROM match_proposal WHERE id = ANY($1::uuid[])`, [uuids(ids)]);
  }

  /** The proposal, locked for the rest of the transaction. */
  async lock(tx: Tx, id: string): Promise<MatchProposalRow | null> {
    return tx.one(`SELECT ${COLUMNS} FROM match_proposal WHERE id = $1 FOR UPDATE`, [id]);
  }

  /** Whether this pair has a proposal waiting for the mentor. */
  async openFor(tx: Tx, menteeId: string, mentorId: string): Promise<boolean> {
    if (!isUuid(menteeId) || !isUuid(mentorId)) return false;
    const rows = await tx.query(
      `SELECT 1 FROM match_proposal WHERE mentee_id = $1 AND mentor_id = $2 AND status = 'PROPOSED'`,
      [menteeId, mentorId],
    );
    return rows.length > 0;
  }

  async insert(
    tx: Tx,
    r: Omit<MatchProposalRow, 'status' | 'declineReason' | 'respondedAt'>,
  ): Promise<MatchProposalRow> {
    return (await tx.one<MatchProposalRow>(
      `INSERT INTO match_proposal (id, mentee_id, mentor_id, coach_id, programme_id, cohort_id, organization_id, run_id, note, status, proposed_at, mentee_enrolled_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'PROPOSED', $10, $11) RETURNING ${COLUMNS}`,
      [
        r.id,
        r.menteeId,
        r.mentorId,
        r.coachId,
        r.programmeId,
        r.cohortId,
        r.organizationId,
        r.runId,
        r.note,
        r.proposedAt,
        r.menteeEnrolledAt,
      ],
    ))!;
  }

  async setStatus(
    tx: Tx,
    id: string,
    status: MatchProposalStatus,
    at: Date,
    reason: string | null = null,
  ): Promise<MatchProposalRow> {
    return (await tx.one<MatchProposalRow>(
      `UPDATE match_proposal SET status = $2, responded_at = $3, decline_reason = $4 WHERE id = $1 RETURNING ${COLUMNS}`,
      [id, status, at, reason],
    ))!;
  }

  /** A page of the proposals this principal may see, newest first (keyset on proposed_at, id), one row more than asked. */
  async list(
    principal: Principal,
    filter: MatchProposalFilter,
    after: TimeIdCursor | null,
    size: number,
  ): Promise<MatchProposalRow[]> {
    const { params, p, where } = proposalListWhere(principal, filter);
    if (after) where.push(`(proposed_at, id) < (${p(after[0])}::timestamptz, ${p(after[1])}::uuid)`);
    return this.db.query(
      `SELECT ${COLUMNS} FROM match_proposal WHERE ${where.join(' AND ')} ORDER BY proposed_at DESC, id DESC LIMIT ${p(size + 1)}`,
      params,
    );
  }

  /** How many proposals of the list this principal may see. */
  async count(principal: Principal, filter: MatchProposalFilter): Promise<number> {
    const { params, where } = proposalListWhere(principal, filter);
    const row = await this.db.one<{ n: number }>(
      `SELECT count(*)::int AS n FROM match_proposal WHERE ${where.join(' AND ')}`,
      params,
    );
    return row!.n;
  }
}
