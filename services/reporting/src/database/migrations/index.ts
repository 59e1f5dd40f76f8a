import { CreateReportingSkeleton1763800000000 } from './1763800000000-create-cpd_entry';
import { MeetingParticipantIndexes1763900000000 } from './1763900000000-meeting-participant-indexes';
import { RelationshipsContinued1764200000000 } from './1764200000000-relationships-continued';
import { AuditAtScale1764300000000 } from './1764300000000-audit-at-scale';
import { EarlyContinuation1764400000000 } from './1764400000000-early-continuation';
import { ProgrammeDailyRollup1764500000000 } from './1764500000000-programme-daily-rollup';
import { ProgrammeStrategy1765000000000 } from './1765000000000-programme-strategy';
import { LedgerCheckpointsAndSecurityAudit1765600000000 } from './1765600000000-ledger-checkpoints-and-security-audit';
import { OrderIndependentReadModels1766100000000 } from './1766100000000-order-independent-read-models';
import { AuditScopeAndCommitment1766700000000 } from './1766700000000-audit-scope-and-commitment';
import { AuditEvidenceReminders1767300000000 } from './1767300000000-audit-evidence-reminders';
import { IssuedLetters1767400000000 } from './1767400000000-issued-letters';
import { OpenBadgeCredentials1769000000000 } from './1769000000000-open-badge-credentials';
import { AuditDocuments1769100000000 } from './1769100000000-audit-documents';
import { PersonLanguage1769500000000 } from './1769500000000-person-language';
import { ErasedEvidence1769830000000 } from './1769830000000-erased-evidence';
import { CredentialRequests1769830000100 } from './1769830000100-credential-requests';

/** In order of their timestamps. Never edit one that has landed: add a new one. */
export const migrations = [
  CreateReportingSkeleton1763800000000,
  MeetingParticipantIndexes1763900000000,
  RelationshipsContinued1764200000000,
  AuditAtScale1764300000000,
  EarlyContinuation1764400000000,
  ProgrammeDailyRollup1764500000000,
  ProgrammeStrategy1765000000000,
  LedgerCheckpointsAndSecurityAudit1765600000000,
  OrderIndependentReadModels1766100000000,
  AuditScopeAndCommitment1766700000000,
  AuditEvidenceReminders1767300000000,
  IssuedLetters1767400000000,
  OpenBadgeCredentials1769000000000,
  AuditDocuments1769100000000,
  PersonLanguage1769500000000,
  ErasedEvidence1769830000000,
  CredentialRequests1769830000100,
];
