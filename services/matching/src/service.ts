/** The matching subgraph: search, questions, requests, proposals, cohort matching and mentor load. */
import type { ServiceDefinition } from '@tandem/subgraph-kit';
import { migrations } from './database/migrations';
import { CONSUMED_EVENTS, createReadModelHandlers } from './modules/read-models/read-model.handlers';
import { composeServices, createJobs } from './composition';
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
  async create(runtime) {
    const services = composeServices(runtime);
    return {
      schema: await buildMatchingSchema({ get: (cls) => services.resolvers.get(cls) }, services),
      handlers: createReadModelHandlers(services.load),
      jobs: createJobs(services),
    };
  },
};
