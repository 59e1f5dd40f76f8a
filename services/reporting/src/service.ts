/** The reporting subgraph: CPD ledger, statements, exports, audits and programme analytics, from events only. */
import type { ServiceDefinition } from '@tandem/subgraph-kit';
import { migrations } from './database/migrations';
import { buildReportingSchema } from './schema';
import { reportingEnvSchema, type ReportingEnv } from './env';
import { PeopleRepository } from './modules/read-models/people.repository';
import { ProgrammeRepository } from './modules/read-models/programme.repository';
import { MatchingRepository } from './modules/read-models/matching.repository';
import { RelationshipRepository } from './modules/read-models/relationship.repository';
import { MeetingRepository } from './modules/read-models/meeting.repository';
import type { ReadModelDeps } from './modules/read-models/read-model.deps';
import { peopleConsumers } from './modules/read-models/people.consumers';
import { programmeConsumers } from './modules/read-models/programme.consumers';
import { matchingConsumers } from './modules/read-models/matching.consumers';
import { relationshipConsumers } from './modules/read-models/relationship.consumers';
import { meetingConsumers } from './modules/read-models/meeting.consumers';
import { StatsRollupRepository } from './modules/stats/stats-rollup.repository';
import { LedgerRepository } from './modules/cpd/ledger.repository';
import { cpdConsumers, type CpdDeps } from './modules/cpd/cpd.consumers';
import { CpdService } from './modules/cpd/cpd.service';
import { CpdCheckpointResolver, CpdResolver, CpdStatementResolver } from './modules/cpd/cpd.resolver';
import { CheckpointRepository } from './modules/cpd/checkpoint.repository';
import { CheckpointService } from './modules/cpd/checkpoint.service';
import { CheckpointKey } from './modules/cpd/ledger-checkpoint';
import { ExportRepository } from './modules/exports/export.repository';
import { ExportService } from './modules/exports/export.service';
import { ExportResolver } from './modules/exports/export.resolver';
import { exportRoutes } from './modules/exports/export.routes';
import { LetterRepository } from './modules/letters/letter.repository';
import { LetterService } from './modules/letters/letter.service';
import { LetterResolver } from './modules/letters/letter.resolver';
import { CredentialRepository } from './modules/credentials/credential.repository';
import { CredentialService } from './modules/credentials/credential.service';
import { CredentialResolver } from './modules/credentials/credential.resolver';
import { CredentialRequestRepository } from './modules/credentials/credential-request.repository';
import { CredentialRequestService } from './modules/credentials/credential-request.service';
import { CredentialRequestResolver } from './modules/credentials/credential-request.resolver';
import { credentialRoutes } from './modules/credentials/credential.routes';
import { KeySeal } from './modules/credentials/issuer-key';
import { AuditRepository } from './modules/audits/audit.repository';
import { AuditVerificationRepository } from './modules/audits/audit-verification.repository';
import { AuditService } from './modules/audits/audit.service';
import { AuditCycleService } from './modules/audits/audit-cycle.service';
import { AuditVerificationService } from './modules/audits/audit-verification.service';
import { AuditOutcomeService } from './modules/audits/audit-outcome.service';
import { AuditReminderService } from './modules/audits/audit-reminder.service';
import { AuditResolver } from './modules/audits/audit.resolver';
import { AuditDocumentRepository } from './modules/audits/audit-document.repository';
import { AuditDocumentStore } from './modules/audits/audit-document.storage';
import { AuditDocumentService } from './modules/audits/audit-document.service';
import { AuditDocumentResolver } from './modules/audits/audit-document.resolver';
import { auditDocumentRoutes } from './modules/audits/audit-document.routes';
import { StatsRepository } from './modules/stats/stats.repository';
import { StatsService } from './modules/stats/stats.service';
import { StatsResolver } from './modules/stats/stats.resolver';
import { PersonalDataRepository } from './modules/personal-data/personal-data.repository';
import { PersonalDataResolver } from './modules/personal-data/personal-data.resolver';
import { PersonalDataService } from './modules/personal-data/personal-data.service';
import { SecurityAuditRepository } from './modules/security-audit/security-audit.repository';
import { SecurityAuditService } from './modules/security-audit/security-audit.service';
import { SecurityAuditResolver } from './modules/security-audit/security-audit.resolver';
import { securityAuditConsumers, type SecurityAuditDeps } from './modules/security-audit/security-audit.consumers';
import { credentialConsumers, type CredentialDeps } from './modules/credentials/credential.consumers';
import { auditDocumentConsumers, type AuditDocumentDeps } from './modules/audits/audit-document.consumers';

/** What the modules' consumers are given. */
export type ReportingDeps = ReadModelDeps & CpdDeps & SecurityAuditDeps & CredentialDeps & AuditDocumentDeps;

