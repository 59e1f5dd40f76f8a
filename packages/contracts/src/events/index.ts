import type { IdentityEvents } from './identity';
import type { MatchingEvents } from './matching';
import type { RelationshipsEvents } from './relationships';
import type { ReportingEvents } from './reporting';

export type * from './identity';
export type * from './matching';
export type * from './relationships';
export { meetingPlanUid } from './relationships';
export type * from './reporting';

/**
 * Every event of the platform: past-tense facts, named by what happened, owned by the subgraph that
 * produces them (one file each). A payload change that breaks consumers is a new event name.
 */
export type EventPayloads = IdentityEvents & MatchingEvents & RelationshipsEvents & ReportingEvents;
export type EventName = keyof EventPayloads;

/** What travels on the queue around every payload. */
export interface EventEnvelope<N extends EventName = EventName> {
  /** Unique per event: consumers record it to process each event once. */
  id: string;
  name: N;
  version: number;
  occurredAt: string;
  producer: string;
  payload: EventPayloads[N];
}
