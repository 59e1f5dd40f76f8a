/** The kinds of notification, one per platform event a person is told about (and the security notice of a password change). */
export const NOTIFICATION_KINDS = [
  'REQUEST_RECEIVED',
  'REQUEST_ACCEPTED',
  'REQUEST_DECLINED',
  'REQUEST_EXPIRING',
  'REQUEST_EDITED',
  'QUESTION_ASKED',
  'QUESTION_ANSWERED',
  'MATCH_PROPOSED',
  'AGREEMENT_AWAITING_SIGNATURE',
  'MEETING_AWAITING_CONFIRMATION',
  'MENTOR_APPLICATION_APPROVED',
  'MENTOR_APPLICATION_REJECTED',
  'AUDIT_VERIFICATION_REQUESTED',
  'RELATIONSHIP_TERMS_MET',
  'PASSWORD_CHANGED',
  'WEBHOOK_ENDPOINT_DISABLED',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** Security notices: always emailed, whatever the person's preferences (a stolen account must not silence them). */
export const ALWAYS_EMAILED: readonly NotificationKind[] = ['PASSWORD_CHANGED'];
