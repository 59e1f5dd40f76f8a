import type { CriterionScore } from '../search/score';
import type { CohortObjective } from './assignment';

export const UNMATCHED_REASONS = [
  'NO_PROFILE',
  'ALREADY_MATCHED',
  'NO_ELIGIBLE_MENTOR',
  'ALL_EXCLUDED',
  'CAPACITY_EXHAUSTED',
] as const;
export type UnmatchedReason = (typeof UNMATCHED_REASONS)[number];

/** A pair of a run, with its explanation. */
export interface StoredPair {
  menteeId: string;
  mentorId: string;
  score: number;
  locked: boolean;
  explanation: CriterionScore[];
}

/** A mentee a run left unmatched, and why. */
export interface StoredUnmatched {
  menteeId: string;
  reason: UnmatchedReason;
  detail: string;
}

/** A cohort matching run (a draft until published). */
export interface CohortMatchRunRow {
  id: string;
  cohort_id: string;
  programme_id: string;
  /** The organisation whose mentees the run covers; null: the whole cohort. */
  organization_id: string | null;
  objective: CohortObjective;
  status: 'DRAFT' | 'PUBLISHED';
  created_by: string;
  created_at: Date;
  published_at: Date | null;
  total_score: number;
  matched_count: number;
  result: { pairs: StoredPair[]; unmatched: StoredUnmatched[] };
}

export type PairRule = 'LOCKED' | 'EXCLUDED';

export interface CohortPairRuleRow {
  cohort_id: string;
  mentee_id: string;
  mentor_id: string;
  rule: PairRule;
  set_by: string;
  set_at: Date;
}