export const reporting: ServiceDefinition<ReportingEnv, ReportingDeps> = {
  name: 'reporting',
  schema: 'reporting',
  // the CPD ledger: evidence is appended (a correction is a reversing entry), never rewritten by the service;
  // its signed checkpoints and the staff audit log likewise
  appendOnly: ['cpd_entry', 'cpd_checkpoint', 'cpd_checkpoint_head', 'security_audit_event'],
  envSchema: reportingEnvSchema,
  migrations,
  // a confirmed meeting enters the meeting read model (and its analytics) first, then the CPD ledger
  consumers: [
    peopleConsumers,
    programmeConsumers,
    matchingConsumers,
    relationshipConsumers,
    meetingConsumers,
    cpdConsumers,
    securityAuditConsumers,
    credentialConsumers,
    auditDocumentConsumers,
  ],
  printableSchema: () => buildReportingSchema(),
  async create({ db, env, log, events }) {
    // read models of the other subgraphs' facts, kept by the consumers
    const people = new PeopleRepository(db);
    const programmes = new ProgrammeRepository(db);
    const matching = new MatchingRepository(db);
    const relationships = new RelationshipRepository(db);
    const meetings = new MeetingRepository(db);
    const rollups = new StatsRollupRepository();

    // the CPD ledger, its statements and exports
    const ledger = new LedgerRepository(db);
    const checkpoints = new CheckpointService(new CheckpointRepository(db), db, CheckpointKey.fromEnv(env), log);
    const cpd = new CpdService(ledger, meetings, checkpoints);
    // the staff audit log (identity's security facts, and the exports staff make here)
    const securityAuditRows = new SecurityAuditRepository(db);
    const securityAudit = new SecurityAuditService(securityAuditRows, db);
    const exportRows = new ExportRepository(db);
    const exportsService = new ExportService(
      exportRows,
      ledger,
      securityAudit,
      {
        signingKey: env.EXPORT_SIGNING_KEY,
        publicUrl: env.PUBLIC_URL,
      },
      (userId) => people.languageOf(userId),
    );

    // letters the organisation issues
    const letters = new LetterService(
      new LetterRepository(db),
      exportRows,
      db,
      { webAppUrl: env.WEB_APP_URL },
      (userId) => people.languageOf(userId),
    );

    // Open Badges 3.0 credentials the organisation issues, signed with its own key (sealed at rest)
    const credentialRows = new CredentialRepository(db);
    const credentialRequestRows = new CredentialRequestRepository(db);
    const credentials = new CredentialService(
      credentialRows,
      credentialRequestRows,
      db,
      events,
      KeySeal.from(env.CREDENTIAL_KEY_SEAL_KEY, CheckpointKey.pemFromEnv(env)),
      { publicUrl: env.PUBLIC_URL },
    );

    const credentialRequests = new CredentialRequestService(credentialRequestRows, credentialRows, db, events);

    // audits
    const audits = new AuditRepository(db);
    const verifications = new AuditVerificationRepository(db);
    const auditsService = new AuditService(audits, verifications);
    const cycles = new AuditCycleService(audits, verifications, meetings, db, events, { dueDays: env.AUDIT_DUE_DAYS });
    const verificationsService = new AuditVerificationService(audits, verifications, db);
    const outcomes = new AuditOutcomeService(audits, verifications, relationships, auditsService, ledger, db, events);

    const reminders = new AuditReminderService(audits, db, events);
    // the members' supporting documents: rows here, bytes in the storage directory
    const auditDocuments = new AuditDocumentService(
      new AuditDocumentRepository(db),
      new AuditDocumentStore(env.AUDIT_DOCUMENTS_DIR),
      auditsService,
      db,
      log,
    );

    const stats = new StatsService(new StatsRepository(db));
    const personalData = new PersonalDataService(new PersonalDataRepository(db), securityAudit);

    const instances = new Map<unknown, unknown>([
      [PersonalDataResolver, new PersonalDataResolver(personalData)],
      [AuditResolver, new AuditResolver(auditsService, cycles, verificationsService, outcomes)],
      [AuditDocumentResolver, new AuditDocumentResolver(auditDocuments)],
      [StatsResolver, new StatsResolver(stats)],
      [CpdResolver, new CpdResolver(cpd)],
      [CpdStatementResolver, new CpdStatementResolver(cpd)],
      [CpdCheckpointResolver, new CpdCheckpointResolver(checkpoints)],
      [ExportResolver, new ExportResolver(exportsService)],
      [LetterResolver, new LetterResolver(letters)],
      [CredentialResolver, new CredentialResolver(credentials)],
      [CredentialRequestResolver, new CredentialRequestResolver(credentialRequests)],
      [SecurityAuditResolver, new SecurityAuditResolver(securityAudit)],
    ]);
    return {
      schema: await buildReportingSchema({ get: (cls) => instances.get(cls) }, { personalData }),
      deps: {
        people,
        programmes,
        matching,
        relationships,
        meetings,
        rollups,
        ledger,
        securityAudit: securityAuditRows,
        credentials: credentialRows,
        credentialRequests: credentialRequestRows,
        auditDocuments,
      },
      jobs: [
        { name: 'audit-reminders', cron: '0 9 * * *', run: async () => void (await reminders.remindDue()) },
        { name: 'audit-no-response', cron: '15 2 * * *', run: async () => void (await outcomes.closeOverdue()) },
        { name: 'cpd-checkpoint', cron: env.CHECKPOINT_CRON, run: async () => void (await checkpoints.write()) },
      ],
      routes: (app) => {
        exportRoutes(exportsService, env.GATEWAY_SECRET, log)(app);
        credentialRoutes(credentials, env.GATEWAY_SECRET, log)(app);
        auditDocumentRoutes(auditDocuments, env.GATEWAY_SECRET, log)(app);
      },
    };
  },
};
