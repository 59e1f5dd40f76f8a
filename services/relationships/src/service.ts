/** The relationships subgraph: the partnership, its agreement, goals, meetings, messages, ending, feedback and coach support. */
import type { ServiceDefinition } from '@tandem/subgraph-kit';
import { migrations } from './database/migrations';
import { AgreementRepository } from './modules/agreements/agreement.repository';
import { AgreementResolver } from './modules/agreements/agreement.resolver';
import { AgreementService } from './modules/agreements/agreement.service';
import { CheckInRepository } from './modules/coaching/check-in.repository';
import { CoachingResolver } from './modules/coaching/coaching.resolver';
import { CoachingService } from './modules/coaching/coaching.service';
import { FeedbackRepository } from './modules/feedback/feedback.repository';
import { FeedbackResolver } from './modules/feedback/feedback.resolver';
import { FeedbackService } from './modules/feedback/feedback.service';
import { MessageRepository } from './modules/messages/message.repository';
import { MessageResolver } from './modules/messages/message.resolver';
import { MessageService } from './modules/messages/message.service';
import { GoalRepository } from './modules/goals/goal.repository';
import { GoalResolver, RelationshipGoalsResolver } from './modules/goals/goal.resolver';
import { GoalService } from './modules/goals/goal.service';
import { MeetingRepository } from './modules/meetings/meeting.repository';
import { MeetingResolver } from './modules/meetings/meeting.resolver';
import { MeetingService } from './modules/meetings/meeting.service';
import { RelationshipMeetingsResolver } from './modules/meetings/relationship-meetings.resolver';
import { PersonalDataRepository } from './modules/personal-data/personal-data.repository';
import { PersonalDataResolver } from './modules/personal-data/personal-data.resolver';
import { PersonalDataService } from './modules/personal-data/personal-data.service';
import { ProgrammeRepository } from './modules/programmes/programme.repository';
import { RelationshipRepository } from './modules/relationships/relationship.repository';
import { RelationshipResolver } from './modules/relationships/relationship.resolver';
import { RelationshipService } from './modules/relationships/relationship.service';
import { UserErasureRepository } from './modules/users/user-erasure.repository';
import { UserResolver } from './modules/users/user.resolver';
import type { Clock } from './modules/shared/dates';
import { buildRelationshipsSchema } from './schema';
import { relationshipsEnvSchema, type RelationshipsEnv } from './env';

export const relationships: ServiceDefinition<RelationshipsEnv> & { clock: Clock } = {
  name: 'relationships',
  schema: 'relationships',
  envSchema: relationshipsEnvSchema,
  entities: [],
  migrations,
  consumes: ['MatchConfirmed', 'ProgrammeChanged', 'UserErased'],
  /** What the services take as "now" (tests may replace it). */
  clock: () => new Date(),
  printableSchema: () => buildRelationshipsSchema(),
  async create({ dataSource, transact, events }) {
    const clock: Clock = () => relationships.clock();
    const relationshipRepo = new RelationshipRepository(dataSource);
    const goalRepo = new GoalRepository(dataSource);
    const programmes = new ProgrammeRepository();
    const erasure = new UserErasureRepository();
    const relationshipService = new RelationshipService(relationshipRepo, goalRepo, transact, events, clock);
    const meetingService = new MeetingService(
      new MeetingRepository(dataSource),
      relationshipRepo,
      relationshipService,
      transact,
      events,
      clock,
    );
    const agreementService = new AgreementService(
      new AgreementRepository(dataSource),
      relationshipRepo,
      relationshipService,
      transact,
      events,
      clock,
      (m, rel) => meetingService.countDeferred(m, rel),
    );
    meetingService.countsCheck = (m, rel) => agreementService.meetingsCount(m, rel);
    const goalService = new GoalService(goalRepo, relationshipRepo, relationshipService, transact, events, clock);
    const messageService = new MessageService(
      new MessageRepository(dataSource),
      relationshipRepo,
      relationshipService,
      transact,
      clock,
    );
    const feedbackService = new FeedbackService(
      new FeedbackRepository(dataSource),
      relationshipRepo,
      relationshipService,
      transact,
      events,
      clock,
    );
    const coachingService = new CoachingService(
      new CheckInRepository(dataSource),
      relationshipRepo,
      relationshipService,
      transact,
      events,
      clock,
    );
    const personalData = new PersonalDataService(new PersonalDataRepository(dataSource));

    const instances = new Map<unknown, unknown>([
      [UserResolver, new UserResolver(relationshipService)],
      [RelationshipResolver, new RelationshipResolver(relationshipService)],
      [AgreementResolver, new AgreementResolver(agreementService)],
      [GoalResolver, new GoalResolver(goalService)],
      [RelationshipGoalsResolver, new RelationshipGoalsResolver(goalService)],
      [MeetingResolver, new MeetingResolver(meetingService)],
      [RelationshipMeetingsResolver, new RelationshipMeetingsResolver(meetingService)],
      [MessageResolver, new MessageResolver(messageService)],
      [FeedbackResolver, new FeedbackResolver(feedbackService)],
      [CoachingResolver, new CoachingResolver(coachingService)],
      [PersonalDataResolver, new PersonalDataResolver(personalData)],
    ]);
    const schema = await buildRelationshipsSchema(
      { get: (cls) => instances.get(cls) },
      {
        relationships: relationshipService,
        agreements: agreementService,
        goals: goalService,
        meetings: meetingService,
        personalData,
      },
    );
    return {
      schema,
      // daily at 05:00 UTC; tests call `run(now)` with the "now" they need
      jobs: [
        {
          name: 'at-risk-scan',
          cron: '0 5 * * *',
          run: async (now?: Date) => void (await coachingService.scan(now ?? clock())),
        },
      ],
      handlers: {
        MatchConfirmed: (event, manager) => relationshipService.startFromMatch(manager, event.payload),
        ProgrammeChanged: async (event, manager) => {
          if (await programmes.upsert(manager, event.payload))
            await relationshipRepo.replanEnds(manager, event.payload.programmeId, event.payload.terms.durationWeeks);
        },
        UserErased: (event, manager) => erasure.erase(manager, event.payload.userId),
      },
    };
  },
};
