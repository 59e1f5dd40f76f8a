import { Directive, Field, Float, ID, ObjectType, registerEnumType } from 'type-graphql';
import { FieldError, type Connection, connectionTypes } from '@tandem/subgraph-kit';
import { User, userRef } from '../users/user.type';
import { CohortRef, cohortRef, ProgrammeRef, programmeRef } from '../shared/stubs';
import { MATCH_PROPOSAL_STATUSES, type MatchProposalRow, type MatchProposalStatus } from './match-proposal.repository';

export const MatchProposalStatusEnum = Object.fromEntries(MATCH_PROPOSAL_STATUSES.map((s) => [s, s])) as {
  [K in MatchProposalStatus]: K;
};
registerEnumType(MatchProposalStatusEnum, {
  name: 'MatchProposalStatus',
  description: 'PROPOSED by a coach; CONFIRMED by the mentor (the relationship starts) or DECLINED.',
});

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

  @Field(() => ProgrammeRef, { description: 'The programme (resolved by identity).' })
  programme!: ProgrammeRef;

  @Field(() => ProgrammeRef, {
    description: 'The programme (resolved by identity).',
    deprecationReason: 'Use programme.',
  })
  program!: ProgrammeRef;

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
    mentee: userRef(r.menteeId),
    mentor: userRef(r.mentorId),
    coach: userRef(r.coachId),
    programmeId: r.programmeId,
    programme: programmeRef(r.programmeId),
    program: programmeRef(r.programmeId),
    cohortId: r.cohortId,
    cohort: cohortRef(r.cohortId),
    runId: r.runId,
    note: r.note,
    status: r.status,
    declineReason: r.declineReason,
    proposedAt: r.proposedAt,
    respondedAt: r.respondedAt,
    menteeEnrolledAt: r.menteeEnrolledAt,
    daysToMatch:
      r.status === 'CONFIRMED' && r.menteeEnrolledAt && r.respondedAt
        ? (r.respondedAt.getTime() - r.menteeEnrolledAt.getTime()) / 86_400_000
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

export const { ConnectionType: MatchProposalConnection } = connectionTypes(MatchProposal, 'MatchProposal', 'proposal');
export type MatchProposalConnection = Connection<MatchProposal>;
