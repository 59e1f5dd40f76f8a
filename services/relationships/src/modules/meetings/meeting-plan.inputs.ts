import { Field, ID, InputType, Int } from 'type-graphql';
import { LocalDate } from '@tandem/subgraph-kit';
import { MeetingMode } from '../shared/enums';

@InputType({
  description: 'When a planned meeting takes place: a local date and time in a time zone, and how long it lasts.',
})
export class MeetingPlanTimeInput {
  @Field(() => LocalDate, { description: 'The local day it starts, in `timeZone`.' })
  startsOn!: string;

  @Field(() => String, { description: 'Local start time, HH:MM (24-hour), in `timeZone`; must be in the future.' })
  startTime!: string;

  @Field(() => String, {
    nullable: true,
    description:
      'The IANA time zone the date and time are local to (e.g. America/Toronto). Omitted: the zone the person planning chose (User.timeZone), else UTC.',
  })
  timeZone?: string | null;

  @Field(() => Int, { description: 'Planned length in minutes, 15 to 480.' })
  durationMinutes!: number;
}

@InputType({
  description: 'A meeting proposed ahead: when, how long, how and where, and its agenda (free text and goals).',
})
export class MeetingPlanInput extends MeetingPlanTimeInput {
  @Field(() => MeetingMode, { description: 'How it is held.' })
  mode!: MeetingMode;

  @Field(() => String, {
    nullable: true,
    description: 'Where it is held (an address, a room), at most 500 characters.',
  })
  place?: string | null;

  @Field(() => String, { nullable: true, description: 'The https link of the video call (required for VIDEO).' })
  videoUrl?: string | null;

  @Field(() => [String], { nullable: true, description: 'Agenda items in free text (at most 20).' })
  agenda?: string[] | null;

  @Field(() => [ID], {
    nullable: true,
    description: 'Goals of the relationship to work on (another relationship’s goal: NOT_IN_RELATIONSHIP).',
  })
  goalIds?: string[] | null;
}

@InputType({
  description:
    'How, where and what for, when a reschedule changes them too: the whole of it is replaced (the goals stay).',
})
export class MeetingPlanChangeInput {
  @Field(() => MeetingMode, { description: 'How it is held.' })
  mode!: MeetingMode;

  @Field(() => String, { nullable: true, description: 'Where it is held, at most 500 characters.' })
  place?: string | null;

  @Field(() => String, { nullable: true, description: 'The https link of the video call (required for VIDEO).' })
  videoUrl?: string | null;

  @Field(() => [String], { nullable: true, description: 'Agenda items in free text (at most 20).' })
  agenda?: string[] | null;
}

/** The parts of a plan that are not its times. */
export type MeetingPlanDetailsInput = Pick<MeetingPlanInput, 'mode' | 'place' | 'videoUrl' | 'agenda' | 'goalIds'>;
