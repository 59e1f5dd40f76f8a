export interface ReportingEvents {
  AuditEvidenceRequested: { auditId: string; selectionId: string; userId: string; dueOn: string };
  AuditVerificationRequested: {
    auditId: string;
    selectionId: string;
    verifierId: string;
    subjectId: string;
    meetingIds: string[];
    dueOn: string;
  };
  AuditOutcomeRecorded: {
    auditId: string;
    selectionId: string;
    userId: string;
    outcome: 'VERIFIED' | 'PARTIALLY_VERIFIED' | 'NOT_VERIFIED' | 'NO_RESPONSE';
    verifiedHours: number;
    recordedAt: string;
  };
}
