import type { ContainerType } from 'type-graphql';
import { buildFederatedSchema, type SubgraphContext } from '@tandem/subgraph-kit';
import { CaseloadResolver } from './modules/caseload/caseload.resolver';
import { CoachingResolver } from './modules/coaching/coaching.resolver';
import { PulseResolver } from './modules/coaching/pulse.resolver';
import { CalendarFeedResolver } from './modules/calendar/calendar-feed.resolver';
import { RelationshipBulkResolver } from './modules/bulk/relationship-bulk.resolver';
import { FeedbackResolver } from './modules/feedback/feedback.resolver';
import { MessageResolver } from './modules/messages/message.resolver';
import { AgreementResolver } from './modules/agreements/agreement.resolver';
import type { AgreementService } from './modules/agreements/agreement.service';
import { GoalResolver, RelationshipGoalsResolver } from './modules/goals/goal.resolver';
import type { GoalService } from './modules/goals/goal.service';
import { GoalMeetingsResolver, MeetingGoalsResolver } from './modules/meetings/meeting-goal.resolver';
import { MeetingPlanResolver, RelationshipMeetingPlansResolver } from './modules/meetings/meeting-plan.resolver';
import { MeetingResolver } from './modules/meetings/meeting.resolver';
import type { MeetingService } from './modules/meetings/meeting.service';
import { RelationshipMeetingsResolver } from './modules/meetings/relationship-meetings.resolver';
import { RelationshipResolver } from './modules/relationships/relationship.resolver';
import { RelationshipStageResolver } from './modules/relationships/relationship-stage.resolver';
import type { RelationshipService } from './modules/relationships/relationship.service';
import { Programme } from './modules/relationships/relationship.type';
import { PersonalDataResolver } from './modules/personal-data/personal-data.resolver';
import type { PersonalDataService } from './modules/personal-data/personal-data.service';
import { PersonalDataExport } from './modules/personal-data/personal-data.type';
import { UserResolver } from './modules/users/user.resolver';
import { User } from './modules/users/user.type';

export const resolvers = [
  UserResolver,
  RelationshipResolver,
  RelationshipStageResolver,
  AgreementResolver,
  GoalResolver,
  RelationshipGoalsResolver,
  MeetingResolver,
  RelationshipMeetingsResolver,
  MeetingGoalsResolver,
  GoalMeetingsResolver,
  MeetingPlanResolver,
  RelationshipMeetingPlansResolver,
  MessageResolver,
  FeedbackResolver,
  CoachingResolver,
  CaseloadResolver,
  PulseResolver,
  CalendarFeedResolver,
  RelationshipBulkResolver,
  PersonalDataResolver,
] as const;

export interface ReferenceServices {
  relationships: RelationshipService;
  agreements: AgreementService;
  goals: GoalService;
  meetings: MeetingService;
  personalData: PersonalDataService;
}

export function buildRelationshipsSchema(container?: ContainerType, services?: ReferenceServices) {
  // every entity reference gets the same access rule as its root field: NOT_FOUND for unknown and forbidden ids alike
  return buildFederatedSchema({
    resolvers,
    orphanedTypes: [User, Programme, PersonalDataExport],
    container,
    referenceResolvers: {
      // the key is all this subgraph needs: its fields resolve from it, batched per request
      User: { __resolveReference: (reference: { id: string }) => Object.assign(new User(), { id: reference.id }) },
      Relationship: {
        __resolveReference: (ref: { id: string }, ctx: SubgraphContext) =>
          services!.relationships.reference(ctx, ref.id),
      },
      Agreement: {
        __resolveReference: (ref: { id: string }, ctx: SubgraphContext) => services!.agreements.reference(ctx, ref.id),
      },
      Goal: {
        __resolveReference: (ref: { id: string }, ctx: SubgraphContext) => services!.goals.reference(ctx, ref.id),
      },
      Meeting: {
        __resolveReference: (ref: { id: string }, ctx: SubgraphContext) => services!.meetings.byId(ctx, ref.id),
      },
      // the person or an ADMIN only; anyone else gets null
      PersonalDataExport: {
        __resolveReference: (ref: { userId: string }, ctx: SubgraphContext) =>
          services!.personalData.reference(ctx, ref.userId),
      },
    },
  });
}
