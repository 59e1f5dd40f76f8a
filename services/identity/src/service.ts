/** The identity subgraph: who people are, what they may do, and how to reach them. */
import type { ServiceDefinition } from '@tandem/subgraph-kit';
import { UserEntity } from './modules/users/user.entity';
import { UserRepository } from './modules/users/user.repository';
import { UserService } from './modules/users/user.service';
import { UserResolver } from './modules/users/user.resolver';
import { migrations } from './database/migrations';
import { buildIdentitySchema } from './schema';
import { identityEnvSchema, type IdentityEnv } from './env';

export const identity: ServiceDefinition<IdentityEnv> = {
  name: 'identity',
  schema: 'identity',
  envSchema: identityEnvSchema,
  entities: [UserEntity],
  migrations,
  consumes: [],
  printableSchema: () => buildIdentitySchema(),
  async create({ dataSource }) {
    const users = new UserService(new UserRepository(dataSource));
    const instances = new Map<unknown, unknown>([[UserResolver, new UserResolver(users)]]);
    const schema = await buildIdentitySchema({ get: (cls) => instances.get(cls) }, { users });
    return { schema };
  },
};
