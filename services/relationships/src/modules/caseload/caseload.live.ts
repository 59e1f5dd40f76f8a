import type { EventEnvelope, EventName, LiveSignal } from '@tandem/contracts';

/**
 * The events that change what a coach's caseload shows (a pair starting, pausing or ending, meetings, agreements,
 * pulses, an at-risk flag, a check-in recorded): each tells the coaches and programme admins of the pair's organisation that
 * relationship `id` changed (a live signal; their apps refetch through `/graphql`). Reminders and nudges change
 * nothing on screen.
 */
const CASELOAD_EVENTS: ReadonlySet<EventName> = new Set<EventName>([
  'RelationshipStarted',
  'RelationshipPaused',
  'RelationshipResumed',
  'RelationshipCompleted',
  'RelationshipWithdrawn',
  'RelationshipContinued',
  'AgreementSigned',
  'MeetingLogged',
  'MeetingDisputed',
  'MeetingConfirmed',
  'RelationshipTermsMet',
  'GoalAchieved',
  'PulseAnswered',
  'RelationshipAtRisk',
  'CheckInRecorded',
]);

export function caseloadSignals(event: EventEnvelope): LiveSignal[] {
  if (!CASELOAD_EVENTS.has(event.name)) return [];
  const p = event.payload as { relationshipId?: string; organizationId?: string | null };
  if (!p.relationshipId || !p.organizationId) return [];
  return [{ kind: 'CASELOAD', id: p.relationshipId, to: [], staffOf: p.organizationId }];
}
