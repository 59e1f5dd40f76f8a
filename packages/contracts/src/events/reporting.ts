export interface ReportingEvents {
  /** A member is selected by an audit cycle: asked for evidence of the hours they claimed, by the cycle's deadline. */
  AuditEvidenceRequested: {
    auditId: string;
    selectionId: string;
    userId: string;
    dueOn: string;
    /** The hours the selection samples (absent on events published before it was carried). */
    claimedHours?: number;
  };
  /** A selected member has not been decided on yet and the deadline is near (sent once per lead day, e.g. 7 and 1). */
  AuditEvidenceDueSoon: { auditId: string; selectionId: string; userId: string; dueOn: string; daysLeft: number };
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
  /**
   * An Open Badges credential was issued to a partner of a relationship (one event per credential). Ids and the facts
   * it states; the signed document stays in reporting (the holder downloads it).
   */
  CredentialIssued: {
    credentialId: string;
    userId: string;
    relationshipId: string;
    programmeId: string;
    organizationId: string;
    role: 'MENTOR' | 'MENTEE';
    hours: number;
    issuedAt: string;
  };
  /** A partner asked the relationship's organisation for a credential for the hours they confirmed so far. */
  CredentialRequested: {
    requestId: string;
    userId: string;
    relationshipId: string;
    programmeId: string;
    organizationId: string;
    role: 'MENTOR' | 'MENTEE';
    hours: number;
    requestedAt: string;
  };
  /** Staff declined a credential request, with the reason the person is told. */
  CredentialRequestDeclined: {
    requestId: string;
    userId: string;
    relationshipId: string;
    programmeId: string;
    organizationId: string;
    reason: string;
    declinedAt: string;
  };
  /** An issued credential was revoked (its status list bit is set), with the reason staff gave. */
  CredentialRevoked: {
    credentialId: string;
    userId: string;
    programmeId: string;
    organizationId: string;
    reason: string;
    revokedAt: string;
  };
}
