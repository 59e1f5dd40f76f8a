import type { ContainerType } from 'type-graphql';
import { batchedReference, buildFederatedSchema } from '@tandem/subgraph-kit';
import { AuthResolver } from './modules/auth/auth.resolver';
import { NotificationResolver } from './modules/notifications/notification.resolver';
import { ProfileResolver } from './modules/profiles/profile.resolver';
import { OrientationSessionResolver, ProgramFieldResolver, ProgrammeResolver, UserProgrammeResolver } from './modules/programmes/programme.resolver';
import type { ProgrammeService } from './modules/programmes/programme.service';
import { Cohort } from './modules/programmes/programme.type';
import { UserResolver } from './modules/users/user.resolver';
import type { UserService } from './modules/users/user.service';

export const resolvers = [
  UserResolver, AuthResolver, ProfileResolver, NotificationResolver, ProgrammeResolver, ProgramFieldResolver, OrientationSessionResolver, UserProgrammeResolver,
] as const;

export interface SchemaServices {
  users: UserService;
  programmes: ProgrammeService;
}

/**
 * `_entities` resolve every known id (the caller already holds the id); each field then applies the same
 * access rules as root fields, so what a caller may not see is null.
 */
export function buildIdentitySchema(container?: ContainerType, services?: SchemaServices) {
  return buildFederatedSchema({
    resolvers,
    container,
    orphanedTypes: [Cohort],
    referenceResolvers: {
      User: batchedReference('User', async (ids, ctx) => (await services!.users.load(ctx, ids)).filter((u) => u !== null)),
      Organization: batchedReference('Organization', async (ids, ctx) => (await services!.programmes.loadOrganizations(ctx, ids)).filter((o) => o !== null)),
      Program: batchedReference('Program', async (ids, ctx) => (await services!.programmes.loadPrograms(ctx, ids)).filter((p) => p !== null)),
      Cohort: batchedReference('Cohort', (ids, ctx) => services!.programmes.loadCohorts(ctx, ids)),
    },
  });
}
