import type { ProgrammeTermsRow } from './programme.repository';

/**
 * Whether a relationship's confirmed hours and meetings meet its programme's terms: both the hours target and
 * the minimum of meetings, or either one when the programme says "hours or meetings".
 */
export function meetsTerms(
  terms: Pick<ProgrammeTermsRow, 'targetHours' | 'minMeetings' | 'hoursOrMeetings'>,
  hours: number,
  meetings: number,
): boolean {
  const byHours = hours >= Number(terms.targetHours);
  const byMeetings = meetings >= terms.minMeetings;
  return terms.hoursOrMeetings ? byHours || byMeetings : byHours && byMeetings;
}
