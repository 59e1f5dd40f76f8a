import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { FieldError, LocalDate } from '@tandem/subgraph-kit';
import { MEETING_MODES, type MeetingMode } from '@tandem/contracts';
import type { MentorStatus } from '../access/access.policy';
import { findIndustry, findOccupation, type ClassifiedCode } from '../classification/classification';
import { OK_DEPRECATED } from '../shared/api';
import { User } from '../users/user.type';
import type { MenteeProfileRow, MentorProfileRow, ProfileFacets } from './profile.repository';

export const MentorStatusEnum = {
  PENDING_REVIEW: 'PENDING_REVIEW',
  APPROVED: 'APPROVED',
  REJECTED: 'REJECTED',
} as const;
registerEnumType(MentorStatusEnum, {
  name: 'MentorApplicationStatus',
  description: 'Where a mentor application stands: PENDING_REVIEW and REJECTED mentors are invisible to search.',
});

export const MeetingModeEnum = Object.fromEntries(MEETING_MODES.map((m) => [m, m])) as { [K in MeetingMode]: K };
registerEnumType(MeetingModeEnum, { name: 'MeetingMode', description: 'How people meet.' });

export const MentorReviewDecisionEnum = { APPROVED: 'APPROVED', REJECTED: 'REJECTED' } as const;
registerEnumType(MentorReviewDecisionEnum, {
  name: 'MentorReviewDecision',
  description: 'The outcome of a mentor application review.',
});

@ObjectType({
  description:
    'A coded value of a classification (NAICS-style industry, NOC-style occupation) with its family (first two digits).',
})
export class ClassificationCode {
  @Field(() => String)
  code!: string;

  @Field(() => String)
  label!: string;

  @Field(() => String, { description: 'The family code: the first two digits (NAICS sector, NOC major group).' })
  family!: string;

  @Field(() => String)
  familyLabel!: string;

  @Field(() => Boolean, { description: 'True for the family entries themselves (two-digit codes).' })
  isFamily!: boolean;
}

export const toClassificationCode = (c: ClassifiedCode): ClassificationCode =>
  Object.assign(new ClassificationCode(), {
    code: c.code,
    label: c.label,
    family: c.family,
    familyLabel: c.familyLabel,
    isFamily: c.level === 'FAMILY',
  });

@ObjectType({
  description:
    "A mentor's profile. Approved mentors' public fields are visible to any signed-in participant; the review fields only to the mentor, admins and their coach.",
})
export class MentorProfile {
  @Field(() => MentorStatusEnum)
  status!: MentorStatus;

  @Field(() => String, { nullable: true })
  headline!: string | null;

  @Field(() => String, { nullable: true })
  bio!: string | null;

  @Field(() => ClassificationCode, { nullable: true, description: 'NAICS-style industry.' })
  industry!: ClassificationCode | null;

  @Field(() => ClassificationCode, { nullable: true, description: 'NOC-style occupation.' })
  occupation!: ClassificationCode | null;

  @Field(() => Int, { nullable: true })
  yearsExperience!: number | null;

  @Field(() => [String])
  skills!: string[];

  @Field(() => [String], { description: 'Languages spoken (ISO 639-1 codes or names, as entered).' })
  languages!: string[];

  @Field(() => String, { nullable: true })
  city!: string | null;

  @Field(() => String, { nullable: true, description: 'ISO 3166-1 alpha-2 country code.' })
  country!: string | null;

  @Field(() => String, { nullable: true, description: 'IANA time zone, e.g. America/Toronto.' })
  timeZone!: string | null;

  @Field(() => [MeetingModeEnum])
  meetingPreferences!: MeetingMode[];

  @Field(() => Int, { nullable: true, description: 'Hours per month the mentor can give.' })
  hoursPerMonth!: number | null;

  @Field(() => Int, { description: 'Maximum simultaneous active mentees.' })
  capacity!: number;

  @Field(() => [String], {
    description: 'Free tags: newcomer to the country, career change, first-generation professional, returning to work…',
  })
  livedExperience!: string[];

  @Field(() => String, { nullable: true, description: 'Current employer.' })
  employer!: string | null;

  @Field(() => LocalDate, { nullable: true, description: 'Unavailable for new mentees until this date.' })
  pausedUntil!: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      "The reviewer's approval note or rejection reason. Null for callers other than the mentor, admins and their coach.",
  })
  reviewComment!: string | null;

  @Field(() => Date, {
    nullable: true,
    description: 'When the application was reviewed. Same visibility as reviewComment.',
  })
  reviewedAt!: Date | null;

  @Field(() => Date, { description: 'When the application was (re)submitted.' })
  submittedAt!: Date;

  /** The mentor (not exposed): fields of other modules load by it. */
  userId!: string;

  /** Whether the caller sees the whole profile (not exposed): the mentor, admins, their coach. */
  full!: boolean;
}

