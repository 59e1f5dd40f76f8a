/** The matching subgraph. */
import type { ServiceDefinition } from '@tandem/subgraph-kit';
import { migrations } from './database/migrations';
import { UserFiguresRepository } from './modules/users/user.repository';
import { UserResolver } from './modules/users/user.resolver';
import { buildMatchingSchema } from './schema';
import { matchingEnvSchema, type MatchingEnv } from './env';

export const matching: ServiceDefinition<MatchingEnv> = {
  name: 'matching',
  schema: 'matching',
  envSchema: matchingEnvSchema,
  entities: [],
  migrations,
  consumes: [],
  printableSchema: () => buildMatchingSchema(),
  async create({ dataSource }) {
    const instances = new Map<unknown, unknown>([[UserResolver, new UserResolver(new UserFiguresRepository(dataSource))]]);
    return { schema: await buildMatchingSchema({ get: (cls) => instances.get(cls) }) };
  },
};
