import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import {
  decodeCursor,
  encodeCursor,
  fieldError,
  Forbidden,
  loadAll,
  NotFound,
  pageSize,
  requirePrincipal,
  sliceAndPageInfo,
  type EventBus,
  type FieldError,
  type SubgraphContext,
  type Transact,
} from '@tandem/subgraph-kit';
import { canSee, coachesOrganisation } from '../shared/access';
import { mentorAvailability, type ParticipantsRepository } from '../shared/participants.repository';
import type { MentorLoadRepository } from '../load/mentor-load.repository';
import type { MatchProposalRow, MatchProposalStatus } from './match-proposal.entity';
import type { MatchProposalRepository } from './match-proposal.repository';
import {
  toMatchProposal,
  type MatchProposal,
  type MatchProposalConnection,
  type MatchProposalResult,
} from './match-proposal.type';

const refused = (errors: FieldError[]): MatchProposalResult => ({ proposal: null, errors });
const iso = (d: Date) => new Date(d).toISOString();
type Cursor = { t: string; id: string };
const isCursor = (v: unknown): v is Cursor =>
  !!v && typeof (v as Cursor).t === 'string' && typeof (v as Cursor).id === 'string';

/** Whether this principal coaches (or administers) the organisation. */
/** Coach proposals: a coach of the mentee's organisation proposes, the mentor confirms (under capacity) or declines. */
export class MatchProposalService {
  constructor(
    private readonly proposals: MatchProposalRepository,
    private readonly participants: ParticipantsRepository,
    private readonly loads: MentorLoadRepository,
    private readonly transact: Transact,
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
    return this.transact(async (manager) => {
      const mentee = await this.participants.mentee(manager, menteeId);
      const enrolment = await this.participants.menteeEnrolment(manager, menteeId, programmeId);
      const organizationId = mentee?.organization_id ?? enrolment?.organization_id ?? null;
      // a mentee outside the coach's organisation is as unknown as one that does not exist
      if (!mentee || !coachesOrganisation(principal, organizationId)) throw NotFound('Mentee');
      const text = note.trim();
      if (!text) return refused([fieldError('note', 'REQUIRED', 'Tell the mentor why this match could work.')]);
      const problem = await this.checkPair(manager, menteeId, mentorId, programmeId);
      if (problem) return refused([problem]);
      const row = await this.create(manager, {
        menteeId,
        mentorId,
        coachId: principal.userId,
        programmeId,
        note: text,
        runId: null,
        organizationId,
        cohortId: enrolment?.cohort_id ?? null,
        enrolledAt: enrolment?.enrolled_at ?? null,
      });
      return { proposal: toMatchProposal(row), errors: [] };
    });
  }

  /** Why this pair cannot be proposed now, or null. */
  async checkPair(
    manager: EntityManager,
    menteeId: string,
    mentorId: string,
    programmeId: string,
  ): Promise<FieldError | null> {
    if (!(await this.participants.programme(manager, programmeId)))
      return fieldError('programmeId', 'UNKNOWN_PROGRAMME', 'This programme does not exist.');
    if (menteeId === mentorId) return fieldError('mentorId', 'SELF', 'A mentee cannot mentor themselves.');
    const availability = mentorAvailability(await this.participants.mentor(manager, mentorId));
    if (availability === 'UNAVAILABLE')
      return fieldError('mentorId', 'MENTOR_UNAVAILABLE', 'This mentor is not approved or is paused.');
    if (availability === 'CAPACITY_REACHED')
      return fieldError('mentorId', 'CAPACITY_REACHED', 'This mentor has no free place.');
    if (await this.participants.declined(manager, menteeId, mentorId, null))
      return fieldError('mentorId', 'DECLINED_BEFORE', 'This mentor declined this mentee before.');
    if (await this.proposals.openFor(manager, menteeId, mentorId))
      return fieldError('mentorId', 'DUPLICATE_PROPOSAL', 'This pair is already proposed.');
    return null;
  }

  /** Records a proposal and tells the mentor and the mentee (MatchProposed). */
  async create(
    manager: EntityManager,
    p: {
      menteeId: string;
      mentorId: string;
      coachId: string;
      programmeId: string;
      note: string;
      runId: string | null;
      organizationId: string | null;
      cohortId: string | null;
      enrolledAt: Date | null;
    },
  ): Promise<MatchProposalRow> {
    const row = await this.proposals.insert(manager, {
      id: randomUUID(),
      mentee_id: p.menteeId,
      mentor_id: p.mentorId,
      coach_id: p.coachId,
      programme_id: p.programmeId,
      cohort_id: p.cohortId,
      organization_id: p.organizationId,
      run_id: p.runId,
      note: p.note,
      proposed_at: new Date(),
      mentee_enrolled_at: p.enrolledAt,
    });
    await this.events.publish(manager, 'MatchProposed', {
      proposalId: row.id,
      menteeId: row.mentee_id,
      mentorId: row.mentor_id,
      coachId: row.coach_id,
      programmeId: row.programme_id,
      note: row.note,
      proposedAt: iso(row.proposed_at),
      cohortId: row.cohort_id,
      runId: row.run_id,
      organizationId: row.organization_id,
    });
    return row;
  }

