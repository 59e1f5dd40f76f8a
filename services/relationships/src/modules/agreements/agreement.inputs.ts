import { Field, InputType, Int } from 'type-graphql';
import { AgreementConfidentiality, AgreementInitiator } from '../shared/enums';

@InputType({
  description:
    'The schedule as data, from which the platform proposes each next meeting once the agreement is signed: "every two weeks, Thursdays at 17:00".',
})
export class AgreementScheduleInput {
  @Field(() => Int, { description: 'The weekday, ISO: 1 = Monday … 7 = Sunday.' })
  weekday!: number;

  @Field(() => String, { description: 'The local start time, HH:MM (24-hour).' })
  startTime!: string;

  @Field(() => Int, { description: 'Every how many weeks (1 to 8).' })
  everyWeeks!: number;

  @Field(() => String, {
    nullable: true,
    description: "The IANA zone the day and time are read in; the drafter's zone, else the programme's, when absent.",
  })
  timeZone?: string | null;
}

@InputType({ description: 'The Mentoring Partnership Agreement (seed 003).' })
export class AgreementInput {
  @Field(() => [String], { description: 'The top goals (1 to 3).' })
  topGoals!: string[];

  @Field(() => String, {
    description:
      'Meeting schedule: where, in words or as a https link (an http:// link is refused with HTTPS_REQUIRED; an address without a scheme, like www.zoom.us/j/1, is stored with https://). The meetings the schedule proposes are online at a https link, online without a link for words like "Video call", "Zoom" or "Teams", a phone call for "Phone", and otherwise held at this place.',
  })
  meetingPlace!: string;

  @Field(() => String, { description: 'Meeting schedule: when (e.g. "every other Wednesday, 6 pm").' })
  meetingTime!: string;

  @Field(() => Int, { description: 'Meeting schedule: how long, in minutes (5 to 600).' })
  meetingLengthMinutes!: number;

  @Field(() => String, { description: 'Meeting schedule: how often (e.g. "every two weeks").' })
  meetingFrequency!: string;

  @Field(() => AgreementInitiator, { description: 'Who initiates meetings.' })
  initiator!: AgreementInitiator;

  @Field(() => AgreementConfidentiality, { description: 'What happens to what is discussed.' })
  confidentiality!: AgreementConfidentiality;

  @Field(() => Int, { description: 'How long the partnership lasts, in weeks (1 to 104).' })
  durationWeeks!: number;

  @Field(() => AgreementScheduleInput, {
    nullable: true,
    description:
      'The schedule as data (weekday, time, period, zone): once signed, the platform proposes each next meeting from it. Absent: no meeting is proposed for the pair.',
  })
  schedule?: AgreementScheduleInput | null;
}
