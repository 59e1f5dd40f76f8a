/** The matching subgraph: search, questions, requests, proposals, cohort matching and mentor load. */
import type { ServiceDefinition } from '@tandem/subgraph-kit';
import { migrations } from './database/migrations';
import { UserFiguresRepository } from './modules/users/user.repository';
import { UserResolver } from './modules/users/user.resolver';
import { MentorLoadRepository } from './modules/load/mentor-load.repository';
import { CONSUMED_EVENTS, createReadModelHandlers } from './modules/read-models/read-model.handlers';
import { SearchRepository } from './modules/search/search.repository';
import { SearchService } from './modules/search/search.service';
import { SearchResolver } from './modules/search/search.resolver';
import { buildMatchingSchema } from './schema';
import { matchingEnvSchema, type MatchingEnv } from './env';

export const matching: ServiceDefinition<MatchingEnv> = {
  name: 'matching',
  schema: 'matching',
  envSchema: matchingEnvSchema,
  entities: [],
  migrations,
  consumes: [...CONSUMED_EVENTS],
  printableSchema: () => buildMatchingSchema(),
  async create({ dataSource }) {
    const load = new MentorLoadRepository();
    const search = new SearchService(new SearchRepository(dataSource));
    const instances = new Map<unknown, unknown>([
      [UserResolver, new UserResolver(new UserFiguresRepository(dataSource))],
      [SearchResolver, new SearchResolver(search)],
    ]);
    return { schema: await buildMatchingSchema({ get: (cls) => instances.get(cls) }), handlers: createReadModelHandlers(load) };
  },
};
