/** The kinds of notification, one per platform event a person is told about (and the security notice of a password change). */
export const NOTIFICATION_KINDS = [
  'REQUEST_RECEIVED',
  'REQUEST_ACCEPTED',
  'REQUEST_DECLINED',
  'REQUEST_EXPIRING',
  'MATCH_PROPOSED',
  'AGREEMENT_AWAITING_SIGNATURE',
  'MEETING_AWAITING_CONFIRMATION',
  'MENTOR_APPLICATION_APPROVED',
  'MENTOR_APPLICATION_REJECTED',
  'AUDIT_VERIFICATION_REQUESTED',
  'PASSWORD_CHANGED',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** A row of identity.notification: the in-app message and the state of its email. */
export interface NotificationRecord {
  id: string;
  userId: string;
  kind: NotificationKind;
  title: string;
  body: string;
  createdAt: Date;
  readAt: Date | null;
  emailStatus: 'PENDING' | 'SENDING' | 'SENT' | 'FAILED' | 'SKIPPED';
  /** created_at with microseconds, for keyset cursors. */
  cursorAt: string;
}

export interface NewNotification {
  userId: string;
  kind: NotificationKind;
  title: string;
  body: string;
  /** The event that caused it: with user and kind, unique, so a redelivered event notifies once. */
  sourceEventId: string | null;
}
