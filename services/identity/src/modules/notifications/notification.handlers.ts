/**
 * What identity does with other subgraphs' events: it learns who may see whom (requests, proposals,
 * relationships) and tells people what needs their attention. Each handler runs in the transaction that
 * records the event id, and is idempotent (upserts, unique notification per event, user and kind).
 */
import type { EventHandlers } from '@tandem/subgraph-kit';
import type { AccessRepository } from '../access/access.repository';
import type { NotificationService } from './notification.service';

const day = (iso: string) => iso.slice(0, 10);

export function createEventHandlers(facts: AccessRepository, notifications: NotificationService): EventHandlers {
  const nameOf = async (manager: Parameters<NonNullable<EventHandlers['MatchProposed']>>[1], ...ids: string[]) => {
    const names = await notifications.displayNames(manager, ids);
    return (id: string) => names.get(id) ?? 'Someone';
  };
  return {
    async MentoringRequestSent(event, manager) {
      const p = event.payload;
      await facts.grantProfileAccess(manager, 'REQUEST', p.requestId, p.mentorId, p.menteeId);
      const name = await nameOf(manager, p.menteeId);
      await notifications.notify(manager, {
        userId: p.mentorId,
        kind: 'REQUEST_RECEIVED',
        sourceEventId: event.id,
        title: `${name(p.menteeId)} asked you to be their mentor`,
        body: `${name(p.menteeId)} sent you a mentoring request. Please accept or decline it by ${day(p.expiresAt)}.`,
      });
    },
    async MentoringRequestAccepted(event, manager) {
      const p = event.payload;
      const name = await nameOf(manager, p.mentorId);
      await notifications.notify(manager, {
        userId: p.menteeId,
        kind: 'REQUEST_ACCEPTED',
        sourceEventId: event.id,
        title: `${name(p.mentorId)} accepted your mentoring request`,
        body: `Good news: ${name(p.mentorId)} accepted your request. Your relationship starts now; you can see each other's contact details.`,
      });
    },
    async MentoringRequestDeclined(event, manager) {
      const p = event.payload;
      const name = await nameOf(manager, p.mentorId);
      await notifications.notify(manager, {
        userId: p.menteeId,
        kind: 'REQUEST_DECLINED',
        sourceEventId: event.id,
        title: `${name(p.mentorId)} declined your mentoring request`,
        body: `${name(p.mentorId)} cannot take your request${p.reason ? `: ${p.reason}` : '.'}\n\nYou can choose another mentor.`,
      });
    },
    async MentoringRequestExpiring(event, manager) {
      const p = event.payload;
      const name = await nameOf(manager, p.menteeId);
      await notifications.notify(manager, {
        userId: p.mentorId,
        kind: 'REQUEST_EXPIRING',
        sourceEventId: event.id,
        title: `The request from ${name(p.menteeId)} expires soon`,
        body: `The mentoring request from ${name(p.menteeId)} expires on ${day(p.expiresAt)}. Please accept or decline it.`,
      });
    },
    async MatchProposed(event, manager) {
      const p = event.payload;
      await facts.grantProfileAccess(manager, 'PROPOSAL', p.proposalId, p.mentorId, p.menteeId);
      const name = await nameOf(manager, p.menteeId, p.mentorId, p.coachId);
      await notifications.notify(manager, {
        userId: p.mentorId,
        kind: 'MATCH_PROPOSED',
        sourceEventId: event.id,
        title: `${name(p.coachId)} proposes you as mentor of ${name(p.menteeId)}`,
        body: `${name(p.coachId)} proposed a match with ${name(p.menteeId)}.${p.note ? `\n\nNote: ${p.note}` : ''}\n\nPlease confirm whether it suits you.`,
      });
      await notifications.notify(manager, {
        userId: p.menteeId,
        kind: 'MATCH_PROPOSED',
        sourceEventId: event.id,
        title: `${name(p.coachId)} proposed ${name(p.mentorId)} as your mentor`,
        body: `${name(p.coachId)} proposed ${name(p.mentorId)} as your mentor; they will confirm soon.`,
      });
    },
    async AgreementAwaitingSignature(event, manager) {
      const p = event.payload;
      for (const userId of p.awaitingUserIds) {
        await notifications.notify(manager, {
          userId,
          kind: 'AGREEMENT_AWAITING_SIGNATURE',
          sourceEventId: event.id,
          title: 'Your mentoring agreement is waiting for your signature',
          body: `Version ${p.version} of your mentoring agreement is ready. Please read and sign it to start.`,
        });
      }
    },
    async MeetingLogged(event, manager) {
      const p = event.payload;
      const name = await nameOf(manager, p.loggedBy);
      await notifications.notify(manager, {
        userId: p.awaitingUserId,
        kind: 'MEETING_AWAITING_CONFIRMATION',
        sourceEventId: event.id,
        title: `${name(p.loggedBy)} logged a meeting: please confirm it`,
        body: `${name(p.loggedBy)} logged your meeting of ${p.occurredOn}. It counts toward your hours once you confirm it.`,
      });
    },
    async AuditVerificationRequested(event, manager) {
      const p = event.payload;
      const name = await nameOf(manager, p.subjectId);
      await notifications.notify(manager, {
        userId: p.verifierId,
        kind: 'AUDIT_VERIFICATION_REQUESTED',
        sourceEventId: event.id,
        title: `Please verify ${p.meetingIds.length} meeting(s) with ${name(p.subjectId)}`,
        body: `An audit asks you to confirm ${p.meetingIds.length} meeting(s) you had with ${name(p.subjectId)}. Please answer by ${p.dueOn}.`,
      });
    },
    async RelationshipStarted(event, manager) {
      const p = event.payload;
      await facts.relationshipStarted(manager, p.relationshipId, p.menteeId, p.mentorId);
    },
    async RelationshipCompleted(event, manager) {
      const p = event.payload;
      await facts.relationshipEnded(manager, p.relationshipId, p.menteeId, p.mentorId, 'COMPLETED');
    },
    async RelationshipWithdrawn(event, manager) {
      const p = event.payload;
      await facts.relationshipEnded(manager, p.relationshipId, p.menteeId, p.mentorId, 'WITHDRAWN');
    },
  };
}
