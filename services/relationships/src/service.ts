/** The relationships subgraph. */
import type { ServiceDefinition } from '@tandem/subgraph-kit';
import { migrations } from './database/migrations';
import { UserFiguresRepository } from './modules/users/user.repository';
import { UserResolver } from './modules/users/user.resolver';
import { buildRelationshipsSchema } from './schema';
import { relationshipsEnvSchema, type RelationshipsEnv } from './env';

export const relationships: ServiceDefinition<RelationshipsEnv> = {
  name: 'relationships',
  schema: 'relationships',
  envSchema: relationshipsEnvSchema,
  entities: [],
  migrations,
  consumes: [],
  printableSchema: () => buildRelationshipsSchema(),
  async create({ dataSource }) {
    const instances = new Map<unknown, unknown>([[UserResolver, new UserResolver(new UserFiguresRepository(dataSource))]]);
    return { schema: await buildRelationshipsSchema({ get: (cls) => instances.get(cls) }) };
  },
};
