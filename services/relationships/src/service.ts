/** The relationships subgraph: the partnership, its agreement, goals, meetings, messages, ending, feedback and coach support. */
import type { ServiceDefinition } from '@tandem/subgraph-kit';
import { migrations } from './database/migrations';
import { GoalRepository } from './modules/goals/goal.repository';
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

    const instances = new Map<unknown, unknown>([
      [UserResolver, new UserResolver(relationshipService)],
      [RelationshipResolver, new RelationshipResolver(relationshipService)],
    ]);
    const schema = await buildRelationshipsSchema({ get: (cls) => instances.get(cls) }, { relationships: relationshipService });
    return {
      schema,
      handlers: {
        MatchConfirmed: (event, manager) => relationshipService.startFromMatch(manager, event.payload),
        ProgrammeChanged: async (event, manager) => {
          if (await programmes.upsert(manager, event.payload)) await relationshipRepo.replanEnds(manager, event.payload.programmeId, event.payload.terms.durationWeeks);
        },
        UserErased: (event, manager) => erasure.erase(manager, event.payload.userId),
      },
    };
  },
};
