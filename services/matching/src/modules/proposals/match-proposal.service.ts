import { randomUUID } from 'node:crypto';
import {
  fieldError,
  Forbidden,
  isTimeIdCursor,
  loadAll,
  NotFound,
  outcome,
  readPage,
  refuse,
  Refusal,
  requirePrincipal,
  rowLoader,
  toConnection,
  type Database,
  type EventBus,
  type FieldError,
  type SubgraphContext,
  type Tx,
} from '@tandem/subgraph-kit';
import { canSee, coachesOrganisation } from '../shared/access';
import { requireOrientationAttended } from '../shared/orientation.guard';
import { requireTrainingCompleted } from '../shared/training.guard';
import { mentorAvailability, type ParticipantsRepository } from '../shared/participants.repository';
import type { MentorLoadRepository } from '../load/mentor-load.repository';
import type { MatchProposalFilter, MatchProposalRepository, MatchProposalRow } from './match-proposal.repository';
import {
  toMatchProposal,
  type MatchProposal,
  type MatchProposalConnection,
  type MatchProposalResult,
} from './match-proposal.type';

const iso = (d: Date) => new Date(d).toISOString();

/** What a new proposal records besides its pair: who proposed, why, and where the mentee stands. */
export interface NewProposal {
  menteeId: string;
  mentorId: string;
  coachId: string;
  programmeId: string;
  note: string;
  runId: string | null;
  organizationId: string | null;
  cohortId: string | null;
  enrolledAt: Date | null;
}

/** Coach proposals: a coach of the mentee's organisation proposes, the mentor confirms (under capacity) or declines. */
export class MatchProposalService {
  constructor(
    private readonly proposals: MatchProposalRepository,
    private readonly participants: ParticipantsRepository,
    private readonly loads: MentorLoadRepository,
    private readonly db: Database,
    private readonly events: EventBus,
  ) {}

  async propose(
    ctx: SubgraphContext,
    menteeId: string,
    mentorId: string,
    programmeId: string,
    note: string,
  ): Promise<MatchProposalResult> {
    const principal = requirePrincipal(ctx);
    return outcome('proposal', () =>
      this.db.transaction(async (tx) => {
        const mentee = await this.participants.mentee(tx, menteeId);
        const enrolment = await this.participants.menteeEnrolment(tx, menteeId, programmeId);
        const organizationId = mentee?.organizationId ?? enrolment?.organizationId ?? null;
        // a mentee outside the coach's organisation is as unknown as one that does not exist
        if (!mentee || !coachesOrganisation(principal, organizationId)) throw NotFound('Mentee');
        const text = note.trim();
        if (!text) throw refuse('note', 'REQUIRED', 'Tell the mentor why this match could work.');
        const problem = await this.checkPair(tx, menteeId, mentorId, programmeId);
        if (problem) throw new Refusal([problem]);
        const row = await this.create(tx, {
          menteeId,
          mentorId,
          coachId: principal.userId,
          programmeId,
          note: text,
          runId: null,
          organizationId,
          cohortId: enrolment?.cohortId ?? null,
          enrolledAt: enrolment?.enrolledAt ?? null,
        });
        return toMatchProposal(row);
      }),
    );
  }

  /** Why this pair cannot be proposed now, or null. */
  async checkPair(tx: Tx, menteeId: string, mentorId: string, programmeId: string): Promise<FieldError | null> {
    if (!(await this.participants.programme(tx, programmeId)))
      return fieldError('programmeId', 'UNKNOWN_PROGRAMME', 'This programme does not exist.');
    if (menteeId === mentorId) return fieldError('mentorId', 'SELF', 'A mentee cannot mentor themselves.');
    const availability = mentorAvailability(await this.participants.mentor(tx, mentorId));
    if (availability === 'UNAVAILABLE')
      return fieldError('mentorId', 'MENTOR_UNAVAILABLE', 'This mentor is not approved or is paused.');
    if (await this.participants.hiddenByTraining(tx, mentorId, programmeId))
      return fieldError('mentorId', 'MENTOR_UNAVAILABLE', 'This mentor has required training to complete first.');
    if (availability === 'CAPACITY_REACHED')
      return fieldError('mentorId', 'CAPACITY_REACHED', 'This mentor has no free place.');
    if (await this.participants.declined(tx, menteeId, mentorId, null))
      return fieldError('mentorId', 'DECLINED_BEFORE', 'This mentor declined this mentee before.');
    if (await this.proposals.openFor(tx, menteeId, mentorId))
      return fieldError('mentorId', 'DUPLICATE_PROPOSAL', 'This pair is already proposed.');
    return null;
  }

  /** Records a proposal and tells the mentor and the mentee (MatchProposed). */
  async create(tx: Tx, p: NewProposal): Promise<MatchProposalRow> {
    const row = await this.proposals.insert(tx, {
      id: randomUUID(),
      menteeId: p.menteeId,
      mentorId: p.mentorId,
      coachId: p.coachId,
      programmeId: p.programmeId,
      cohortId: p.cohortId,
      organizationId: p.organizationId,
      runId: p.runId,
      note: p.note,
      proposedAt: new Date(),
      menteeEnrolledAt: p.enrolledAt,
    });
    await this.events.publish(tx, 'MatchProposed', {
      proposalId: row.id,
      menteeId: row.menteeId,
      mentorId: row.mentorId,
      coachId: row.coachId,
      programmeId: row.programmeId,
      note: row.note,
      proposedAt: iso(row.proposedAt),
      cohortId: row.cohortId,
      runId: row.runId,
      organizationId: row.organizationId,
    });
    return row;
  }

