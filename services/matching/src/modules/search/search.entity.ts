/** A mentor row of the search read model, as the ranking query returns it. */
export interface MentorProfileRow {
  user_id: string;
  display_name: string;
  status: string;
  headline: string | null;
  industry_code: string | null;
  industry_label: string | null;
  occupation_code: string | null;
  occupation_label: string | null;
  years_experience: number | null;
  skills: string[];
  languages: string[];
  city: string | null;
  country: string | null;
  time_zone: string | null;
  meeting_preferences: string[];
  hours_per_month: number | null;
  capacity: number;
  lived_experience: string[];
  employer: string | null;
  paused_until: string | null;
  organization_id: string | null;
  has_capacity: boolean;
}

/** A mentee row of the read model (defaults of search, cohort matching). */
export interface MenteeProfileRow {
  user_id: string;
  display_name: string;
  industry_code: string | null;
  occupation_code: string | null;
  skills: string[];
  languages: string[];
  city: string | null;
  country: string | null;
  time_zone: string | null;
  meeting_preferences: string[];
  lived_experience: string[];
  needs: string[];
  goals: string[];
  employer: string | null;
  organization_id: string | null;
}

export interface RankedMentorRow extends MentorProfileRow {
  score: number;
  goals_sim: number | null;
}
