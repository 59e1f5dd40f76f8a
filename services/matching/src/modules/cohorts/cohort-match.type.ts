import { Directive, Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { FieldError, type Connection, connectionTypes } from '@tandem/subgraph-kit';
import { User, userRef } from '../users/user.type';
import { CohortRef, cohortRef, OrganizationRef, organizationRef, ProgrammeRef, programmeRef } from '../shared/stubs';
import { MatchingCriterionScore, toCriterionScore } from '../search/search.type';
import { MatchProposal } from '../proposals/match-proposal.type';
import type { CohortObjective } from './assignment';
import type { CohortMatchRunRow, CohortPairRuleRow, StoredBasis } from './cohort-match.repository';
import { UNMATCHED_REASONS, type PairRule, type UnmatchedReason } from './cohort-planner';

export const CohortMatchObjectiveEnum = { MAX_TOTAL_SCORE: 'MAX_TOTAL_SCORE', MAX_MATCHED: 'MAX_MATCHED' } as const;
registerEnumType(CohortMatchObjectiveEnum, {
  name: 'CohortMatchObjective',
  description:
    'MAX_TOTAL_SCORE: the highest sum of scores. MAX_MATCHED: as many mentees matched as possible, then the highest sum.',
});
export const CohortMatchRunStatusEnum = { DRAFT: 'DRAFT', PUBLISHED: 'PUBLISHED' } as const;
registerEnumType(CohortMatchRunStatusEnum, {
  name: 'CohortMatchRunStatus',
  description: 'DRAFT for the coach to review; PUBLISHED once its pairs became proposals.',
});
export const CohortUnmatchedReasonEnum = Object.fromEntries(UNMATCHED_REASONS.map((r) => [r, r])) as {
  [K in UnmatchedReason]: K;
};
registerEnumType(CohortUnmatchedReasonEnum, {
  name: 'CohortUnmatchedReason',
  description:
    'NO_PROFILE (no mentee profile), ALREADY_MATCHED, NO_ELIGIBLE_MENTOR (none, or all conflict: same employer, declined before), ALL_EXCLUDED (by the coach), CAPACITY_EXHAUSTED (suitable mentors full or their places gave better matches).',
});
export const CohortPairRuleKindEnum = { LOCKED: 'LOCKED', EXCLUDED: 'EXCLUDED' } as const;
registerEnumType(CohortPairRuleKindEnum, {
  name: 'CohortPairRuleKind',
  description: 'LOCKED: always pair them; EXCLUDED: never.',
});

@ObjectType({ description: 'A pair of a cohort matching run, with its explanation.' })
export class CohortMatchPair {
  @Field(() => User, { description: 'The mentee.' })
  mentee!: User;

  @Field(() => User, { description: 'The mentor.' })
  mentor!: User;

  @Field(() => Float, { description: 'The match score, 0 to 1.' })
  score!: number;

  @Field(() => Boolean, { description: 'Whether the coach locked this pair.' })
  locked!: boolean;

  @Field(() => [MatchingCriterionScore], { description: 'Each criterion with its contribution and what matched.' })
  explanation!: MatchingCriterionScore[];
}

@ObjectType({ description: 'A mentee the run left without a mentor, and why.' })
export class CohortUnmatchedMentee {
  @Field(() => User, { description: 'The mentee.' })
  mentee!: User;

  @Field(() => CohortUnmatchedReasonEnum, { description: 'Why.' })
  reason!: UnmatchedReason;

  @Field(() => String, { description: 'The reason in words, with counts.' })
  detail!: string;
}

@ObjectType({
  description:
    'The data a cohort matching run used: when it read the cohort, how many mentees and mentors it considered, and whether updates were still arriving (then a just-approved mentor or a just-enrolled mentee may be missing: run it again shortly).',
})
export class CohortMatchBasis {
  @Field(() => Date, { description: 'When the run read the cohort (its data is as of then).' })
  readAt!: Date;

  @Field(() => Int, { description: 'Mentees of the cohort it considered (in its scope, matched ones included).' })
  mentees!: number;

  @Field(() => Int, { description: "Approved, available mentors of the cohort's programme it considered." })
  mentors!: number;

  @Field(() => Int, {
    nullable: true,
    description:
      'Profile, approval, enrolment and relationship updates already made but not yet applied to matching when it ran (0: nothing on its way; null: unknown).',
  })
  updatesArriving!: number | null;

  @Field(() => Date, { nullable: true, description: 'When the oldest of those updates was made.' })
  oldestUpdateAt!: Date | null;
}

@ObjectType({
  description:
    'An optimal assignment of a cohort’s mentees to its mentors: a draft the coach reviews, edits (lock, exclude, rerun) and publishes as proposals.',
})
@Directive('@key(fields: "id")')
export class CohortMatchRun {
  @Field(() => ID)
  id!: string;

  @Field(() => ID, { description: 'The cohort.' })
  cohortId!: string;

  @Field(() => ID, { description: 'Its programme.' })
  programmeId!: string;

  @Field(() => CohortRef, { description: 'The cohort (resolved by identity).' })
  cohort!: CohortRef;

  @Field(() => ProgrammeRef, { description: 'Its programme (resolved by identity).' })
  programme!: ProgrammeRef;

  @Field(() => ProgrammeRef, {
    description: 'Its programme (resolved by identity).',
    deprecationReason: 'Use programme.',
  })
  program!: ProgrammeRef;

  @Field(() => ID, {
    nullable: true,
    description: 'The organisation whose mentees the run covers (a coach’s run); null when it covers the whole cohort.',
  })
  organizationId!: string | null;

  @Field(() => OrganizationRef, {
    nullable: true,
    description: 'That organisation (resolved by identity); null for the whole cohort.',
  })
  organization!: OrganizationRef | null;

  @Field(() => CohortMatchObjectiveEnum, { description: 'What was maximised.' })
  objective!: CohortObjective;

  @Field(() => CohortMatchRunStatusEnum, { description: 'DRAFT or PUBLISHED.' })
  status!: string;

  @Field(() => User, { description: 'Who ran it.' })
  createdBy!: User;

  @Field(() => Date, { description: 'When it ran.' })
  createdAt!: Date;

  @Field(() => Date, { nullable: true, description: 'When it was published.' })
  publishedAt!: Date | null;

  @Field(() => Float, { description: 'The sum of the pairs’ scores.' })
  totalScore!: number;

  @Field(() => Int, { description: 'How many mentees got a mentor.' })
  matchedCount!: number;

  @Field(() => [CohortMatchPair], { description: 'The pairs, best first.' })
  pairs!: CohortMatchPair[];

  @Field(() => [CohortUnmatchedMentee], { description: 'The mentees left unmatched, with why.' })
  unmatched!: CohortUnmatchedMentee[];

  @Field(() => CohortMatchBasis, {
    nullable: true,
    description: 'The data the run used: as of when, how many people, updates still arriving (null for older runs).',
  })
  basis!: CohortMatchBasis | null;
}

export function toCohortMatchBasis(b: StoredBasis | undefined): CohortMatchBasis | null {
  if (!b) return null;
  return Object.assign(new CohortMatchBasis(), {
    readAt: new Date(b.readAt),
    mentees: b.mentees,
    mentors: b.mentors,
    updatesArriving: b.updatesArriving,
    oldestUpdateAt: b.oldestUpdateAt ? new Date(b.oldestUpdateAt) : null,
  });
}

export function toCohortMatchRun(r: CohortMatchRunRow): CohortMatchRun {
  return Object.assign(new CohortMatchRun(), {
    id: r.id,
    cohortId: r.cohortId,
    programmeId: r.programmeId,
    cohort: cohortRef(r.cohortId)!,
    programme: programmeRef(r.programmeId),
    program: programmeRef(r.programmeId),
    organizationId: r.organizationId,
    organization: organizationRef(r.organizationId),
    objective: r.objective,
    status: r.status,
    createdBy: userRef(r.createdBy),
    createdAt: r.createdAt,
    publishedAt: r.publishedAt,
    totalScore: Number(r.totalScore),
    matchedCount: r.matchedCount,
    pairs: [...r.result.pairs]
      .sort((a, b) => b.score - a.score)
      .map((p) =>
        Object.assign(new CohortMatchPair(), {
          mentee: userRef(p.menteeId),
          mentor: userRef(p.mentorId),
          score: p.score,
          locked: p.locked,
          explanation: p.explanation.map(toCriterionScore),
        }),
      ),
    unmatched: r.result.unmatched.map((u) =>
      Object.assign(new CohortUnmatchedMentee(), { mentee: userRef(u.menteeId), reason: u.reason, detail: u.detail }),
    ),
    basis: toCohortMatchBasis(r.result.basis),
  });
}

export const { ConnectionType: CohortMatchRunConnection } = connectionTypes(
  CohortMatchRun,
  'CohortMatchRun',
  'cohort matching run',
);
export type CohortMatchRunConnection = Connection<CohortMatchRun>;

@ObjectType({ description: 'A coach’s rule for a pair of a cohort: locked (always paired) or excluded (never).' })
export class CohortPairRule {
  @Field(() => ID)
  cohortId!: string;

  @Field(() => User)
  mentee!: User;

  @Field(() => User)
  mentor!: User;

  @Field(() => CohortPairRuleKindEnum)
  rule!: PairRule;

  @Field(() => Date)
  setAt!: Date;
}

export const toCohortPairRule = (r: CohortPairRuleRow): CohortPairRule =>
  Object.assign(new CohortPairRule(), {
    cohortId: r.cohortId,
    mentee: userRef(r.menteeId),
    mentor: userRef(r.mentorId),
    rule: r.rule,
    setAt: r.setAt,
  });

@ObjectType({ description: 'The outcome of running cohort matching.' })
export class CohortMatchRunResult {
  @Field(() => CohortMatchRun, { nullable: true, description: 'The new draft run.' })
  run!: CohortMatchRun | null;

  @Field(() => [FieldError], { description: 'Why it could not run.' })
  errors!: FieldError[];
}

@ObjectType({ description: 'The outcome of setting a pair rule.' })
export class CohortPairRuleResult {
  @Field(() => CohortPairRule, { nullable: true, description: 'The rule.' })
  rule!: CohortPairRule | null;

  @Field(() => [FieldError], { description: 'Why it was refused.' })
  errors!: FieldError[];
}

@ObjectType({
  description: 'The outcome of publishing a run: the proposals made, and pairs that could not be proposed any more.',
})
export class PublishCohortMatchRunResult {
  @Field(() => CohortMatchRun, { nullable: true, description: 'The run, now PUBLISHED.' })
  run!: CohortMatchRun | null;

  @Field(() => [MatchProposal], { description: 'The proposals created, one per pair still possible.' })
  proposals!: MatchProposal[];

  @Field(() => [FieldError], {
    description: 'Pairs skipped (`pairs.<menteeId>`) and why, or why nothing was published.',
  })
  errors!: FieldError[];
}
