import type { ContainerType } from 'type-graphql';
import { batchedReference, buildFederatedSchema, type SubgraphContext } from '@tandem/subgraph-kit';
import { AuthResolver } from './modules/auth/auth.resolver';
import { RelationshipCoachResolver } from './modules/coaching/relationship-coach.resolver';
import { RelationshipCoaching, relationshipCoaching } from './modules/coaching/relationship-coach.type';
import {
  EnrolmentResolver,
  ProgrammeEnrolmentsResolver,
  UserEnrolmentsResolver,
} from './modules/enrolments/enrolment.resolver';
import { NotificationResolver } from './modules/notifications/notification.resolver';
import { OrganizationResolver, UserOrganizationResolver } from './modules/organizations/organization.resolver';
import type { OrganizationService } from './modules/organizations/organization.service';
import { OrientationResolver, ProgrammeOrientationResolver } from './modules/orientation/orientation.resolver';
import { LearningResolver, ProgrammeLearningResolver } from './modules/learning/learning.resolver';
import { PasswordResolver } from './modules/password/password.resolver';
import { PersonalDataResolver } from './modules/personal-data/personal-data.resolver';
import type { PersonalDataService } from './modules/personal-data/personal-data.service';
import { ProfileResolver } from './modules/profiles/profile.resolver';
import { ProgrammeFieldResolver, ProgrammeResolver } from './modules/programmes/programme.resolver';
import type { ProgrammeService } from './modules/programmes/programme.service';
import { Cohort } from './modules/programmes/programme.type';
import { EmailChangeResolver, UserEmailChangeResolver } from './modules/email-change/email-change.resolver';
import { InvitationResolver } from './modules/invitations/invitation.resolver';
import {
  OrganizationSecondFactorResolver,
  SecondFactorResolver,
  UserSecondFactorResolver,
} from './modules/second-factor/second-factor.resolver';
import { SessionStateResolver } from './modules/session-state/session-state.resolver';
import {
  MentorTrainingNeedsResolver,
  ProgrammeTrainingResolver,
  TrainingCompletionResolver,
  TrainingResolver,
  UserTrainingResolver,
} from './modules/training/training.resolver';
import { UserResolver } from './modules/users/user.resolver';
import { WebhookResolver } from './modules/webhooks/webhook.resolver';
import { ApiKeyResolver } from './modules/api-keys/api-key.resolver';
import { SingleSignOnResolver } from './modules/single-sign-on/single-sign-on.resolver';
import { LanguageResolver } from './modules/language/language.resolver';
import { TimeZoneResolver } from './modules/time-zone/time-zone.resolver';
import { NotificationEmailResolver } from './modules/notification-emails/notification-emails.resolver';
import type { UserService } from './modules/users/user.service';

export const resolvers = [
  UserResolver,
  LanguageResolver,
  TimeZoneResolver,
  NotificationEmailResolver,
  AuthResolver,
  PasswordResolver,
  ProfileResolver,
  NotificationResolver,
  OrganizationResolver,
  UserOrganizationResolver,
  ProgrammeResolver,
  ProgrammeFieldResolver,
  EnrolmentResolver,
  ProgrammeEnrolmentsResolver,
  UserEnrolmentsResolver,
  OrientationResolver,
  ProgrammeOrientationResolver,
  LearningResolver,
  ProgrammeLearningResolver,
  PersonalDataResolver,
  SessionStateResolver,
  EmailChangeResolver,
  UserEmailChangeResolver,
  InvitationResolver,
  SecondFactorResolver,
  UserSecondFactorResolver,
  OrganizationSecondFactorResolver,
  WebhookResolver,
  ApiKeyResolver,
  SingleSignOnResolver,
  RelationshipCoachResolver,
  TrainingResolver,
  TrainingCompletionResolver,
  ProgrammeTrainingResolver,
  UserTrainingResolver,
  MentorTrainingNeedsResolver,
] as const;

export interface SchemaServices {
  users: UserService;
  organizations: OrganizationService;
  programmes: ProgrammeService;
  personalData: PersonalDataService;
}

/**
 * `_entities` resolve every known id (the caller already holds the id); each field then applies the same
 * access rules as root fields, so what a caller may not see is null. A PersonalDataExport (and a person its
 * sections mention) resolves only for the person and an ADMIN.
 */
export function buildIdentitySchema(container?: ContainerType, services?: SchemaServices) {
  return buildFederatedSchema({
    resolvers,
    container,
    orphanedTypes: [Cohort, RelationshipCoaching],
    referenceResolvers: {
      User: batchedReference('User', async (ids, ctx) =>
        (await services!.users.load(ctx, ids)).filter((u) => u !== null),
      ),
      Organization: batchedReference('Organization', async (ids, ctx) =>
        (await services!.organizations.load(ctx, ids)).filter((o) => o !== null),
      ),
      Programme: batchedReference('Programme', async (ids, ctx) =>
        (await services!.programmes.load(ctx, ids)).filter((p) => p !== null),
      ),
      Cohort: batchedReference('Cohort', (ids, ctx) => services!.programmes.loadCohorts(ctx, ids)),
      // relationships' entity: its coaches field applies the access rule itself
      Relationship: { __resolveReference: (ref: { id: string }) => relationshipCoaching(ref.id) },
      // the person or an ADMIN only; anyone else gets null (the other subgraphs' sections apply the same rule)
      PersonalDataExport: {
        __resolveReference: (ref: { userId: string }, ctx: SubgraphContext) =>
          services!.personalData.reference(ctx, ref.userId),
      },
      PersonalDataExportPerson: {
        __resolveReference: (ref: { exportedUserId: string; id: string }, ctx: SubgraphContext) =>
          services!.personalData.person(ctx, ref),
      },
    },
  });
}
