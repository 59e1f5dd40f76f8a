import { registerEnumType } from 'type-graphql';
import { MEETING_MODES, type MeetingMode } from '@tandem/contracts';
import { CRITERIA, type Criterion } from '../search/score';

export const MeetingModeEnum = Object.fromEntries(MEETING_MODES.map((m) => [m, m])) as { [K in MeetingMode]: K };
registerEnumType(MeetingModeEnum, { name: 'MeetingMode', description: 'How two people meet.' });

export const MatchingCriterionEnum = Object.fromEntries(CRITERIA.map((c) => [c, c])) as { [K in Criterion]: K };
registerEnumType(MatchingCriterionEnum, {
  name: 'MatchingCriterion',
  description: 'A criterion of mentor search and cohort matching.',
});
