/**
 * The matching subgraph: search, questions, requests, proposals, cohort matching and mentor load. Its composition
 * root: the repositories, services and resolvers built top to bottom, each given its dependencies once.
 */
import type { ScheduledJob, ServiceDefinition, ServiceRuntime } from '@tandem/subgraph-kit';
import { migrations } from './database/migrations';
import { buildMatchingSchema } from './schema';
import { matchingEnvSchema, searchIndexEnabled, searchIndexScan, searchScore, type MatchingEnv } from './env';
import { ReadModelRepository } from './modules/read-models/read-model.repository';
import { readModelConsumers } from './modules/read-models/read-model.consumers';
import { MentorLoadRepository } from './modules/load/mentor-load.repository';
import { mentorLoadConsumers } from './modules/load/mentor-load.consumers';
import { ParticipantsRepository } from './modules/shared/participants.repository';
import { UserFiguresRepository } from './modules/users/user.repository';
import { UserResolver } from './modules/users/user.resolver';
import { SearchRepository } from './modules/search/search.repository';
import { SearchResolver } from './modules/search/search.resolver';
import { SearchService } from './modules/search/search.service';
import { MentorQuestionRepository } from './modules/questions/mentor-question.repository';
import { MentorQuestionResolver } from './modules/questions/mentor-question.resolver';
import { MentorQuestionService } from './modules/questions/mentor-question.service';
import { mentorQuestionConsumers } from './modules/questions/mentor-question.consumers';
import { MentoringRequestRepository } from './modules/requests/mentoring-request.repository';
import { MentoringRequestResolver } from './modules/requests/mentoring-request.resolver';
import { MentoringRequestService } from './modules/requests/mentoring-request.service';
import { MentoringRequestThreadService } from './modules/requests/mentoring-request-thread.service';
import { MentoringRequestExpiryService } from './modules/requests/mentoring-request-expiry.service';
import { mentoringRequestConsumers } from './modules/requests/mentoring-request.consumers';
import { MatchProposalRepository } from './modules/proposals/match-proposal.repository';
import { MatchProposalResolver } from './modules/proposals/match-proposal.resolver';
import { MatchProposalService } from './modules/proposals/match-proposal.service';
import { CohortMatchRepository } from './modules/cohorts/cohort-match.repository';
import { CohortMatchResolver } from './modules/cohorts/cohort-match.resolver';
import { CohortMatchService } from './modules/cohorts/cohort-match.service';
import { PersonalDataRepository } from './modules/personal-data/personal-data.repository';
import { PersonalDataResolver } from './modules/personal-data/personal-data.resolver';
import { PersonalDataService } from './modules/personal-data/personal-data.service';

/** Builds the subgraph's parts; nothing is wired after construction. */
export function composeServices(runtime: Pick<ServiceRuntime, 'db' | 'events'>) {
  const { db, events } = runtime;
  // repositories
  const readModels = new ReadModelRepository();
  const load = new MentorLoadRepository();
  const participants = new ParticipantsRepository();
  const questionRows = new MentorQuestionRepository(db);
  const requestRows = new MentoringRequestRepository(db);
  const proposalRows = new MatchProposalRepository(db);
  // services
  const searchRows = new SearchRepository(db, {
    useIndex: searchIndexEnabled,
    scan: searchIndexScan,
    score: searchScore,
  });
  // the search index loads in the background from the start (a failure is retried by the first search)
  if (searchIndexEnabled) void searchRows.index.refresh().catch(() => undefined);
  const search = new SearchService(searchRows);
  const questions = new MentorQuestionService(questionRows, participants, db, events);
  const requests = new MentoringRequestService(requestRows, participants, load, db, events);
  const requestThread = new MentoringRequestThreadService(requests, requestRows, db, events);
  const requestExpiry = new MentoringRequestExpiryService(requestRows, db, events);
  const proposals = new MatchProposalService(proposalRows, participants, load, db, events);
  const cohorts = new CohortMatchService(new CohortMatchRepository(db), proposals, db, events);
  const personalData = new PersonalDataService(new PersonalDataRepository(db));
  // resolvers
  const resolvers = new Map<unknown, unknown>([
    [UserResolver, new UserResolver(new UserFiguresRepository(db))],
    [SearchResolver, new SearchResolver(search)],
    [MentorQuestionResolver, new MentorQuestionResolver(questions)],
    [MentoringRequestResolver, new MentoringRequestResolver(requests, requestThread)],
    [MatchProposalResolver, new MatchProposalResolver(proposals)],
    [CohortMatchResolver, new CohortMatchResolver(cohorts)],
    [PersonalDataResolver, new PersonalDataResolver(personalData)],
  ]);
  /** What the modules' consumers are given. */
  const deps = { readModels, load, questionRows, requestRows };
  return { deps, questions, requests, requestExpiry, proposals, cohorts, personalData, resolvers };
}
export type Services = ReturnType<typeof composeServices>;
export type MatchingDeps = Services['deps'];

/** The scheduled jobs (pg-boss runs them; tests call `run` directly). */
export function createJobs(services: Pick<Services, 'requestExpiry'>): ScheduledJob[] {
  return [
    {
      name: 'expire-mentoring-requests',
      cron: '*/10 * * * *',
      run: async () => {
        await services.requestExpiry.expireDue();
      },
    },
  ];
}

export const matching: ServiceDefinition<MatchingEnv, MatchingDeps> = {
  name: 'matching',
  schema: 'matching',
  envSchema: matchingEnvSchema,
  migrations,
  // in this order for each event: an erased person leaves the read models, then their words leave questions and requests
  consumers: [readModelConsumers, mentorLoadConsumers, mentorQuestionConsumers, mentoringRequestConsumers],
  printableSchema: () => buildMatchingSchema(),
  async create(runtime) {
    const services = composeServices(runtime);
    return {
      schema: await buildMatchingSchema({ get: (cls) => services.resolvers.get(cls) }, services),
      deps: services.deps,
      jobs: createJobs(services),
    };
  },
};
