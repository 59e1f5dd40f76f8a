import { Directive, Field, Float, ID, ObjectType, registerEnumType } from 'type-graphql';
import { FieldError, PageInfo } from '@tandem/subgraph-kit';
import { User } from '../users/user.type';
import { CohortRef, cohortRef, ProgramRef, programRef } from '../shared/stubs';
import { MATCH_PROPOSAL_STATUSES, type MatchProposalRow, type MatchProposalStatus } from './match-proposal.entity';

export const MatchProposalStatusEnum = Object.fromEntries(MATCH_PROPOSAL_STATUSES.map((s) => [s, s])) as {
  [K in MatchProposalStatus]: K;
};
registerEnumType(MatchProposalStatusEnum, {
  name: 'MatchProposalStatus',
  description: 'PROPOSED by a coach; CONFIRMED by the mentor (the relationship starts) or DECLINED.',
});

const user = (id: string) => Object.assign(new User(), { id });

@ObjectType({
  description:
    'A coach proposes a mentor for a mentee of their organisation; the mentor confirms suitability or declines (seed 000).',
})
@Directive('@key(fields: "id")')
export class MatchProposal {
  @Field(() => ID)
  id!: string;

  @Field(() => User, { description: 'The mentee.' })
  mentee!: User;

  @Field(() => User, { description: 'The proposed mentor.' })
  mentor!: User;

  @Field(() => User, { description: 'The coach who proposed.' })
  coach!: User;

  @Field(() => ID, { description: 'The programme.' })
  programmeId!: string;

  @Field(() => ProgramRef, { description: 'The programme (resolved by identity).' })
  program!: ProgramRef;

  @Field(() => ID, { nullable: true, description: 'The cohort, if any.' })
  cohortId!: string | null;

  @Field(() => CohortRef, { nullable: true, description: 'The cohort, if any (resolved by identity).' })
  cohort!: CohortRef | null;

  @Field(() => ID, { nullable: true, description: 'The cohort matching run it came from, if any.' })
  runId!: string | null;

  @Field(() => String, { description: "The coach's note to the mentor." })
  note!: string;

  @Field(() => MatchProposalStatusEnum, { description: 'Where it stands.' })
  status!: MatchProposalStatus;

  @Field(() => String, { nullable: true, description: 'Why the mentor declined.' })
  declineReason!: string | null;

  @Field(() => Date, { description: 'When it was proposed.' })
  proposedAt!: Date;

  @Field(() => Date, { nullable: true, description: 'When the mentor confirmed or declined.' })
  respondedAt!: Date | null;

  @Field(() => Date, { nullable: true, description: 'When the mentee enrolled in the programme, if known.' })
  menteeEnrolledAt!: Date | null;

  @Field(() => Float, {
    nullable: true,
    description: 'Days from enrolment to the confirmed match (the seed’s two to four weeks).',
  })
  daysToMatch!: number | null;
}

export const toMatchProposal = (r: MatchProposalRow): MatchProposal =>
  Object.assign(new MatchProposal(), {
    id: r.id,
    mentee: user(r.mentee_id),
    mentor: user(r.mentor_id),
    coach: user(r.coach_id),
    programmeId: r.programme_id,
    program: programRef(r.programme_id),
    cohortId: r.cohort_id,
    cohort: cohortRef(r.cohort_id),
    runId: r.run_id,
    note: r.note,
    status: r.status,
    declineReason: r.decline_reason,
    proposedAt: r.proposed_at,
    respondedAt: r.responded_at,
    menteeEnrolledAt: r.mentee_enrolled_at,
    daysToMatch:
      r.status === 'CONFIRMED' && r.mentee_enrolled_at && r.responded_at
        ? (r.responded_at.getTime() - r.mentee_enrolled_at.getTime()) / 86_400_000
        : null,
  });

@ObjectType({ description: 'The outcome of a change to a proposal: the proposal, or what to fix.' })
export class MatchProposalResult {
  @Field(() => MatchProposal, { nullable: true, description: 'The proposal; null when refused.' })
  proposal!: MatchProposal | null;

  @Field(() => [FieldError], {
    description:
      'Why it was refused (`CAPACITY_REACHED`, `MENTOR_UNAVAILABLE`, `DUPLICATE_PROPOSAL`, `NOT_PROPOSED`…).',
  })
  errors!: FieldError[];
}

@ObjectType({ description: 'A proposal and its cursor.' })
export class MatchProposalEdge {
  @Field(() => String)
  cursor!: string;

  @Field(() => MatchProposal)
  node!: MatchProposal;
}

@ObjectType({ description: 'A page of proposals, newest first.' })
export class MatchProposalConnection {
  @Field(() => [MatchProposalEdge])
  edges!: MatchProposalEdge[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;
}
