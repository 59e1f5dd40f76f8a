import { Field, InputType, Int } from 'type-graphql';
import { LocalDate } from '@tandem/subgraph-kit';
import { MeetingMode } from '../shared/enums';

@InputType({ description: 'A meeting for the log (seed 002 tracking sheet): date, time spent, topics, homework.' })
export class MeetingInput {
  @Field(() => LocalDate, {
    description: 'The day it took place (not before the relationship started, not in the future).',
  })
  occurredOn!: string;

  @Field(() => String, { description: 'Start time, HH:MM (24-hour).' })
  startTime!: string;

  @Field(() => Int, { description: 'Duration in minutes, 5 to 600.' })
  durationMinutes!: number;

  @Field(() => MeetingMode)
  mode!: MeetingMode;

  @Field(() => [String], { description: 'Topics discussed (at least one).' })
  topics!: string[];

  @Field(() => String, { nullable: true, description: 'Homework agreed.' })
  homework?: string | null;

  @Field(() => String, { nullable: true, description: "The author's private note: visible only to its author." })
  privateNote?: string | null;
}
