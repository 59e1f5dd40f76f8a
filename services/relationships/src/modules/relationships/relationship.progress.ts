/**
 * Progress against the programme terms and the pace forecast (pure, so it is unit-tested on its own).
 *
 * - elapsed = days from the start to today (or to the end date once ended), capped at the duration
 *   (durationWeeks x 7 days).
 * - expected hours by today = targetHours x elapsed / duration; expected meetings likewise with minMeetings.
 * - achieved fraction: with `hoursOrMeetings` the better of hours/targetHours and meetings/minMeetings,
 *   otherwise the worse of the two (a zero target is ignored); expected fraction = elapsed / duration.
 * - pace (running relationships only): ON_TRACK when the terms are met, during the first 14 days, or when
 *   achieved >= 80% of expected; BEHIND when achieved >= 50% of expected; AT_RISK below 50%.
 */
import { daysBetween } from '../shared/dates';
import type { RelationshipStatusValue } from './relationship.repository';

/** The terms of the programme a relationship runs under (from identity's ProgrammeChanged). */
export interface ProgrammeTerms {
  targetHours: number;
  durationWeeks: number;
  minMeetings: number;
  hoursOrMeetings: boolean;
  requireSignedAgreement: boolean;
  /** The longest meeting a relationship of the programme may log, in minutes. */
  maxMeetingMinutes: number;
  /** False while the programme's ProgrammeChanged has not arrived yet: the defaults below apply. */
  known: boolean;
}

/** Terms used until the programme is known: TRIEC's 24 hours over 4 months (seed 000). */
export const DEFAULT_TERMS: ProgrammeTerms = {
  targetHours: 24,
  durationWeeks: 17,
  minMeetings: 0,
  hoursOrMeetings: false,
  requireSignedAgreement: false,
  maxMeetingMinutes: 240,
  known: false,
};

export type PaceValue = 'ON_TRACK' | 'BEHIND' | 'AT_RISK';
export const PACE_GRACE_DAYS = 14;
export const ON_TRACK_RATIO = 0.8;
export const BEHIND_RATIO = 0.5;

export interface ProgressInput {
  status: RelationshipStatusValue;
  startedOn: string;
  plannedEndOn: string | null;
  endedOn: string | null;
  terms: ProgrammeTerms;
  confirmedMinutes: number;
  confirmedMeetings: number;
  today: string;
}

export interface ProgressFigures {
  confirmedHours: number;
  confirmedMeetings: number;
  termsMet: boolean;
  daysElapsed: number;
  daysLeft: number | null;
  expectedHours: number;
  expectedMeetings: number;
  /** Share of the terms achieved, 0..1 (capped). */
  achievedFraction: number;
  expectedFraction: number;
  pace: PaceValue | null;
}

const round2 = (n: number) => Math.round(n * 100) / 100;

/**
 * Whether confirmed hours and meetings meet the terms: with `hoursOrMeetings` either suffices, otherwise both
 * are needed. The one statement of this rule in relationships (RelationshipCompleted's `metTerms` and the
 * progress shown both come from here).
 */
// KIT-CANDIDATE: reporting's read-model repository has its own copy (`meetsTerms`); this pure rule belongs in
// @tandem/contracts (no type-graphql, no TypeORM) so both subgraphs import it.
export function termsMet(
  terms: Pick<ProgrammeTerms, 'targetHours' | 'minMeetings' | 'hoursOrMeetings'>,
  hours: number,
  meetings: number,
): boolean {
  const hoursOk = hours >= terms.targetHours;
  const meetingsOk = meetings >= terms.minMeetings;
  return terms.hoursOrMeetings ? hoursOk || meetingsOk : hoursOk && meetingsOk;
}

export function computeProgress(input: ProgressInput): ProgressFigures {
  const { terms } = input;
  const hours = input.confirmedMinutes / 60;
  const duration = Math.max(1, terms.durationWeeks * 7);
  const asOf = input.endedOn && input.endedOn < input.today ? input.endedOn : input.today;
  const daysElapsed = Math.min(duration, Math.max(0, daysBetween(input.startedOn, asOf)));
  const expectedFraction = daysElapsed / duration;
  const parts: number[] = [];
  if (terms.targetHours > 0) parts.push(hours / terms.targetHours);
  if (terms.minMeetings > 0) parts.push(input.confirmedMeetings / terms.minMeetings);
  const raw = parts.length === 0 ? 1 : terms.hoursOrMeetings ? Math.max(...parts) : Math.min(...parts);
  const achievedFraction = Math.min(1, raw);
  const met = termsMet(terms, hours, input.confirmedMeetings);
  let pace: PaceValue | null = null;
  if (input.status === 'ACTIVE' || input.status === 'PAUSED') {
    if (met || daysElapsed < PACE_GRACE_DAYS || expectedFraction === 0) pace = 'ON_TRACK';
    else {
      const ratio = achievedFraction / expectedFraction;
      // a hair of tolerance so that exactly 80% / 50% is not lost to floating point
      const eps = 1e-9;
      pace = ratio >= ON_TRACK_RATIO - eps ? 'ON_TRACK' : ratio >= BEHIND_RATIO - eps ? 'BEHIND' : 'AT_RISK';
    }
  }
  return {
    confirmedHours: round2(hours),
    confirmedMeetings: input.confirmedMeetings,
    termsMet: met,
    daysElapsed,
    daysLeft: input.plannedEndOn ? Math.max(0, daysBetween(input.today, input.plannedEndOn)) : null,
    expectedHours: round2(terms.targetHours * expectedFraction),
    expectedMeetings: round2(terms.minMeetings * expectedFraction),
    achievedFraction: round2(achievedFraction),
    expectedFraction: round2(expectedFraction),
    pace,
  };
}
