import { Field, InputType, Int } from 'type-graphql';
import { LocalDate } from '@tandem/subgraph-kit';
import { MeetingMode } from '../shared/enums';

@InputType({ description: 'A meeting for the log (seed 002 tracking sheet): date, time spent, topics, homework.' })
export class MeetingInput {
  @Field(() => LocalDate, {
    description: 'The local day it took place, in `timeZone` (not before the relationship started).',
  })
  occurredOn!: string;

  @Field(() => String, {
    description: 'Local start time, HH:MM (24-hour), in `timeZone`. The meeting is logged once it has ended.',
  })
  startTime!: string;

  @Field(() => Int, {
    description:
      "Duration in minutes: at least 5, at most the programme's maximum (`RelationshipTerms.maxMeetingMinutes`).",
  })
  durationMinutes!: number;

  @Field(() => String, {
    nullable: true,
    description:
      "The IANA time zone the date and time are local to (e.g. America/Toronto). Omitted: the logger's profile time zone, else UTC; an amendment keeps the amended meeting's.",
  })
  timeZone?: string | null;

  @Field(() => MeetingMode)
  mode!: MeetingMode;

  @Field(() => [String], { description: 'Topics discussed (at least one).' })
  topics!: string[];

  @Field(() => String, { nullable: true, description: 'Homework agreed.' })
  homework?: string | null;

  @Field(() => String, { nullable: true, description: "The author's private note: visible only to its author." })
  privateNote?: string | null;
}
