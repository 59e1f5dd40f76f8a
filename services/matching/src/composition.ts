/** The composition root: repositories, services and resolvers of the matching subgraph, built once per process. */
import type { ScheduledJob, ServiceRuntime } from '@tandem/subgraph-kit';
import { MentorLoadRepository } from './modules/load/mentor-load.repository';
import { MentorQuestionRepository } from './modules/questions/mentor-question.repository';
import { MentorQuestionResolver } from './modules/questions/mentor-question.resolver';
import { MentorQuestionService } from './modules/questions/mentor-question.service';
import { MentoringRequestRepository } from './modules/requests/mentoring-request.repository';
import { MentoringRequestResolver } from './modules/requests/mentoring-request.resolver';
import { MentoringRequestService } from './modules/requests/mentoring-request.service';
import { SearchRepository } from './modules/search/search.repository';
import { SearchResolver } from './modules/search/search.resolver';
import { SearchService } from './modules/search/search.service';
import { MatchProposalRepository } from './modules/proposals/match-proposal.repository';
import { MatchProposalResolver } from './modules/proposals/match-proposal.resolver';
import { MatchProposalService } from './modules/proposals/match-proposal.service';
import { CohortMatchRepository } from './modules/cohorts/cohort-match.repository';
import { CohortMatchResolver } from './modules/cohorts/cohort-match.resolver';
import { CohortMatchService } from './modules/cohorts/cohort-match.service';
import { ParticipantsRepository } from './modules/shared/participants.repository';
import { PersonalDataRepository } from './modules/personal-data/personal-data.repository';
import { PersonalDataResolver } from './modules/personal-data/personal-data.resolver';
import { PersonalDataService } from './modules/personal-data/personal-data.service';
import { UserFiguresRepository } from './modules/users/user.repository';
import { UserResolver } from './modules/users/user.resolver';

export function composeServices(runtime: Pick<ServiceRuntime, 'dataSource' | 'transact' | 'events'>) {
  const { dataSource, transact, events } = runtime;
  const load = new MentorLoadRepository();
  const participants = new ParticipantsRepository();
  const search = new SearchService(new SearchRepository(dataSource));
  const questions = new MentorQuestionService(new MentorQuestionRepository(dataSource), participants, transact, events);
  const requests = new MentoringRequestService(
    new MentoringRequestRepository(dataSource),
    participants,
    load,
    transact,
    events,
  );
  const proposals = new MatchProposalService(
    new MatchProposalRepository(dataSource),
    participants,
    load,
    transact,
    events,
  );
  const cohorts = new CohortMatchService(new CohortMatchRepository(dataSource), proposals, transact);
  const personalData = new PersonalDataService(new PersonalDataRepository(dataSource));
  const resolvers = new Map<unknown, unknown>([
    [UserResolver, new UserResolver(new UserFiguresRepository(dataSource))],
    [SearchResolver, new SearchResolver(search)],
    [MentorQuestionResolver, new MentorQuestionResolver(questions)],
    [MentoringRequestResolver, new MentoringRequestResolver(requests)],
    [MatchProposalResolver, new MatchProposalResolver(proposals)],
    [CohortMatchResolver, new CohortMatchResolver(cohorts)],
    [PersonalDataResolver, new PersonalDataResolver(personalData)],
  ]);
  return { load, participants, search, questions, requests, proposals, cohorts, personalData, resolvers };
}
export type Services = ReturnType<typeof composeServices>;

/** The scheduled jobs (pg-boss runs them; tests call `run` directly). */
export function createJobs(services: Pick<Services, 'requests'>): ScheduledJob[] {
  return [
    {
      name: 'expire-mentoring-requests',
      cron: '*/10 * * * *',
      run: async () => {
        await services.requests.expireDue();
      },
    },
  ];
}
