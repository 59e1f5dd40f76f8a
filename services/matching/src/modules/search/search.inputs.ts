import { Field, ID, InputType } from 'type-graphql';
import { MeetingModeEnum } from '../shared/enums';

@InputType({
  description:
    "What to look for. A field left out takes the signed-in mentee's profile value; an empty list or string turns that criterion off.",
})
export class MentorSearchCriteriaInput {
  @Field(() => ID, {
    nullable: true,
    description: "The programme whose matching weights apply (default: the mentee's latest enrolment).",
  })
  programmeId?: string | null;

  @Field(() => String, { nullable: true, description: 'NAICS industry code.' })
  industryCode?: string | null;

  @Field(() => String, { nullable: true, description: 'NOC occupation code.' })
  occupationCode?: string | null;

  @Field(() => [String], { nullable: true, description: 'Skills wanted.' })
  skills?: string[] | null;

  @Field(() => [String], { nullable: true, description: 'Languages the mentee speaks.' })
  languages?: string[] | null;

  @Field(() => String, { nullable: true, description: 'City.' })
  city?: string | null;

  @Field(() => String, { nullable: true, description: 'Country.' })
  country?: string | null;

  @Field(() => String, { nullable: true, description: 'IANA time zone.' })
  timeZone?: string | null;

  @Field(() => [MeetingModeEnum], { nullable: true, description: 'Acceptable meeting modes.' })
  meetingPreferences?: string[] | null;

  @Field(() => [String], {
    nullable: true,
    description:
      "Needs and lived experience a mentor should understand (default: the mentee's needs and lived experience).",
  })
  livedExperience?: string[] | null;

  @Field(() => String, {
    nullable: true,
    description: "Free text of the mentee's goals (default: their top three goals).",
  })
  goals?: string | null;
}
