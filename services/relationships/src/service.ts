/** The relationships subgraph: the partnership, its agreement, goals, meetings, messages, ending, feedback and coach support. */
import type { ServiceDefinition } from '@tandem/subgraph-kit';
import { migrations } from './database/migrations';
import { AgreementRepository } from './modules/agreements/agreement.repository';
import { AgreementResolver } from './modules/agreements/agreement.resolver';
import { AgreementService } from './modules/agreements/agreement.service';
import { CalendarFeedRepository } from './modules/calendar/calendar-feed.repository';
import { CalendarFeedResolver } from './modules/calendar/calendar-feed.resolver';
import { calendarFeedRoutes } from './modules/calendar/calendar-feed.routes';
import { CalendarFeedService } from './modules/calendar/calendar-feed.service';
import { MeetingReminderRepository } from './modules/calendar/meeting-reminder.repository';
import { MeetingReminderService } from './modules/calendar/meeting-reminder.service';
import { RelationshipBulkResolver } from './modules/bulk/relationship-bulk.resolver';
import { caseloadSignals } from './modules/caseload/caseload.live';
import { CaseloadResolver } from './modules/caseload/caseload.resolver';
import { CaseloadService } from './modules/caseload/caseload.service';
import { CheckInRepository } from './modules/coaching/check-in.repository';
import { CoachingResolver } from './modules/coaching/coaching.resolver';
import { CoachingService } from './modules/coaching/coaching.service';
import { PulseRepository } from './modules/coaching/pulse.repository';
import { PulseResolver } from './modules/coaching/pulse.resolver';
import { PulseService } from './modules/coaching/pulse.service';
import { FeedbackRepository } from './modules/feedback/feedback.repository';
import { FeedbackResolver } from './modules/feedback/feedback.resolver';
import { FeedbackService } from './modules/feedback/feedback.service';
import { GoalRepository } from './modules/goals/goal.repository';
import { GoalResolver, RelationshipGoalsResolver } from './modules/goals/goal.resolver';
import { GoalService } from './modules/goals/goal.service';
import { MeetingCountingService } from './modules/meetings/meeting-counting.service';
import { MeetingLogService } from './modules/meetings/meeting-log.service';
import { MeetingAuditRepository } from './modules/meetings/meeting-audit.repository';
import { meetingConsumers } from './modules/meetings/meeting.consumers';
import { MeetingRepository } from './modules/meetings/meeting.repository';
import { MeetingGoalRepository } from './modules/meetings/meeting-goal.repository';
import { GoalMeetingsResolver, MeetingGoalsResolver } from './modules/meetings/meeting-goal.resolver';
import { MeetingGoalService } from './modules/meetings/meeting-goal.service';
import { MeetingPlanRepository } from './modules/meetings/meeting-plan.repository';
import { MeetingPlanResolver, RelationshipMeetingPlansResolver } from './modules/meetings/meeting-plan.resolver';
import { MeetingPlanService } from './modules/meetings/meeting-plan.service';
import { MeetingScheduleService } from './modules/meetings/meeting-schedule.service';
import { MeetingResolver } from './modules/meetings/meeting.resolver';
import { MeetingService } from './modules/meetings/meeting.service';
import { RelationshipMeetingsResolver } from './modules/meetings/relationship-meetings.resolver';
import { MessageRepository } from './modules/messages/message.repository';
import { MessageResolver } from './modules/messages/message.resolver';
import { MessageService } from './modules/messages/message.service';
import { NudgeRepository } from './modules/nudges/nudge.repository';
import { NudgeService } from './modules/nudges/nudge.service';
import { PersonalDataRepository } from './modules/personal-data/personal-data.repository';
import { PersonalDataResolver } from './modules/personal-data/personal-data.resolver';
import { PersonalDataService } from './modules/personal-data/personal-data.service';
import { programmeConsumers } from './modules/programmes/programme.consumers';
import { ProgrammeRepository } from './modules/programmes/programme.repository';
import { RelationshipLifecycleService } from './modules/relationships/relationship-lifecycle.service';
import { relationshipConsumers } from './modules/relationships/relationship.consumers';
import { RelationshipRepository } from './modules/relationships/relationship.repository';
import { MeetingTotalsRepository } from './modules/relationships/relationship-totals.repository';
import { RelationshipResolver } from './modules/relationships/relationship.resolver';
import { RelationshipStageResolver } from './modules/relationships/relationship-stage.resolver';
import { RelationshipStageService } from './modules/relationships/relationship-stage.service';
import { RelationshipService } from './modules/relationships/relationship.service';
import { userConsumers } from './modules/users/user.consumers';
import { UserErasureRepository } from './modules/users/user-erasure.repository';
import { PersonProfileRepository } from './modules/users/person-profile.repository';
import { UserResolver } from './modules/users/user.resolver';
import type { Clock } from './modules/shared/dates';
import { buildRelationshipsSchema } from './schema';
import { relationshipsEnvSchema, type RelationshipsEnv } from './env';

