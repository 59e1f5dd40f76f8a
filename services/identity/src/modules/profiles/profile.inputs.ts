import { Field, ID, InputType, Int } from 'type-graphql';
import type { MeetingMode } from '@tandem/contracts';
import { MeetingModeEnum, MentorReviewDecisionEnum } from './profile.type';

/** Omitted fields keep their current value; null clears an optional one. */
@InputType({
  description: 'The facets mentor and mentee profiles share. Omitted fields keep their value; null clears.',
})
export class ProfileFacetsInput {
  @Field(() => String, { nullable: true })
  headline?: string | null;

  @Field(() => String, { nullable: true })
  bio?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'A code from `industries` (two-digit sector or four-digit industry).',
  })
  industryCode?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'A code from `occupations` (two-digit major group or five-digit unit group).',
  })
  occupationCode?: string | null;

  @Field(() => Int, { nullable: true })
  yearsExperience?: number | null;

  @Field(() => [String], { nullable: true })
  skills?: string[] | null;

  @Field(() => [String], { nullable: true })
  languages?: string[] | null;

  @Field(() => String, { nullable: true })
  city?: string | null;

  @Field(() => String, { nullable: true, description: 'ISO 3166-1 alpha-2, e.g. CA.' })
  country?: string | null;

  @Field(() => String, { nullable: true, description: 'IANA time zone, e.g. America/Toronto.' })
  timeZone?: string | null;

  @Field(() => [MeetingModeEnum], { nullable: true })
  meetingPreferences?: MeetingMode[] | null;

  @Field(() => Int, { nullable: true })
  hoursPerMonth?: number | null;

  @Field(() => [String], { nullable: true })
  livedExperience?: string[] | null;

  @Field(() => String, { nullable: true })
  employer?: string | null;
}

@InputType({
  description:
    "The signed-in mentor's profile. The first save is the application (PENDING_REVIEW); saving a rejected one re-applies.",
})
export class MentorProfileInput extends ProfileFacetsInput {
  @Field(() => Int, {
    nullable: true,
    description: 'Maximum simultaneous active mentees (1-20); never below the current active mentees.',
  })
  capacity?: number | null;
}

@InputType({ description: "The signed-in mentee's profile and needs assessment." })
export class MenteeProfileInput extends ProfileFacetsInput {
  @Field(() => [String], { nullable: true })
  needs?: string[] | null;

  @Field(() => [String], { nullable: true, description: 'At most three.' })
  goals?: string[] | null;

  @Field(() => String, { nullable: true })
  constraints?: string | null;
}

@InputType({
  description: "A review of a mentor application (COACH of the mentor's organisation, PROGRAMME_ADMIN, ADMIN).",
})
export class ReviewMentorApplicationInput {
  @Field(() => ID)
  userId!: string;

  @Field(() => MentorReviewDecisionEnum)
  decision!: 'APPROVED' | 'REJECTED';

  @Field(() => String, { description: 'The approval note or the rejection reason (shown to the applicant).' })
  comment!: string;
}

@InputType({
  description:
    "A review of several mentor applications at once, the same decision and comment for each (each by the single review's rules).",
})
export class ReviewMentorApplicationsInput {
  @Field(() => [ID], { description: 'The applicants (1 to 100), in the order their outcomes are listed.' })
  userIds!: string[];

  @Field(() => MentorReviewDecisionEnum, { description: 'The same decision for each (APPROVED or REJECTED).' })
  decision!: 'APPROVED' | 'REJECTED';

  @Field(() => String, { description: 'The approval note or the rejection reason (shown to each applicant).' })
  comment!: string;
}