@ObjectType({
  description:
    "A mentee's profile and needs assessment. Visible to the mentee, mentors they asked or were proposed to, their coach, admins.",
})
export class MenteeProfile {
  @Field(() => String, { nullable: true })
  headline!: string | null;

  @Field(() => String, { nullable: true })
  bio!: string | null;

  @Field(() => ClassificationCode, { nullable: true })
  industry!: ClassificationCode | null;

  @Field(() => ClassificationCode, { nullable: true })
  occupation!: ClassificationCode | null;

  @Field(() => Int, { nullable: true })
  yearsExperience!: number | null;

  @Field(() => [String])
  skills!: string[];

  @Field(() => [String])
  languages!: string[];

  @Field(() => String, { nullable: true })
  city!: string | null;

  @Field(() => String, { nullable: true })
  country!: string | null;

  @Field(() => String, { nullable: true })
  timeZone!: string | null;

  @Field(() => [MeetingModeEnum])
  meetingPreferences!: MeetingMode[];

  @Field(() => Int, { nullable: true })
  hoursPerMonth!: number | null;

  @Field(() => [String])
  livedExperience!: string[];

  @Field(() => String, { nullable: true })
  employer!: string | null;

  @Field(() => [String], { description: 'Needs assessment: what they want help with.' })
  needs!: string[];

  @Field(() => [String], { description: 'Their top three goals.' })
  goals!: string[];

  @Field(() => String, { nullable: true, description: 'Constraints (schedule, location, accessibility).' })
  constraints!: string | null;

  @Field(() => Date, {
    nullable: true,
    description:
      'The version of this profile that mentor search ranks with (changes with each save). Pass it to `searchMentors(profileVersion:)` right after a save, so the search uses it or says the ranking is being prepared.',
  })
  version!: Date | null;
}

@ObjectType({ description: 'The outcome of a profile change or review: the person, or the input errors.' })
export class ProfileResult {
  @Field(() => Boolean, { deprecationReason: OK_DEPRECATED })
  ok!: boolean;

  @Field(() => [FieldError], { description: 'What to fix; empty on success.' })
  errors!: FieldError[];

  @Field(() => User, { nullable: true, description: 'The person whose profile changed; null when refused.' })
  user!: User | null;
}

function facets(r: ProfileFacets) {
  const industry = findIndustry(r.industryCode);
  const occupation = findOccupation(r.occupationCode);
  return {
    headline: r.headline,
    bio: r.bio,
    industry: industry ? toClassificationCode(industry) : null,
    occupation: occupation ? toClassificationCode(occupation) : null,
    yearsExperience: r.yearsExperience,
    skills: r.skills,
    languages: r.languages,
    city: r.city,
    country: r.country,
    timeZone: r.timeZone,
    meetingPreferences: r.meetingPreferences,
    hoursPerMonth: r.hoursPerMonth,
    livedExperience: r.livedExperience,
    employer: r.employer,
  };
}

/** `full`: the mentor, admins, their coach see the review fields. */
export function toMentorProfile(r: MentorProfileRow, full: boolean): MentorProfile {
  return Object.assign(new MentorProfile(), {
    ...facets(r),
    status: r.status,
    capacity: r.capacity,
    pausedUntil: r.pausedUntil,
    submittedAt: r.submittedAt,
    reviewComment: full ? r.reviewComment : null,
    reviewedAt: full ? r.reviewedAt : null,
    userId: r.userId,
    full,
  });
}

export function toMenteeProfile(r: MenteeProfileRow): MenteeProfile {
  return Object.assign(new MenteeProfile(), {
    ...facets(r),
    needs: r.needs,
    goals: r.goals,
    constraints: r.constraints,
    version: r.snapshotAt,
  });
}

@ObjectType({ description: 'One application of a bulk review: the person as reviewed, or why it was refused.' })
export class MentorReviewBulkItem {
  @Field(() => ID, { description: 'The applicant id as given.' })
  id!: string;

  @Field(() => User, { nullable: true, description: 'The applicant as reviewed; null when refused.' })
  user!: User | null;

  @Field(() => [FieldError], { description: 'Why this one was refused (empty on success); nothing of it changed.' })
  errors!: FieldError[];
}

@ObjectType({
  description:
    'The outcome of a bulk review: each application on its own (one refused changes nothing and stops no other), or the shared input errors (then nothing ran).',
})
export class MentorReviewBulkResult {
  @Field(() => [MentorReviewBulkItem], { description: 'One per applicant, in the order given (empty when errors).' })
  items!: MentorReviewBulkItem[];

  @Field(() => [FieldError], { description: 'What to fix in the shared input (the comment); empty when it ran.' })
  errors!: FieldError[];
}

export function profileResult(user: User | null, errors: FieldError[] = []): ProfileResult {
  return Object.assign(new ProfileResult(), {
    ok: errors.length === 0,
    errors,
    user: errors.length === 0 ? user : null,
  });
}