  /** The mentor confirms suitability: the match is confirmed only with a free place, counted under the load lock. */
  async confirm(ctx: SubgraphContext, proposalId: string): Promise<MatchProposalResult> {
    const principal = requirePrincipal(ctx);
    const visible = await this.visible(ctx, proposalId);
    if (visible.mentor_id !== principal.userId) throw Forbidden('Only the proposed mentor can confirm.');
    return this.transact(async (manager) => {
      const seats = await this.loads.lock(manager, visible.mentor_id);
      const proposal = (await this.proposals.lock(manager, proposalId))!;
      if (proposal.status !== 'PROPOSED')
        return refused([
          fieldError('proposalId', 'NOT_PROPOSED', `This proposal is ${proposal.status.toLowerCase()}.`),
        ]);
      if (seats.used >= seats.capacity)
        return refused([
          fieldError(
            'proposalId',
            'CAPACITY_REACHED',
            `You already mentor ${seats.used} of ${seats.capacity} mentees.`,
          ),
        ]);
      const now = new Date();
      const row = await this.proposals.setStatus(manager, proposalId, 'CONFIRMED', now);
      await this.loads.holdSeat(manager, {
        matchId: row.id,
        source: 'PROPOSAL',
        mentorId: row.mentor_id,
        menteeId: row.mentee_id,
        programmeId: row.programme_id,
        confirmedAt: now,
      });
      await this.events.publish(manager, 'MatchConfirmed', {
        matchId: row.id,
        source: 'PROPOSAL',
        menteeId: row.mentee_id,
        mentorId: row.mentor_id,
        programmeId: row.programme_id,
        cohortId: row.cohort_id,
        organizationId: row.organization_id,
        coachId: row.coach_id,
        confirmedAt: iso(now),
        menteeEnrolledAt: row.mentee_enrolled_at ? iso(row.mentee_enrolled_at) : null,
      });
      return { proposal: toMatchProposal(row), errors: [] };
    });
  }

  async decline(ctx: SubgraphContext, proposalId: string, reason: string): Promise<MatchProposalResult> {
    const principal = requirePrincipal(ctx);
    const visible = await this.visible(ctx, proposalId);
    if (visible.mentor_id !== principal.userId) throw Forbidden('Only the proposed mentor can decline.');
    const text = reason.trim();
    if (!text) return refused([fieldError('reason', 'REQUIRED', 'Tell the coach why.')]);
    return this.transact(async (manager) => {
      const proposal = (await this.proposals.lock(manager, proposalId))!;
      if (proposal.status !== 'PROPOSED')
        return refused([
          fieldError('proposalId', 'NOT_PROPOSED', `This proposal is ${proposal.status.toLowerCase()}.`),
        ]);
      const now = new Date();
      const row = await this.proposals.setStatus(manager, proposalId, 'DECLINED', now, text);
      await this.events.publish(manager, 'MatchProposalDeclined', {
        proposalId,
        menteeId: row.mentee_id,
        mentorId: row.mentor_id,
        coachId: row.coach_id,
        programmeId: row.programme_id,
        reason: text,
        declinedAt: iso(now),
      });
      return { proposal: toMatchProposal(row), errors: [] };
    });
  }

  async get(ctx: SubgraphContext, id: string): Promise<MatchProposal> {
    requirePrincipal(ctx);
    return toMatchProposal(await this.visible(ctx, id));
  }

  async list(
    ctx: SubgraphContext,
    filter: { status: MatchProposalStatus | null; programmeId: string | null; menteeId: string | null },
    first: number | null,
    after: string | null,
  ): Promise<MatchProposalConnection> {
    const principal = requirePrincipal(ctx);
    const size = pageSize(first);
    const cursor = decodeCursor(after, isCursor);
    const rows = await this.proposals.list(principal, filter, cursor, size);
    const page = sliceAndPageInfo(rows, size, (r) => encodeCursor({ t: iso(r.proposed_at), id: r.id }), !!cursor);
    return {
      edges: page.nodes.map((r, i) => ({ cursor: page.cursors[i], node: toMatchProposal(r) })),
      pageInfo: page.pageInfo,
    };
  }

  /** Batched, access-checked lookup: what the caller may not see is null. */
  async load(ctx: SubgraphContext, ids: readonly string[]): Promise<Array<MatchProposalRow | null>> {
    const rows = await loadAll(
      ctx.loaders.get<string, MatchProposalRow | null>('proposals:byId', async (keys) => {
        const found = new Map((await this.proposals.findByIds(keys)).map((r) => [r.id, r]));
        return keys.map((k) => found.get(k) ?? null);
      }),
      ids,
    );
    return rows.map((r) =>
      r && canSee(ctx.principal, { menteeId: r.mentee_id, mentorId: r.mentor_id, organizationId: r.organization_id })
        ? r
        : null,
    );
  }

  private async visible(ctx: SubgraphContext, id: string): Promise<MatchProposalRow> {
    const [row] = await this.load(ctx, [id]);
    if (!row) throw NotFound('Proposal');
    return row;
  }
}
