/**
 * The stage a relationship is at, for the help shown to the pair (issue 19, learning content). Pure, unit-tested.
 *
 * The first rule that holds decides, in the order a pair lives them:
 * 1. COMPLETING: the relationship has ended (COMPLETED or WITHDRAWN), a partner has confirmed the completion, the
 *    programme's terms are met, or the planned end is at most {@link NEAR_END_DAYS} days away (or past).
 * 2. PREPARING_FIRST_MEETING: no meeting has been confirmed by both partners yet (whether it counts or not).
 * 3. WRITING_AGREEMENT: the partnership agreement has never been signed by both (the first meeting is where pairs
 *    usually draft it, so this comes after the first meeting, and before the plan).
 * 4. ACTION_PLAN: no action plan and no SMART goal yet, or the relationship is in its first half (the plan is
 *    being worked).
 * 5. MID_WAY: past half of the planned duration (durationWeeks x 7 days from the start).
 */
import { daysBetween } from '../shared/dates';
import type { RelationshipStatusValue } from './relationship.repository';

export type LearningStageValue =
  'PREPARING_FIRST_MEETING' | 'WRITING_AGREEMENT' | 'ACTION_PLAN' | 'MID_WAY' | 'COMPLETING';

/** How close to the planned end a relationship is COMPLETING, in days. */
export const NEAR_END_DAYS = 14;

export interface StageInput {
  status: RelationshipStatusValue;
  startedOn: string;
  plannedEndOn: string | null;
  durationWeeks: number;
  /** Meetings confirmed by both partners, counting or not. */
  confirmedMeetings: number;
  /** The agreement was signed by both at some point. */
  agreementSigned: boolean;
  /** An action plan with at least one goal, or a SMART goal, exists. */
  hasPlan: boolean;
  /** The programme's terms are met. */
  termsMet: boolean;
  /** A partner has confirmed the completion. */
  completionConfirmed: boolean;
  today: string;
}

export function relationshipStage(s: StageInput): LearningStageValue {
  const ended = s.status === 'COMPLETED' || s.status === 'WITHDRAWN';
  const nearEnd = s.plannedEndOn !== null && daysBetween(s.today, s.plannedEndOn) <= NEAR_END_DAYS;
  if (ended || s.completionConfirmed || s.termsMet || nearEnd) return 'COMPLETING';
  if (s.confirmedMeetings === 0) return 'PREPARING_FIRST_MEETING';
  if (!s.agreementSigned) return 'WRITING_AGREEMENT';
  const duration = Math.max(1, s.durationWeeks * 7);
  if (!s.hasPlan || daysBetween(s.startedOn, s.today) * 2 < duration) return 'ACTION_PLAN';
  return 'MID_WAY';
}
