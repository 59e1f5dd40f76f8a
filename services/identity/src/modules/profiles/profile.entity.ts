import type { MeetingMode } from '@tandem/contracts';
import type { MentorStatus } from '../access/access.policy';

/** The facets a mentor and a mentee profile share. */
export interface ProfileFacets {
  headline: string | null;
  bio: string | null;
  industryCode: string | null;
  occupationCode: string | null;
  yearsExperience: number | null;
  skills: string[];
  languages: string[];
  city: string | null;
  country: string | null;
  timeZone: string | null;
  meetingPreferences: MeetingMode[];
  hoursPerMonth: number | null;
  livedExperience: string[];
  employer: string | null;
}

/** A row of identity.mentor_profile. */
export interface MentorProfileRecord extends ProfileFacets {
  userId: string;
  status: MentorStatus;
  capacity: number;
  /** ISO date or null. */
  pausedUntil: string | null;
  reviewComment: string | null;
  reviewedBy: string | null;
  reviewedAt: Date | null;
  submittedAt: Date;
  updatedAt: Date;
}

/** A row of identity.mentee_profile. */
export interface MenteeProfileRecord extends ProfileFacets {
  userId: string;
  needs: string[];
  goals: string[];
  constraints: string | null;
  updatedAt: Date;
}

export const FACET_COLUMNS: Array<[keyof ProfileFacets, string]> = [
  ['headline', 'headline'],
  ['bio', 'bio'],
  ['industryCode', 'industry_code'],
  ['occupationCode', 'occupation_code'],
  ['yearsExperience', 'years_experience'],
  ['skills', 'skills'],
  ['languages', 'languages'],
  ['city', 'city'],
  ['country', 'country'],
  ['timeZone', 'time_zone'],
  ['meetingPreferences', 'meeting_preferences'],
  ['hoursPerMonth', 'hours_per_month'],
  ['livedExperience', 'lived_experience'],
  ['employer', 'employer'],
];
