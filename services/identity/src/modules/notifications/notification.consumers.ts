/**
 * What identity tells people about other subgraphs' events: what needs their attention, in-app and by email, in
 * each recipient's language (the words are in notification.messages.ts). Each consumer runs in the transaction
 * that records the event id, and is idempotent (a notification is unique per event, user and kind).
 */
import type { EventPayloads } from '@tandem/contracts';
import { consumers, type Tx } from '@tandem/subgraph-kit';
import type { RelationshipCoachRepository } from '../coaching/relationship-coach.repository';
import type { ProgrammeRepository } from '../programmes/programme.repository';
import type { Language } from '../language/language';
import type { CalendarMethod } from './meeting-invitation';
import type { NotificationKind } from './notification.kinds';
import { atRiskReasonList } from './at-risk-reasons';
import { adminLinks, appLinks } from './notification.links';
import { message, type NotificationValues } from './notification.messages';
import type { LocalisedNotification, NotificationService } from './notification.service';

/** A day (YYYY-MM-DD, or the day of an instant) as a date the catalogue formats for the reader's locale. */
const day = (iso: string) => new Date(`${iso.slice(0, 10)}T00:00:00Z`);

/** People's names by id; null for someone unknown here (the catalogue says "Someone" in the reader's language). */
const namesOf = async (notifications: NotificationService, tx: Tx, ...ids: string[]) => {
  const names = await notifications.displayNames(tx, ids);
  return (id: string) => names.get(id) ?? null;
};

/** The coaches of a relationship's organisation who are not one of its partners (none without an organisation). */
const coachesOfPair = async (
  coaches: RelationshipCoachRepository,
  tx: Tx,
  p: { organizationId: string | null; menteeId: string; mentorId: string },
): Promise<string[]> =>
  p.organizationId
    ? (await coaches.coachesOf(p.organizationId, null, tx)).filter((id) => id !== p.menteeId && id !== p.mentorId)
    : [];

/** A request answered, withdrawn or expired: the mentor's waiting "expires soon" reminder leaves their digest. */
const requestSettled = (notifications: NotificationService, tx: Tx, p: { requestId: string; mentorId: string }) =>
  notifications.withdrawFromDigest(tx, [p.mentorId], 'REQUEST_EXPIRING', appLinks.request(p.requestId));

/** A meeting confirmed or disputed: the waiting reminder to confirm it leaves the partners' digests. */
const meetingAnswered = async (
  notifications: NotificationService,
  tx: Tx,
  p: { relationshipId: string; meetingId: string; menteeId: string; mentorId: string },
): Promise<void> => {
  await notifications.withdrawFromDigest(
    tx,
    [p.menteeId, p.mentorId],
    'MEETING_CONFIRMATION_REMINDER',
    appLinks.meeting(p.relationshipId, p.meetingId),
  );
};

type PlanPayload = EventPayloads['MeetingPlanAccepted'];
type PlanEvent = { id: string; payload: PlanPayload };

/** The calendar invitation of a plan's step for `userId` (both partners attend), or undefined when none goes. */
const invitationFor = async (
  notifications: NotificationService,
  tx: Tx,
  p: PlanPayload,
  userId: string,
  method: CalendarMethod | null,
  tentative = false,
): Promise<LocalisedNotification['invitation']> => {
  if (!method) return undefined;
  const people = await notifications.contacts(tx, [p.menteeId, p.mentorId]);
  return {
    method,
    tentative,
    planId: p.planId,
    sequence: p.sequence,
    startsAt: p.startsAt,
    durationMinutes: p.durationMinutes,
    timeZone: p.timeZone,
    mode: p.mode ?? null,
    place: p.place ?? null,
    videoUrl: p.videoUrl ?? null,
    agenda: p.agenda ?? [],
    partnerName: people.get(otherOf(p, userId))?.name ?? null,
    attendees: [p.mentorId, p.menteeId].flatMap((id) => {
      const person = people.get(id);
      return person ? [person] : [];
    }),
  };
};

