import { Field, InputType, Int } from 'type-graphql';
import { AgreementConfidentiality, AgreementInitiator } from '../shared/enums';

@InputType({ description: 'The Mentoring Partnership Agreement (seed 003).' })
export class AgreementInput {
  @Field(() => [String], { description: 'The top goals (1 to 3).' })
  topGoals!: string[];

  @Field(() => String, { description: 'Meeting schedule: where.' })
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
}
