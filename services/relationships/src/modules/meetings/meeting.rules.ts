/** What a logged meeting must be (pure): within the relationship's life so far, a real time, a sane length, a topic. */
import { FieldErrors } from '@tandem/subgraph-kit';
import type { RelationshipRow } from '../relationships/relationship.repository';
import type { MeetingInput } from './meeting.inputs';
import type { MeetingFacts } from './meeting.repository';

export const MIN_MINUTES = 5;
export const MAX_MINUTES = 600;

/** The facts of `input`, or a refusal with a field error per problem. */
export function validateMeeting(
  input: MeetingInput,
  rel: Pick<RelationshipRow, 'startedOn'>,
  today: string,
): MeetingFacts {
  const e = new FieldErrors();
  if (input.occurredOn < rel.startedOn)
    e.add('input.occurredOn', 'BEFORE_START', `The relationship started on ${rel.startedOn}.`);
  if (input.occurredOn > today) e.add('input.occurredOn', 'IN_THE_FUTURE', 'Log a meeting once it has taken place.');
  const time = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(input.startTime.trim());
  if (!time) e.add('input.startTime', 'INVALID_TIME', 'Give the start time as HH:MM (24-hour).');
  if (
    !Number.isInteger(input.durationMinutes) ||
    input.durationMinutes < MIN_MINUTES ||
    input.durationMinutes > MAX_MINUTES
  )
    e.add('input.durationMinutes', 'OUT_OF_RANGE', `A meeting lasts ${MIN_MINUTES} to ${MAX_MINUTES} minutes.`);
  const topics = input.topics.map((t) => t.trim()).filter(Boolean);
  if (!topics.length) e.add('input.topics', 'REQUIRED', 'List at least one topic discussed.');
  e.throwIfAny();
  return {
    occurredOn: input.occurredOn,
    startTime: input.startTime.trim(),
    durationMinutes: input.durationMinutes,
    mode: input.mode,
    topics,
    homework: input.homework?.trim() || null,
  };
}