/**
 * Tells `userId` about a step of a planned meeting, its start written in their own zone (User.timeZone, else the zone
 * it was planned in) and the zone named; linked to the plan on the relationship page. With `calendar`, the email
 * carries the plan's calendar invitation (REQUEST or CANCEL).
 */
const notifyPlan = async (
  notifications: NotificationService,
  tx: Tx,
  event: PlanEvent,
  userId: string,
  kind: NotificationKind,
  id: string,
  extra: NotificationValues = {},
  calendar: { method: CalendarMethod | null; tentative?: boolean; link?: string } = { method: null },
) => {
  const p = event.payload;
  const name = await namesOf(notifications, tx, p.byId, otherOf(p, userId));
  const zone = (await notifications.timeZoneOf(tx, userId)) ?? p.timeZone;
  await notifications.notify(tx, {
    userId,
    kind,
    sourceEventId: event.id,
    link: calendar.link ?? appLinks.plannedMeeting(p.relationshipId, p.planId),
    text: {
      id,
      values: {
        by: name(p.byId),
        partner: name(otherOf(p, userId)),
        start: new Date(p.startsAt),
        zone,
        minutes: p.durationMinutes,
        ...extra,
      },
      timeZone: zone,
    },
    invitation: await invitationFor(notifications, tx, p, userId, calendar.method, calendar.tentative),
  });
};

/**
 * A step that changes what the partners' calendars hold: the other partner is told (`id`), and the one who took the
 * step gets the same invitation for their own calendar (`meetingSelf`), when `inCalendars` (or `always`).
 */
const notifyPlanChange = async (
  notifications: NotificationService,
  tx: Tx,
  event: PlanEvent,
  to: string,
  kind: NotificationKind,
  id: string,
  action: 'accepted' | 'rescheduled' | 'declined' | 'cancelled',
  method: CalendarMethod,
  extra: NotificationValues = {},
) => {
  const p = event.payload;
  const inCalendars = action === 'accepted' || !!p.inCalendars;
  const tentative = action === 'rescheduled';
  await notifyPlan(notifications, tx, event, to, kind, id, extra, { method: inCalendars ? method : null, tentative });
  if (inCalendars && to !== p.byId)
    await notifyPlan(notifications, tx, event, p.byId, kind, 'meetingSelf', { action }, { method, tentative });
};

/** The partner of `userId` in the event's relationship. */
const otherOf = (p: PlanPayload, userId: string) => (p.mentorId === userId ? p.menteeId : p.mentorId);

/** Where a planned meeting is held, in the reader's language ('' when neither a place nor a link is known). */
const whereOf = (language: Language, p: PlanPayload) =>
  p.place
    ? message(language, 'calendar.place', { place: p.place })
    : p.videoUrl
      ? message(language, 'calendar.video', { url: p.videoUrl })
      : '';