/** What the modules' consumers are given. */
export interface RelationshipsDeps {
  programmes: ProgrammeRepository;
  relationshipRepo: RelationshipRepository;
  lifecycle: RelationshipLifecycleService;
  erasure: UserErasureRepository;
  people: PersonProfileRepository;
  meetingAudits: MeetingAuditRepository;
}

export const relationships: ServiceDefinition<RelationshipsEnv, RelationshipsDeps> & { clock: Clock } = {
  name: 'relationships',
  schema: 'relationships',
  envSchema: relationshipsEnvSchema,
  migrations,
  // the programme read model first: the relationships' planned ends are recomputed from it
  consumers: [programmeConsumers, relationshipConsumers, userConsumers, meetingConsumers],
  liveSignals: caseloadSignals,
  /** What the services take as "now" (tests may replace it). */
  clock: () => new Date(),
  printableSchema: () => buildRelationshipsSchema(),
  async create({ db, events, env, log }) {
    const clock: Clock = () => relationships.clock();

    // repositories
    const relationshipRepo = new RelationshipRepository(db);
    const totalsRepo = new MeetingTotalsRepository(db);
    const programmes = new ProgrammeRepository();
    const goalRepo = new GoalRepository(db);
    const agreementRepo = new AgreementRepository(db);
    const meetingRepo = new MeetingRepository(db);
    const erasure = new UserErasureRepository();
    const people = new PersonProfileRepository();
    const meetingAudits = new MeetingAuditRepository();

    // services, each after what it depends on
    const relationshipService = new RelationshipService(relationshipRepo, totalsRepo, clock);
    const lifecycle = new RelationshipLifecycleService(
      relationshipRepo,
      totalsRepo,
      relationshipService,
      goalRepo,
      programmes,
      people,
      db,
      events,
      clock,
    );
    const meetingCounting = new MeetingCountingService(meetingRepo, agreementRepo, events, clock, totalsRepo);
    const meetingService = new MeetingService(meetingRepo, relationshipService, db);
    const meetingLog = new MeetingLogService(
      meetingRepo,
      relationshipRepo,
      relationshipService,
      meetingService,
      meetingCounting,
      people,
      db,
      events,
      clock,
    );
    const meetingPlanRepo = new MeetingPlanRepository(db);
    const meetingSchedule = new MeetingScheduleService(agreementRepo, meetingPlanRepo, relationshipRepo, db, events);
    const agreementService = new AgreementService(
      agreementRepo,
      relationshipRepo,
      relationshipService,
      meetingCounting,
      programmes,
      people,
      meetingSchedule,
      db,
      events,
      clock,
    );
    const stages = new RelationshipStageService(relationshipService, agreementRepo, goalRepo);
    const goalService = new GoalService(goalRepo, relationshipRepo, relationshipService, db, events, clock);
    const messageService = new MessageService(
      new MessageRepository(db),
      relationshipRepo,
      relationshipService,
      db,
      events,
      clock,
    );
    const feedbackService = new FeedbackService(
      new FeedbackRepository(db),
      relationshipRepo,
      relationshipService,
      db,
      events,
      clock,
    );
    const pulseRepo = new PulseRepository(db);
    const checkInRepo = new CheckInRepository(db);
    const nudgeRepo = new NudgeRepository(db);
    const coachingService = new CoachingService(
      checkInRepo,
      relationshipRepo,
      totalsRepo,
      relationshipService,
      agreementRepo,
      db,
      events,
      clock,
      pulseRepo,
      nudgeRepo,
    );
    const pulseService = new PulseService(
      pulseRepo,
      relationshipRepo,
      relationshipService,
      coachingService,
      db,
      events,
      clock,
    );
    const caseload = new CaseloadService(relationshipRepo, relationshipService, coachingService, clock, db, events);
    const meetingGoalRepo = new MeetingGoalRepository(db);
    const meetingGoals = new MeetingGoalService(meetingGoalRepo, meetingRepo, goalRepo, meetingService, db);
    const meetingPlans = new MeetingPlanService(
      meetingPlanRepo,
      meetingGoalRepo,
      goalRepo,
      relationshipRepo,
      relationshipService,
      people,
      meetingRepo,
      meetingLog,
      db,
      events,
      clock,
      meetingSchedule,
    );
    const calendarFeeds = new CalendarFeedService(
      new CalendarFeedRepository(db),
      db,
      clock,
      {
        feed: env.CALENDAR_FEED_URL,
        webApp: env.WEB_APP_URL,
      },
      people,
    );
    const reminders = new MeetingReminderService(
      new MeetingReminderRepository(db),
      meetingPlanRepo,
      relationshipRepo,
      db,
      events,
    );
    const personalData = new PersonalDataService(new PersonalDataRepository(db));
    const nudges = new NudgeService(nudgeRepo, relationshipRepo, checkInRepo, db, events);

    // the schema's resolvers
    const instances = new Map<unknown, unknown>([
      [UserResolver, new UserResolver(relationshipService)],
      [RelationshipResolver, new RelationshipResolver(relationshipService, lifecycle)],
      [RelationshipStageResolver, new RelationshipStageResolver(stages)],
      [AgreementResolver, new AgreementResolver(agreementService)],
      [GoalResolver, new GoalResolver(goalService)],
      [RelationshipGoalsResolver, new RelationshipGoalsResolver(goalService)],
      [MeetingResolver, new MeetingResolver(meetingService, meetingLog)],
      [RelationshipMeetingsResolver, new RelationshipMeetingsResolver(meetingService)],
      [MeetingGoalsResolver, new MeetingGoalsResolver(meetingGoals)],
      [GoalMeetingsResolver, new GoalMeetingsResolver(meetingGoals)],
      [MeetingPlanResolver, new MeetingPlanResolver(meetingPlans)],
      [RelationshipMeetingPlansResolver, new RelationshipMeetingPlansResolver(meetingPlans)],
      [MessageResolver, new MessageResolver(messageService)],
      [FeedbackResolver, new FeedbackResolver(feedbackService)],
      [CoachingResolver, new CoachingResolver(coachingService)],
      [CaseloadResolver, new CaseloadResolver(caseload)],
      [PulseResolver, new PulseResolver(pulseService)],
      [RelationshipBulkResolver, new RelationshipBulkResolver(lifecycle, messageService)],
      [PersonalDataResolver, new PersonalDataResolver(personalData)],
      [CalendarFeedResolver, new CalendarFeedResolver(calendarFeeds)],
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
      deps: { programmes, relationshipRepo, lifecycle, erasure, people, meetingAudits },
      // tests call `run(now)` with the "now" they need
      // daily at 05:00 UTC
      jobs: [
        {
          name: 'at-risk-scan',
          cron: '0 5 * * *',
          run: async (now?: Date) => void (await coachingService.scan(now ?? clock())),
        },
        // daily at 05:30 UTC: the nudges due at each programme's cadence, each occurrence published once
        {
          name: 'nudge-scan',
          cron: '30 5 * * *',
          run: async (now?: Date) => void (await nudges.scan(now ?? clock())),
        },
        // every 5 minutes: the day-before and hour-before reminders and the record prompts that are due
        {
          name: 'meeting-reminders',
          cron: '*/5 * * * *',
          run: async (now?: Date) => {
            await reminders.run(now ?? clock());
            // and the agreement's schedule proposes the next meeting of the pairs whose last one is over
            await meetingSchedule.sweep(now ?? clock());
          },
        },
      ],
      routes: calendarFeedRoutes(calendarFeeds, env.GATEWAY_SECRET, log),
    };
  },
};