  /** The mentor confirms suitability: the match is confirmed only with a free place, counted under the load lock. */
  async confirm(ctx: SubgraphContext, proposalId: string): Promise<MatchProposalResult> {
    const principal = requirePrincipal(ctx);
    const visible = await this.visible(ctx, proposalId);
    if (visible.mentorId !== principal.userId) throw Forbidden('Only the proposed mentor can confirm.');
    return outcome('proposal', () =>
      this.db.transaction(async (tx) => {
        const seats = await this.loads.lock(tx, visible.mentorId);
        const proposal = await this.lockProposed(tx, proposalId);
        if (seats.used >= seats.capacity)
          throw refuse(
            'proposalId',
            'CAPACITY_REACHED',
            `You already mentor ${seats.used} of ${seats.capacity} mentees.`,
          );
        await requireOrientationAttended(this.participants, tx, 'proposalId', proposal);
        await requireTrainingCompleted(this.participants, tx, 'proposalId', proposal);
        const now = new Date();
        const row = await this.proposals.setStatus(tx, proposalId, 'CONFIRMED', now);
        await this.loads.holdSeat(tx, {
          matchId: row.id,
          source: 'PROPOSAL',
          mentorId: row.mentorId,
          menteeId: row.menteeId,
          programmeId: row.programmeId,
          confirmedAt: now,
        });
        await this.events.publish(tx, 'MatchConfirmed', {
          matchId: row.id,
          source: 'PROPOSAL',
          menteeId: row.menteeId,
          mentorId: row.mentorId,
          programmeId: row.programmeId,
          cohortId: row.cohortId,
          organizationId: row.organizationId,
          coachId: row.coachId,
          confirmedAt: iso(now),
          menteeEnrolledAt: row.menteeEnrolledAt ? iso(row.menteeEnrolledAt) : null,
        });
        return toMatchProposal(row);
      }),
    );
  }

  async decline(ctx: SubgraphContext, proposalId: string, reason: string): Promise<MatchProposalResult> {
    const principal = requirePrincipal(ctx);
    const visible = await this.visible(ctx, proposalId);
    if (visible.mentorId !== principal.userId) throw Forbidden('Only the proposed mentor can decline.');
    return outcome('proposal', async () => {
      const text = reason.trim();
      if (!text) throw refuse('reason', 'REQUIRED', 'Tell the coach why.');
      return this.db.transaction(async (tx) => {
        await this.lockProposed(tx, proposalId);
        const now = new Date();
        const row = await this.proposals.setStatus(tx, proposalId, 'DECLINED', now, text);
        await this.events.publish(tx, 'MatchProposalDeclined', {
          proposalId,
          menteeId: row.menteeId,
          mentorId: row.mentorId,
          coachId: row.coachId,
          programmeId: row.programmeId,
          reason: text,
          declinedAt: iso(now),
        });
        return toMatchProposal(row);
      });
    });
  }

  async get(ctx: SubgraphContext, id: string): Promise<MatchProposal> {
    requirePrincipal(ctx);
    return toMatchProposal(await this.visible(ctx, id));
  }

  async list(
    ctx: SubgraphContext,
    filter: MatchProposalFilter,
    first: number | null,
    after: string | null,
  ): Promise<MatchProposalConnection> {
    const principal = requirePrincipal(ctx);
    const page = readPage({ first, after }, isTimeIdCursor);
    const rows = await this.proposals.list(principal, filter, page.after, page.size);
    return toConnection(
      rows,
      page,
      (r) => [iso(r.proposedAt), r.id],
      toMatchProposal,
      () => this.proposals.count(principal, filter),
    );
  }

  /** Batched, access-checked lookup: what the caller may not see is null. */
  async load(ctx: SubgraphContext, ids: readonly string[]): Promise<Array<MatchProposalRow | null>> {
    const rows = await loadAll(
      rowLoader(
        ctx,
        'proposals:byId',
        (r: MatchProposalRow) => r.id,
        (keys) => this.proposals.findByIds(keys),
      ),
      ids,
    );
    return rows.map((r) => (r && canSee(ctx.principal, r) ? r : null));
  }

  private async visible(ctx: SubgraphContext, id: string): Promise<MatchProposalRow> {
    const [row] = await this.load(ctx, [id]);
    if (!row) throw NotFound('Proposal');
    return row;
  }

  /** The proposal, locked; refused unless it still waits for the mentor. */
  private async lockProposed(tx: Tx, proposalId: string): Promise<MatchProposalRow> {
    const proposal = (await this.proposals.lock(tx, proposalId))!;
    if (proposal.status !== 'PROPOSED')
      throw refuse('proposalId', 'NOT_PROPOSED', `This proposal is ${proposal.status.toLowerCase()}.`);
    return proposal;
  }
}
