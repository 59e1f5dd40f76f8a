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
import { ExportRepository } from './modules/exports/export.repository';
import { ExportService } from './modules/exports/export.service';
import { ExportResolver } from './modules/exports/export.resolver';
import { AuditRepository } from './modules/audits/audit.repository';
import { AuditService } from './modules/audits/audit.service';
import { AuditResolver } from './modules/audits/audit.resolver';
import { StatsRepository } from './modules/stats/stats.repository';
import { StatsService } from './modules/stats/stats.service';
import { StatsResolver } from './modules/stats/stats.resolver';
import { exportRoutes } from './modules/exports/export.routes';
import { PersonalDataRepository } from './modules/personal-data/personal-data.repository';
import { PersonalDataResolver } from './modules/personal-data/personal-data.resolver';
import { PersonalDataService } from './modules/personal-data/personal-data.service';

export const reporting: ServiceDefinition<ReportingEnv> = {
  name: 'reporting',
  schema: 'reporting',
  // the CPD ledger: evidence is appended (a correction is a reversing entry), never rewritten by the service
  appendOnly: ['cpd_entry'],
  envSchema: reportingEnvSchema,
  entities: [],
  migrations,
  consumes: CONSUMED_EVENTS,
  printableSchema: () => buildReportingSchema(),
  async create({ dataSource, env, log, transact, events }) {
    const ledger = new LedgerRepository(dataSource);
    const cpd = new CpdService(ledger, dataSource);
    const exportsService = new ExportService(new ExportRepository(dataSource), ledger, {
      signingKey: env.EXPORT_SIGNING_KEY,
      publicUrl: env.PUBLIC_URL,
    });
    const auditsService = new AuditService(new AuditRepository(dataSource), transact, events, {
      dueDays: env.AUDIT_DUE_DAYS,
    });
    const personalData = new PersonalDataService(new PersonalDataRepository(dataSource));
    const instances = new Map<unknown, unknown>([
      [PersonalDataResolver, new PersonalDataResolver(personalData)],
      [AuditResolver, new AuditResolver(auditsService)],
      [StatsResolver, new StatsResolver(new StatsService(new StatsRepository(dataSource)))],
      [CpdResolver, new CpdResolver(cpd)],
      [ExportResolver, new ExportResolver(exportsService)],
    ]);
    return {
      schema: await buildReportingSchema({ get: (cls) => instances.get(cls) }, { personalData }),
      jobs: [
        { name: 'audit-no-response', cron: '15 2 * * *', run: async () => void (await auditsService.closeOverdue()) },
      ],
      routes: exportRoutes(exportsService, env.GATEWAY_SECRET, log),
      handlers: createProjectionHandlers(new ReadModelRepository(), new StatsRollupRepository(), ledger),
    };
  },
};
