import type { Role } from '@tandem/contracts';

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
  'AUDIT_EVIDENCE_REQUESTED',
  'AUDIT_EVIDENCE_DUE_SOON',
  'RELATIONSHIP_TERMS_MET',
  'COACH_THREAD_MESSAGE',
  'PULSE_ASKED',
  'PULSE_LOW',
  'RELATIONSHIP_AT_RISK',
  'MEETING_PROPOSED',
  'MEETING_RESCHEDULED',
  'MEETING_ACCEPTED',
  'MEETING_DECLINED',
  'MEETING_CANCELLED',
  'MEETING_REMINDER',
  'MEETING_RECORD_PROMPT',
  'PASSWORD_CHANGED',
  'WEBHOOK_ENDPOINT_DISABLED',
  'NO_RECENT_MEETING',
  'MEETING_CONFIRMATION_REMINDER',
  'CHECK_IN_DUE',
  'CREDENTIAL_ISSUED',
  'CREDENTIAL_REVOKED',
  'CREDENTIAL_REQUESTED',
  'CREDENTIAL_REQUEST_DECLINED',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** Security notices: always emailed, whatever the person's preferences (a stolen account must not silence them). */
export const ALWAYS_EMAILED: readonly NotificationKind[] = ['PASSWORD_CHANGED'];

const PARTICIPANTS: readonly Role[] = ['MENTEE', 'MENTOR'];
const EVERYONE: readonly Role[] = ['MENTEE', 'MENTOR', 'COACH', 'PROGRAMME_ADMIN', 'ANALYST', 'ADMIN'];

/**
 * Who can receive each kind (the consumers in notification.consumers.ts say to whom each is sent): a person's
 * email switches list only the kinds one of their roles can receive. A new kind does not compile until it is here.
 */
export const NOTIFICATION_AUDIENCE: Record<NotificationKind, readonly Role[]> = {
  REQUEST_RECEIVED: ['MENTOR'],
  REQUEST_ACCEPTED: ['MENTEE'],
  REQUEST_DECLINED: ['MENTEE'],
  REQUEST_EXPIRING: ['MENTOR'],
  REQUEST_EDITED: ['MENTOR'],
  QUESTION_ASKED: ['MENTOR'],
  QUESTION_ANSWERED: ['MENTEE'],
  MATCH_PROPOSED: PARTICIPANTS,
  AGREEMENT_AWAITING_SIGNATURE: ['MENTEE', 'MENTOR', 'COACH'],
  MEETING_AWAITING_CONFIRMATION: PARTICIPANTS,
  MENTOR_APPLICATION_APPROVED: ['MENTOR'],
  MENTOR_APPLICATION_REJECTED: ['MENTOR'],
  // the counterpart of a sampled meeting, who confirms it to the auditor
  AUDIT_VERIFICATION_REQUESTED: PARTICIPANTS,
  // the member an audit selected: asked for evidence, then reminded before the cycle's deadline
  AUDIT_EVIDENCE_REQUESTED: PARTICIPANTS,
  AUDIT_EVIDENCE_DUE_SOON: PARTICIPANTS,
  RELATIONSHIP_TERMS_MET: ['MENTEE', 'MENTOR', 'COACH'],
  // a message in a relationship's coach thread, to the partners and the coaches who did not write it
  COACH_THREAD_MESSAGE: ['MENTEE', 'MENTOR', 'COACH'],
  // the coach asks both partners how it is going; they answer in the participant app
  PULSE_ASKED: PARTICIPANTS,
  // a partner answered a pulse check-in with 2 or less: the coaches of the relationship's organisation
  PULSE_LOW: ['COACH'],
  // a relationship's at-risk flags changed and it is at risk: the coaches of its organisation
  RELATIONSHIP_AT_RISK: ['COACH'],
  // a meeting planned ahead (issue 20): each step tells the other partner
  MEETING_PROPOSED: PARTICIPANTS,
  MEETING_RESCHEDULED: PARTICIPANTS,
  MEETING_ACCEPTED: PARTICIPANTS,
  MEETING_DECLINED: PARTICIPANTS,
  MEETING_CANCELLED: PARTICIPANTS,
  // an accepted planned meeting: the day before (and an hour before, for those who ask), then a prompt to record it
  MEETING_REMINDER: PARTICIPANTS,
  MEETING_RECORD_PROMPT: PARTICIPANTS,
  PASSWORD_CHANGED: EVERYONE,
  WEBHOOK_ENDPOINT_DISABLED: ['ADMIN', 'PROGRAMME_ADMIN'],
  // nudges of the daily scan at the programme's cadence (issue 19): both partners, the partner who has to confirm,
  // the coaches of the relationship's organisation
  NO_RECENT_MEETING: PARTICIPANTS,
  MEETING_CONFIRMATION_REMINDER: PARTICIPANTS,
  CHECK_IN_DUE: ['COACH'],
  // an Open Badges credential the organisation issued to a partner, and its revocation with the staff's reason
  CREDENTIAL_ISSUED: PARTICIPANTS,
  CREDENTIAL_REVOKED: PARTICIPANTS,
  // a partner asks for a credential: the organisation's programme admins (the admins when it has none); a declined
  // request tells the partner why
  CREDENTIAL_REQUESTED: ['PROGRAMME_ADMIN', 'ADMIN'],
  CREDENTIAL_REQUEST_DECLINED: PARTICIPANTS,
};

/**
 * Nudges: reminders at a cadence rather than news. By email they go as one digest a day per person (the
 * notification waits with email_status DIGEST) unless the person chose each one as it happens; in-app each is a
 * notification as usual, and each kind can still be turned off.
 */
export const NUDGE_KINDS: readonly NotificationKind[] = [
  'NO_RECENT_MEETING',
  'MEETING_CONFIRMATION_REMINDER',
  'CHECK_IN_DUE',
  'RELATIONSHIP_TERMS_MET',
  'REQUEST_EXPIRING',
];

/** The kinds a person with these roles can receive, in the catalogue's order. */
export const kindsFor = (roles: readonly Role[]): NotificationKind[] =>
  NOTIFICATION_KINDS.filter((kind) => NOTIFICATION_AUDIENCE[kind].some((role) => roles.includes(role)));
