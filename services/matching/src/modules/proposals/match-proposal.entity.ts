/** A coach's proposal of a mentor for a mentee (seed 000). */
export interface MatchProposalRow {
  id: string;
  mentee_id: string;
  mentor_id: string;
  coach_id: string;
  programme_id: string;
  cohort_id: string | null;
  organization_id: string | null;
  run_id: string | null;
  note: string;
  status: MatchProposalStatus;
  decline_reason: string | null;
  proposed_at: Date;
  responded_at: Date | null;
  mentee_enrolled_at: Date | null;
}

export const MATCH_PROPOSAL_STATUSES = ['PROPOSED', 'CONFIRMED', 'DECLINED'] as const;
export type MatchProposalStatus = (typeof MATCH_PROPOSAL_STATUSES)[number];
