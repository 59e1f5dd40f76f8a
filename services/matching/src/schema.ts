import type { ContainerType } from 'type-graphql';
import { batchedReference, buildFederatedSchema, type SubgraphContext } from '@tandem/subgraph-kit';
import { UserResolver } from './modules/users/user.resolver';
import { User } from './modules/users/user.type';
import { SearchResolver } from './modules/search/search.resolver';
import { MentorQuestionResolver } from './modules/questions/mentor-question.resolver';
import { toMentorQuestion } from './modules/questions/mentor-question.type';
import { MentoringRequestResolver } from './modules/requests/mentoring-request.resolver';
import { toMentoringRequest } from './modules/requests/mentoring-request.type';
import { MatchProposalResolver } from './modules/proposals/match-proposal.resolver';
import { toMatchProposal } from './modules/proposals/match-proposal.type';
import { CohortMatchResolver } from './modules/cohorts/cohort-match.resolver';
import { toCohortMatchRun } from './modules/cohorts/cohort-match.type';
import { CohortRef, ProgrammeRef } from './modules/shared/stubs';
import { PersonalDataResolver } from './modules/personal-data/personal-data.resolver';
import { PersonalDataExport } from './modules/personal-data/personal-data.type';
import type { Services } from './service';

export const resolvers = [
  UserResolver,
  SearchResolver,
  MentorQuestionResolver,
  MentoringRequestResolver,
  MatchProposalResolver,
  CohortMatchResolver,
  PersonalDataResolver,
] as const;

const present = <T>(v: T | null): v is T => v !== null;

export function buildMatchingSchema(container?: ContainerType, services?: Services) {
  return buildFederatedSchema({
    resolvers: [...resolvers],
    orphanedTypes: [User, ProgrammeRef, CohortRef, PersonalDataExport],
    container,
    referenceResolvers: {
      // the key is all this subgraph needs: its fields resolve from it, batched per request
      User: { __resolveReference: (reference: { id: string }) => Object.assign(new User(), { id: reference.id }) },
      // the same access rule as the root fields: what the caller may not see resolves to null
      MentoringRequest: batchedReference('MentoringRequest', async (ids, ctx) =>
        (await services!.requests.load(ctx, ids)).filter(present).map(toMentoringRequest),
      ),
      MatchProposal: batchedReference('MatchProposal', async (ids, ctx) =>
        (await services!.proposals.load(ctx, ids)).filter(present).map(toMatchProposal),
      ),
      CohortMatchRun: batchedReference('CohortMatchRun', async (ids, ctx) =>
        (await services!.cohorts.load(ctx, ids)).filter(present).map(toCohortMatchRun),
      ),
      MentorQuestion: batchedReference('MentorQuestion', async (ids, ctx) =>
        (await services!.questions.load(ctx, ids)).filter(present).map(toMentorQuestion),
      ),
      // the person or an ADMIN only; anyone else gets null
      PersonalDataExport: {
        __resolveReference: (ref: { userId: string }, ctx: SubgraphContext) =>
          services!.personalData.reference(ctx, ref.userId),
      },
    },
  });
}
