/**
 * What identity tells people about other subgraphs' events: what needs their attention, in-app and by email.
 * Each consumer runs in the transaction that records the event id, and is idempotent (a notification is unique
 * per event, user and kind).
 */
import { consumers, type Tx } from '@tandem/subgraph-kit';
import { appLinks } from './notification.links';
import type { NotificationService } from './notification.service';

const day = (iso: string) => iso.slice(0, 10);

const namesOf = async (notifications: NotificationService, tx: Tx, ...ids: string[]) => {
  const names = await notifications.displayNames(tx, ids);
  return (id: string) => names.get(id) ?? 'Someone';
};

export const notificationConsumers = consumers<{ notifications: NotificationService }>({
  MentoringRequestSent: async (event, tx, { notifications }) => {
    const p = event.payload;
    const name = await namesOf(notifications, tx, p.menteeId);
    await notifications.notify(tx, {
      userId: p.mentorId,
      kind: 'REQUEST_RECEIVED',
      sourceEventId: event.id,
      link: appLinks.request(p.requestId),
      title: `${name(p.menteeId)} asked you to be their mentor`,
      body: `${name(p.menteeId)} sent you a mentoring request. Please accept or decline it by ${day(p.expiresAt)}.`,
    });
  },
  MentoringRequestAccepted: async (event, tx, { notifications }) => {
    const p = event.payload;
    const name = await namesOf(notifications, tx, p.mentorId);
    await notifications.notify(tx, {
      userId: p.menteeId,
      kind: 'REQUEST_ACCEPTED',
      sourceEventId: event.id,
      link: appLinks.request(p.requestId),
      title: `${name(p.mentorId)} accepted your mentoring request`,
      body: `Good news: ${name(p.mentorId)} accepted your request. Your relationship starts now; you can see each other's contact details.`,
    });
  },
  MentoringRequestDeclined: async (event, tx, { notifications }) => {
    const p = event.payload;
    const name = await namesOf(notifications, tx, p.mentorId);
    await notifications.notify(tx, {
      userId: p.menteeId,
      kind: 'REQUEST_DECLINED',
      sourceEventId: event.id,
      link: appLinks.request(p.requestId),
      title: `${name(p.mentorId)} declined your mentoring request`,
      body: `${name(p.mentorId)} cannot take your request${p.reason ? `: ${p.reason}` : '.'}\n\nYou can choose another mentor.`,
    });
  },
  MentoringRequestExpiring: async (event, tx, { notifications }) => {
    const p = event.payload;
    const name = await namesOf(notifications, tx, p.menteeId);
    await notifications.notify(tx, {
      userId: p.mentorId,
      kind: 'REQUEST_EXPIRING',
      sourceEventId: event.id,
      link: appLinks.request(p.requestId),
      title: `The request from ${name(p.menteeId)} expires soon`,
      body: `The mentoring request from ${name(p.menteeId)} expires on ${day(p.expiresAt)}. Please accept or decline it.`,
    });
  },
  MatchProposed: async (event, tx, { notifications }) => {
    const p = event.payload;
    const name = await namesOf(notifications, tx, p.menteeId, p.mentorId, p.coachId);
    await notifications.notify(tx, {
      userId: p.mentorId,
      kind: 'MATCH_PROPOSED',
      sourceEventId: event.id,
      link: appLinks.proposal(p.proposalId),
      title: `${name(p.coachId)} proposes you as mentor of ${name(p.menteeId)}`,
      body: `${name(p.coachId)} proposed a match with ${name(p.menteeId)}.${p.note ? `\n\nNote: ${p.note}` : ''}\n\nPlease confirm whether it suits you.`,
    });
    await notifications.notify(tx, {
      userId: p.menteeId,
      kind: 'MATCH_PROPOSED',
      sourceEventId: event.id,
      link: appLinks.proposal(p.proposalId),
      title: `${name(p.coachId)} proposed ${name(p.mentorId)} as your mentor`,
      body: `${name(p.coachId)} proposed ${name(p.mentorId)} as your mentor; they will confirm soon.`,
    });
  },
  AgreementAwaitingSignature: async (event, tx, { notifications }) => {
    const p = event.payload;
    for (const userId of p.awaitingUserIds) {
      await notifications.notify(tx, {
        userId,
        kind: 'AGREEMENT_AWAITING_SIGNATURE',
        sourceEventId: event.id,
        link: appLinks.agreement(p.relationshipId),
        title: 'Your mentoring agreement is waiting for your signature',
        body: `Version ${p.version} of your mentoring agreement is ready. Please read and sign it to start.`,
      });
    }
  },
  MeetingLogged: async (event, tx, { notifications }) => {
    const p = event.payload;
    const name = await namesOf(notifications, tx, p.loggedBy);
    await notifications.notify(tx, {
      userId: p.awaitingUserId,
      kind: 'MEETING_AWAITING_CONFIRMATION',
      sourceEventId: event.id,
      link: appLinks.meeting(p.relationshipId, p.meetingId),
      title: `${name(p.loggedBy)} logged a meeting: please confirm it`,
      body: `${name(p.loggedBy)} logged your meeting of ${p.occurredOn}. It counts toward your hours once you confirm it.`,
    });
  },
  AuditVerificationRequested: async (event, tx, { notifications }) => {
    const p = event.payload;
    const name = await namesOf(notifications, tx, p.subjectId);
    await notifications.notify(tx, {
      userId: p.verifierId,
      kind: 'AUDIT_VERIFICATION_REQUESTED',
      sourceEventId: event.id,
      link: appLinks.auditVerification(p.selectionId),
      title: `Please verify ${p.meetingIds.length} meeting(s) with ${name(p.subjectId)}`,
      body: `An audit asks you to confirm ${p.meetingIds.length} meeting(s) you had with ${name(p.subjectId)}. Please answer by ${p.dueOn}.`,
    });
  },
});