export const notificationConsumers = consumers<{
  notifications: NotificationService;
  coaches: RelationshipCoachRepository;
  programmes: ProgrammeRepository;
}>({
  MentoringRequestSent: async (event, tx, { notifications }) => {
    const p = event.payload;
    const name = await namesOf(notifications, tx, p.menteeId);
    await notifications.notify(tx, {
      userId: p.mentorId,
      kind: 'REQUEST_RECEIVED',
      sourceEventId: event.id,
      link: appLinks.request(p.requestId),
      text: { id: 'requestReceived', values: { mentee: name(p.menteeId), expires: day(p.expiresAt) } },
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
      text: { id: 'requestAccepted', values: { mentor: name(p.mentorId) } },
    });
    await requestSettled(notifications, tx, p);
  },
  MentoringRequestDeclined: async (event, tx, { notifications }) => {
    const p = event.payload;
    const name = await namesOf(notifications, tx, p.mentorId);
    await notifications.notify(tx, {
      userId: p.menteeId,
      kind: 'REQUEST_DECLINED',
      sourceEventId: event.id,
      link: appLinks.request(p.requestId),
      text: {
        id: 'requestDeclined',
        values: { mentor: name(p.mentorId), hasReason: p.reason ? 'yes' : 'no', reason: p.reason ?? '' },
      },
    });
    await requestSettled(notifications, tx, p);
  },
  MentoringRequestWithdrawn: async (event, tx, { notifications }) => {
    await requestSettled(notifications, tx, event.payload);
  },
  MentoringRequestExpired: async (event, tx, { notifications }) => {
    await requestSettled(notifications, tx, event.payload);
  },
  MentoringRequestEdited: async (event, tx, { notifications }) => {
    const p = event.payload;
    const name = await namesOf(notifications, tx, p.menteeId);
    await notifications.notify(tx, {
      userId: p.mentorId,
      kind: 'REQUEST_EDITED',
      sourceEventId: event.id,
      link: appLinks.request(p.requestId),
      text: { id: 'requestEdited', values: { mentee: name(p.menteeId) } },
    });
  },
  MentorQuestionAsked: async (event, tx, { notifications }) => {
    const p = event.payload;
    const name = await namesOf(notifications, tx, p.menteeId);
    await notifications.notify(tx, {
      userId: p.mentorId,
      kind: 'QUESTION_ASKED',
      sourceEventId: event.id,
      link: appLinks.question(p.questionId),
      text: { id: 'questionAsked', values: { mentee: name(p.menteeId) } },
    });
  },
  MentorQuestionAnswered: async (event, tx, { notifications }) => {
    const p = event.payload;
    const name = await namesOf(notifications, tx, p.mentorId);
    await notifications.notify(tx, {
      userId: p.menteeId,
      kind: 'QUESTION_ANSWERED',
      sourceEventId: event.id,
      link: appLinks.question(p.questionId),
      text: { id: 'questionAnswered', values: { mentor: name(p.mentorId) } },
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
      text: { id: 'requestExpiring', values: { mentee: name(p.menteeId), expires: day(p.expiresAt) } },
    });
  },
  MatchProposed: async (event, tx, { notifications }) => {
    const p = event.payload;
    const name = await namesOf(notifications, tx, p.menteeId, p.mentorId, p.coachId);
    const values = { coach: name(p.coachId), mentee: name(p.menteeId), mentor: name(p.mentorId) };
    await notifications.notify(tx, {
      userId: p.mentorId,
      kind: 'MATCH_PROPOSED',
      sourceEventId: event.id,
      link: appLinks.proposal(p.proposalId),
      text: { id: 'matchProposedMentor', values: { ...values, hasNote: p.note ? 'yes' : 'no', note: p.note ?? '' } },
    });
    await notifications.notify(tx, {
      userId: p.menteeId,
      kind: 'MATCH_PROPOSED',
      sourceEventId: event.id,
      link: appLinks.proposal(p.proposalId),
      text: { id: 'matchProposedMentee', values },
    });
  },
  AgreementAwaitingSignature: async (event, tx, { notifications, coaches }) => {
    const p = event.payload;
    for (const userId of p.awaitingUserIds) {
      await notifications.notify(tx, {
        userId,
        kind: 'AGREEMENT_AWAITING_SIGNATURE',
        sourceEventId: event.id,
        link: appLinks.agreement(p.relationshipId),
        text: { id: 'agreementAwaiting', values: { version: p.version } },
      });
    }
    // a programme that has its coach sign too: the coaches of the organisation, on the agreement in the admin app
    if (!p.awaitingCoach) return;
    const name = await namesOf(notifications, tx, p.menteeId, p.mentorId);
    for (const coachId of await coachesOfPair(coaches, tx, p)) {
      await notifications.notify(tx, {
        userId: coachId,
        kind: 'AGREEMENT_AWAITING_SIGNATURE',
        sourceEventId: event.id,
        link: adminLinks.agreement(p.relationshipId),
        text: {
          id: 'agreementAwaitingCoach',
          values: { version: p.version, mentee: name(p.menteeId), mentor: name(p.mentorId) },
        },
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
      text: { id: 'meetingLogged', values: { loggedBy: name(p.loggedBy), occurred: day(p.occurredOn) } },
    });
    // "no meeting logged for N days" is no longer true: it leaves both partners' waiting digests
    await notifications.withdrawFromDigest(
      tx,
      [p.menteeId, p.mentorId],
      'NO_RECENT_MEETING',
      appLinks.meetings(p.relationshipId),
    );
  },
  // a reminder to confirm a meeting that has since been confirmed or disputed leaves the waiting digest
  MeetingConfirmed: async (event, tx, { notifications }) => meetingAnswered(notifications, tx, event.payload),
  MeetingDisputed: async (event, tx, { notifications }) => meetingAnswered(notifications, tx, event.payload),
  AuditVerificationRequested: async (event, tx, { notifications }) => {
    const p = event.payload;
    const name = await namesOf(notifications, tx, p.subjectId);
    await notifications.notify(tx, {
      userId: p.verifierId,
      kind: 'AUDIT_VERIFICATION_REQUESTED',
      sourceEventId: event.id,
      link: appLinks.auditVerification(p.selectionId),
      text: {
        id: 'auditVerification',
        values: { count: p.meetingIds.length, subject: name(p.subjectId), due: day(p.dueOn) },
      },
    });
  },
  AuditEvidenceRequested: async (event, tx, { notifications }) => {
    const p = event.payload;
    await notifications.notify(tx, {
      userId: p.userId,
      kind: 'AUDIT_EVIDENCE_REQUESTED',
      sourceEventId: event.id,
      link: appLinks.auditSelection(p.selectionId),
      text: { id: 'auditEvidence', values: { hours: p.claimedHours ?? 0, due: day(p.dueOn) } },
    });
  },
  CredentialIssued: async (event, tx, { notifications, programmes }) => {
    const p = event.payload;
    const programme = (await programmes.byIds([p.programmeId], tx))[0]?.name ?? '';
    await notifications.notify(tx, {
      userId: p.userId,
      kind: 'CREDENTIAL_ISSUED',
      sourceEventId: event.id,
      link: appLinks.credential(p.credentialId),
      text: { id: 'credentialIssued', values: { programme, role: p.role, hours: p.hours } },
    });
  },
  CredentialRevoked: async (event, tx, { notifications, programmes }) => {
    const p = event.payload;
    const programme = (await programmes.byIds([p.programmeId], tx))[0]?.name ?? '';
    await notifications.notify(tx, {
      userId: p.userId,
      kind: 'CREDENTIAL_REVOKED',
      sourceEventId: event.id,
      link: appLinks.credential(p.credentialId),
      text: { id: 'credentialRevoked', values: { programme, reason: p.reason } },
    });
  },
  CredentialRequested: async (event, tx, { notifications, coaches, programmes }) => {
    const p = event.payload;
    const programme = (await programmes.byIds([p.programmeId], tx))[0]?.name ?? '';
    const name = await namesOf(notifications, tx, p.userId);
    for (const userId of await coaches.issuersOf(p.organizationId, tx)) {
      if (userId === p.userId) continue;
      await notifications.notify(tx, {
        userId,
        kind: 'CREDENTIAL_REQUESTED',
        sourceEventId: event.id,
        link: adminLinks.credentials(p.relationshipId),
        text: {
          id: 'credentialRequested',
          values: { person: name(p.userId), programme, role: p.role, hours: p.hours },
        },
      });
    }
  },
  CredentialRequestDeclined: async (event, tx, { notifications, programmes }) => {
    const p = event.payload;
    const programme = (await programmes.byIds([p.programmeId], tx))[0]?.name ?? '';
    await notifications.notify(tx, {
      userId: p.userId,
      kind: 'CREDENTIAL_REQUEST_DECLINED',
      sourceEventId: event.id,
      link: appLinks.credentials(),
      text: { id: 'credentialRequestDeclined', values: { programme, reason: p.reason } },
    });
  },
  AuditEvidenceDueSoon: async (event, tx, { notifications }) => {
    const p = event.payload;
    await notifications.notify(tx, {
      userId: p.userId,
      kind: 'AUDIT_EVIDENCE_DUE_SOON',
      sourceEventId: event.id,
      link: appLinks.auditSelection(p.selectionId),
      text: { id: 'auditEvidenceDueSoon', values: { days: p.daysLeft, due: day(p.dueOn) } },
    });
  },
  RelationshipTermsMet: async (event, tx, { notifications, coaches, programmes }) => {
    const p = event.payload;
    // the programme may have turned this nudge off (a programme unknown here keeps the default: on)
    if ((await programmes.nudgesOf(tx, p.programmeId))?.hoursReached === false) return;
    const name = await namesOf(notifications, tx, p.menteeId, p.mentorId);
    const facts = { hours: p.confirmedHours, meetings: p.confirmedMeetings, metOn: day(p.metOn) };
    // both partners: suggest completing or continuing, on the relationship's closing section
    for (const [userId, partnerId] of [
      [p.menteeId, p.mentorId],
      [p.mentorId, p.menteeId],
    ]) {
      await notifications.notify(tx, {
        userId,
        kind: 'RELATIONSHIP_TERMS_MET',
        sourceEventId: event.id,
        link: appLinks.closing(p.relationshipId),
        text: { id: 'termsMetPartner', values: { ...facts, partner: name(partnerId) } },
      });
    }
    // the coaches of the relationship's organisation, on the relationship in the admin app
    for (const coachId of await coachesOfPair(coaches, tx, p)) {
      await notifications.notify(tx, {
        userId: coachId,
        kind: 'RELATIONSHIP_TERMS_MET',
        sourceEventId: event.id,
        link: adminLinks.relationship(p.relationshipId),
        text: { id: 'termsMetCoach', values: { ...facts, mentee: name(p.menteeId), mentor: name(p.mentorId) } },
      });
    }
  },
  CoachThreadMessageSent: async (event, tx, { notifications, coaches }) => {
    const p = event.payload;
    const name = await namesOf(notifications, tx, p.authorId, p.menteeId, p.mentorId);
    const values = { author: name(p.authorId), mentee: name(p.menteeId), mentor: name(p.mentorId) };
    const staff = p.organizationId ? await coaches.coachesOf(p.organizationId, null, tx) : [];
    const partners = [p.menteeId, p.mentorId];
    // the partners land on the thread in the participant app, the coaches on it in the admin app
    for (const userId of new Set([...partners, ...staff])) {
      if (userId === p.authorId) continue;
      await notifications.notify(tx, {
        userId,
        kind: 'COACH_THREAD_MESSAGE',
        sourceEventId: event.id,
        link: partners.includes(userId)
          ? appLinks.coachThread(p.relationshipId)
          : adminLinks.coachThread(p.relationshipId),
        text: { id: 'coachThreadMessage', values },
      });
    }
  },
  PulseAsked: async (event, tx, { notifications }) => {
    const p = event.payload;
    const name = await namesOf(notifications, tx, p.askedBy, p.menteeId, p.mentorId);
    // both partners, on the pulse card of the relationship page where they answer
    for (const [userId, partnerId] of [
      [p.menteeId, p.mentorId],
      [p.mentorId, p.menteeId],
    ]) {
      await notifications.notify(tx, {
        userId,
        kind: 'PULSE_ASKED',
        sourceEventId: event.id,
        link: appLinks.pulse(p.relationshipId),
        text: { id: 'pulseAsked', values: { asker: name(p.askedBy), partner: name(partnerId) } },
      });
    }
  },
  PulseAnswered: async (event, tx, { notifications, coaches }) => {
    const p = event.payload;
    // a low answer (2 or less of 5) reaches the coaches of the relationship's organisation, on the admin detail
    if (p.score > 2) return;
    const name = await namesOf(notifications, tx, p.respondentId, p.menteeId, p.mentorId);
    const values = {
      respondent: name(p.respondentId),
      role: p.respondentRole,
      score: p.score,
      answeredAt: day(p.answeredAt),
      mentee: name(p.menteeId),
      mentor: name(p.mentorId),
    };
    for (const coachId of await coachesOfPair(coaches, tx, p)) {
      await notifications.notify(tx, {
        userId: coachId,
        kind: 'PULSE_LOW',
        sourceEventId: event.id,
        link: adminLinks.pulse(p.relationshipId),
        text: { id: 'pulseLow', values },
      });
    }
  },
  RelationshipAtRisk: async (event, tx, { notifications, coaches }) => {
    const p = event.payload;
    // only when it is (still) at risk; the flags clearing tells nobody
    if (!p.reasons.length) return;
    const name = await namesOf(notifications, tx, p.menteeId, p.mentorId);
    const values = {
      mentee: name(p.menteeId),
      mentor: name(p.mentorId),
      flaggedAt: day(p.flaggedAt),
      count: p.reasons.length,
    };
    for (const coachId of await coachesOfPair(coaches, tx, p)) {
      // each reason worded from its code and figures in the coach's language, not the event's English `reason`
      const reasons = atRiskReasonList(await notifications.languageOf(tx, coachId), p);
      await notifications.notify(tx, {
        userId: coachId,
        kind: 'RELATIONSHIP_AT_RISK',
        sourceEventId: event.id,
        link: adminLinks.atRisk(p.relationshipId),
        text: { id: 'relationshipAtRisk', values: { ...values, reasons } },
      });
    }
  },
  MeetingPlanned: async (event, tx, { notifications }) => {
    const p = event.payload;
    if (p.source !== 'SCHEDULE')
      return notifyPlan(notifications, tx, event, p.awaitingUserId, 'MEETING_PROPOSED', 'meetingProposed');
    // proposed by the agreement's schedule: neither partner did it, so both hear it from the schedule (the one in
    // whose name it stands would otherwise learn of "their" proposal only when it is answered)
    for (const userId of [p.awaitingUserId, otherOf(p, p.awaitingUserId)])
      await notifyPlan(notifications, tx, event, userId, 'MEETING_PROPOSED', 'meetingFromSchedule', {
        answer: userId === p.awaitingUserId ? 'you' : 'partner',
      });
  },
  // moved: the calendars that hold it are updated (tentative until the other partner accepts the new time)
  MeetingPlanRescheduled: (event, tx, { notifications }) =>
    notifyPlanChange(
      notifications,
      tx,
      event,
      event.payload.awaitingUserId,
      'MEETING_RESCHEDULED',
      'meetingRescheduled',
      'rescheduled',
      'REQUEST',
      { counter: event.payload.counter ? 'yes' : 'no' },
    ),
  // accepted: both partners' calendars get the invitation
  MeetingPlanAccepted: (event, tx, { notifications }) =>
    notifyPlanChange(
      notifications,
      tx,
      event,
      otherOf(event.payload, event.payload.byId),
      'MEETING_ACCEPTED',
      'meetingAccepted',
      'accepted',
      'REQUEST',
    ),
  // declined or cancelled: removed from the calendars that hold it
  MeetingPlanDeclined: (event, tx, { notifications }) =>
    notifyPlanChange(
      notifications,
      tx,
      event,
      otherOf(event.payload, event.payload.byId),
      'MEETING_DECLINED',
      'meetingDeclined',
      'declined',
      'CANCEL',
    ),
  MeetingPlanCancelled: (event, tx, { notifications }) =>
    notifyPlanChange(
      notifications,
      tx,
      event,
      otherOf(event.payload, event.payload.byId),
      'MEETING_CANCELLED',
      'meetingCancelled',
      'cancelled',
      'CANCEL',
    ),
  NudgeDue: async (event, tx, { notifications, coaches }) => {
    const p = event.payload;
    const name = await namesOf(notifications, tx, p.menteeId, p.mentorId);
    if (p.nudge === 'NO_MEETING') {
      // both partners, on the relationship's meeting log
      for (const [userId, partnerId] of [
        [p.menteeId, p.mentorId],
        [p.mentorId, p.menteeId],
      ]) {
        await notifications.notify(tx, {
          userId,
          kind: 'NO_RECENT_MEETING',
          sourceEventId: event.id,
          link: appLinks.meetings(p.relationshipId),
          text: { id: 'noRecentMeeting', values: { partner: name(partnerId), days: p.days, since: day(p.dueOn) } },
        });
      }
    } else if (p.nudge === 'MEETING_AWAITING_CONFIRMATION' && p.awaitingUserId && p.meetingId) {
      const partnerId = p.awaitingUserId === p.menteeId ? p.mentorId : p.menteeId;
      await notifications.notify(tx, {
        userId: p.awaitingUserId,
        kind: 'MEETING_CONFIRMATION_REMINDER',
        sourceEventId: event.id,
        link: appLinks.meeting(p.relationshipId, p.meetingId),
        text: {
          id: 'meetingConfirmationReminder',
          values: { partner: name(partnerId), days: p.days, occurred: day(p.dueOn) },
        },
      });
    } else if (p.nudge === 'CHECK_IN_DUE') {
      // the coaches of the relationship's organisation, on the relationship in the admin app
      for (const coachId of await coachesOfPair(coaches, tx, p)) {
        await notifications.notify(tx, {
          userId: coachId,
          kind: 'CHECK_IN_DUE',
          sourceEventId: event.id,
          link: adminLinks.checkIns(p.relationshipId),
          text: {
            id: 'checkInDue',
            values: { mentee: name(p.menteeId), mentor: name(p.mentorId), dueOn: day(p.dueOn), overdue: p.days },
          },
        });
      }
    }
  },
  // the check-in owed to the pair was recorded: its waiting nudge leaves the digest of every coach it went to (in-app it stays)
  CheckInRecorded: async (event, tx, { notifications }) => {
    await notifications.withdrawFromDigest(
      tx,
      'everyone',
      'CHECK_IN_DUE',
      adminLinks.checkIns(event.payload.relationshipId),
    );
  },
  // the reminder job of relationships: the day before (both), an hour before (those who asked), then the record prompt
  MeetingPlanReminderDue: async (event, tx, { notifications }) => {
    const p = event.payload;
    const partners = [p.menteeId, p.mentorId];
    if (p.reminder === 'RECORD_PROMPT') {
      for (const userId of partners)
        await notifyPlan(
          notifications,
          tx,
          event,
          userId,
          'MEETING_RECORD_PROMPT',
          'meetingRecordPrompt',
          {},
          {
            method: null,
            link: appLinks.recordPlannedMeeting(p.relationshipId, p.planId),
          },
        );
      return;
    }
    const hour = p.reminder === 'HOUR_BEFORE';
    const wanting = hour ? await notifications.wantHourReminder(tx, partners) : new Set(partners);
    for (const userId of partners) {
      if (!wanting.has(userId)) continue;
      const where = whereOf(await notifications.languageOf(tx, userId), p);
      await notifyPlan(notifications, tx, event, userId, 'MEETING_REMINDER', 'meetingReminder', {
        soon: hour ? 'hour' : 'day',
        hasWhere: where ? 'yes' : 'no',
        where,
      });
    }
  },
});
