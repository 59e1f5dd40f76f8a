/** The reporting subgraph. */
import type { ServiceDefinition } from '@tandem/subgraph-kit';
import { migrations } from './database/migrations';
import { UserFiguresRepository } from './modules/users/user.repository';
import { UserResolver } from './modules/users/user.resolver';
import { buildReportingSchema } from './schema';
import { reportingEnvSchema, type ReportingEnv } from './env';

export const reporting: ServiceDefinition<ReportingEnv> = {
  name: 'reporting',
  schema: 'reporting',
  envSchema: reportingEnvSchema,
  entities: [],
  migrations,
  consumes: [],
  printableSchema: () => buildReportingSchema(),
  async create({ dataSource }) {
    const instances = new Map<unknown, unknown>([[UserResolver, new UserResolver(new UserFiguresRepository(dataSource))]]);
    return { schema: await buildReportingSchema({ get: (cls) => instances.get(cls) }) };
  },
};
