/** The reporting subgraph: CPD ledger, statements, exports, audits and programme analytics, from events only. */
import type { ServiceDefinition } from '@tandem/subgraph-kit';
import { migrations } from './database/migrations';
import { buildReportingSchema } from './schema';
import { reportingEnvSchema, type ReportingEnv } from './env';
import { ReadModelRepository } from './modules/read-models/read-model.repository';
import { CONSUMED_EVENTS, createProjectionHandlers } from './modules/read-models/projection.handlers';
import { StatsRollupRepository } from './modules/stats/stats-rollup.repository';
import { LedgerRepository } from './modules/cpd/ledger.repository';
import { CpdService } from './modules/cpd/cpd.service';
import { CpdResolver } from './modules/cpd/cpd.resolver';

export const reporting: ServiceDefinition<ReportingEnv> = {
  name: 'reporting',
  schema: 'reporting',
  envSchema: reportingEnvSchema,
  entities: [],
  migrations,
  consumes: CONSUMED_EVENTS,
  printableSchema: () => buildReportingSchema(),
  async create({ dataSource }) {
    const ledger = new LedgerRepository(dataSource);
    const cpd = new CpdService(ledger, dataSource);
    const instances = new Map<unknown, unknown>([[CpdResolver, new CpdResolver(cpd)]]);
    return {
      schema: await buildReportingSchema({ get: (cls) => instances.get(cls) }),
      handlers: createProjectionHandlers(new ReadModelRepository(), new StatsRollupRepository(), ledger),
    };
  },
};
