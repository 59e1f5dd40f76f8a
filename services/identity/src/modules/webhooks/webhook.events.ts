/**
 * What an organisation's webhooks carry: which platform events go out, under which Standard Webhooks type, and
 * what of each payload. Payloads carry ids and the facts the event states, never names, emails, phones or free
 * text (a withdrawal's reason, a meeting's topics and homework stay inside Tandem): an organisation's admin may
 * see all of those ids, and a receiver that needs more asks the API with its own credentials.
 */
import type { EventEnvelope, EventName } from '@tandem/contracts';

export const WEBHOOK_EVENT_TYPES = [
  'relationship.started',
  'relationship.withdrawn',
  'relationship.completed',
  'meeting.confirmed',
  'relationship.terms_met',
  'audit.outcome_recorded',
  'programme.enrolled',
] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

/** The GraphQL enum value of a type (`relationship.terms_met` → `RELATIONSHIP_TERMS_MET`) and back. */
export const enumOfType = (t: WebhookEventType) => t.replace('.', '_').toUpperCase();
export const typeOfEnum = (e: string): WebhookEventType | null =>
  WEBHOOK_EVENT_TYPES.find((t) => enumOfType(t) === e) ?? null;

/** An event as it leaves: its type, whose organisation it concerns, and the data. */
export interface OutgoingEvent {
  type: WebhookEventType;
  /** The organisation whose endpoints receive it; null when the event names a person instead (`subjectUserId`). */
  organizationId: string | null;
  /** For events that name no organisation (an audit outcome): the person whose organisation receives it. */
  subjectUserId: string | null;
  data: Record<string, unknown>;
}

type Mapper<N extends EventName> = (p: EventEnvelope<N>['payload']) => OutgoingEvent;

const relationship = (p: {
  relationshipId: string;
  menteeId: string;
  mentorId: string;
  programmeId: string;
  organizationId: string | null;
}) => ({
  relationshipId: p.relationshipId,
  menteeId: p.menteeId,
  mentorId: p.mentorId,
  programmeId: p.programmeId,
  organizationId: p.organizationId,
});

const MAPPERS: { [N in EventName]?: Mapper<N> } = {
  RelationshipStarted: (p) => ({
    type: 'relationship.started',
    organizationId: p.organizationId,
    subjectUserId: null,
    data: { ...relationship(p), cohortId: p.cohortId, startedOn: p.startedOn, plannedEndOn: p.plannedEndOn },
  }),
  RelationshipWithdrawn: (p) => ({
    type: 'relationship.withdrawn',
    organizationId: p.organizationId,
    subjectUserId: null,
    data: {
      ...relationship(p),
      withdrawnBy: p.withdrawnBy,
      withdrawnOn: p.withdrawnOn,
      confirmedHours: p.confirmedHours,
      confirmedMeetings: p.confirmedMeetings,
    },
  }),
  RelationshipCompleted: (p) => ({
    type: 'relationship.completed',
    organizationId: p.organizationId,
    subjectUserId: null,
    data: {
      ...relationship(p),
      completedOn: p.completedOn,
      confirmedHours: p.confirmedHours,
      confirmedMeetings: p.confirmedMeetings,
      metTerms: p.metTerms,
    },
  }),
  MeetingConfirmed: (p) => ({
    type: 'meeting.confirmed',
    organizationId: p.organizationId,
    subjectUserId: null,
    data: {
      ...relationship(p),
      meetingId: p.meetingId,
      amendsMeetingId: p.amendsMeetingId,
      revision: p.revision,
      occurredOn: p.occurredOn,
      durationMinutes: p.durationMinutes,
      hours: Math.round((p.durationMinutes / 60) * 100) / 100,
      mode: p.mode,
    },
  }),
  RelationshipTermsMet: (p) => ({
    type: 'relationship.terms_met',
    organizationId: p.organizationId,
    subjectUserId: null,
    data: {
      ...relationship(p),
      metOn: p.metOn,
      confirmedHours: p.confirmedHours,
      confirmedMeetings: p.confirmedMeetings,
    },
  }),
  AuditOutcomeRecorded: (p) => ({
    type: 'audit.outcome_recorded',
    organizationId: null,
    subjectUserId: p.userId,
    data: {
      auditId: p.auditId,
      selectionId: p.selectionId,
      userId: p.userId,
      outcome: p.outcome,
      verifiedHours: p.verifiedHours,
      recordedAt: p.recordedAt,
    },
  }),
  ProgrammeEnrolled: (p) => ({
    type: 'programme.enrolled',
    organizationId: p.organizationId,
    subjectUserId: null,
    data: {
      userId: p.userId,
      programmeId: p.programmeId,
      cohortId: p.cohortId,
      role: p.role,
      organizationId: p.organizationId,
      enrolledAt: p.enrolledAt,
    },
  }),
};

/** The platform events webhooks listen to. */
export const WEBHOOK_SOURCE_EVENTS = Object.keys(MAPPERS) as EventName[];

/** The outgoing form of an event, or null when webhooks do not carry it. */
export function outgoingEvent(event: EventEnvelope): OutgoingEvent | null {
  const mapper = MAPPERS[event.name] as Mapper<EventName> | undefined;
  return mapper ? mapper(event.payload) : null;
}

/** The body receivers get, in the Standard Webhooks payload shape: `type`, `timestamp` and `data`. */
export function webhookBody(out: OutgoingEvent, event: EventEnvelope): string {
  return JSON.stringify({ type: out.type, timestamp: event.occurredAt, data: { eventId: event.id, ...out.data } });
}
