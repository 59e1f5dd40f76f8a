import { consumers } from '@tandem/subgraph-kit';
import type { MeetingAuditRepository } from './meeting-audit.repository';

/** Reporting's audits: the meetings an audit selected are locked against amendment and dispute (see MeetingLogService). */
export const meetingConsumers = consumers<{ meetingAudits: MeetingAuditRepository }>({
  AuditVerificationRequested: (event, tx, { meetingAudits }) =>
    meetingAudits.verificationRequested(tx, event.payload, new Date(event.occurredAt)),
  AuditOutcomeRecorded: (event, tx, { meetingAudits }) => meetingAudits.outcomeRecorded(tx, event.payload),
});
