/** What the bench times: four operations a real client sends, each with the principal and variables of a virtual user. */
import { SUBGRAPHS, type Principal } from '@tandem/contracts';
import type { SyntheticPlatform } from '@tandem/synthetic';
import { CONNECTIONS } from './options';

export const DASHBOARD = `query Dashboard($from: LocalDate!, $to: LocalDate!) {
  me {
    id displayName
    menteeProfile { headline skills industry { code label } }
    relationships {
      id status startedOn
      mentor { id displayName mentorProfile { headline } }
      goals { title status milestones { title dueOn } }
      meetings { occurredOn durationMinutes status }
      progress { confirmedHours confirmedMeetings termsMet pace }
    }
    cpdHours
    cpdStatement(from: $from, to: $to) { verifiedHours verifiedMeetings }
  }
}`;
export const SEARCH = `query Search { searchMentors(first: 20) { edges { node { displayName headline score skills explanation { criterion contribution } } } } }`;
/** A text query over the mentee's defaults: a skill and a word of a headline, as a mentee types them. */
export const SEARCH_TEXT = `query SearchText($goals: String) { searchMentors(first: 20, criteria: { goals: $goals }) { edges { node { displayName headline score skills explanation { criterion contribution } } } } }`;
export const TEXT_QUERIES = [
  'python leadership',
  'project management',
  'data analysis',
  'marketing strategy',
  'accounting audit',
];
export const COACH = `query Coach { organizationRelationships(first: 50) { nodes { id status startedOn atRisk atRiskFlags { code }
  mentee { displayName } mentor { displayName } progress { confirmedHours confirmedMeetings pace } } } }`;
export const STATS = `query Stats($programId: ID!) { programStats(from: "2025-11-01", to: "2026-10-31", groupBy: MONTH, filter: { programId: $programId }) {
  groupKey matches activeRelationships relationshipsCompleted meetingsConfirmed hoursConfirmed matchRate medianDaysToMatch } }`;

export interface Scenario {
  name: string;
  query: string;
  /** The subgraph it touches alone, if it does (then it is also run straight to it). */
  single?: (typeof SUBGRAPHS)[number];
  principal(i: number): Principal;
  variables(i: number): Record<string, unknown>;
}

export function scenarios(p: SyntheticPlatform): Scenario[] {
  const { mentees, organizations, programmes } = p.size;
  // spread the virtual users over the platform: mentee k * stride, so each has its own relationships
  const stride = Math.max(1, Math.floor(mentees / CONNECTIONS));
  const mentee = (i: number): Principal => {
    const m = p.mentee((i * stride) % mentees);
    return { userId: m.id, roles: ['MENTEE'], organizationId: m.organizationId };
  };
  return [
    {
      name: 'mentee dashboard',
      query: DASHBOARD,
      principal: mentee,
      variables: () => ({ from: '2023-01-01', to: '2026-12-31' }),
    },
    {
      name: 'searchMentors (mentee defaults)',
      query: SEARCH,
      single: 'matching',
      principal: mentee,
      variables: () => ({}),
    },
    {
      name: 'coach view (50 relationships)',
      query: COACH,
      principal: (i) => ({
        userId: p.coachId(i % organizations),
        roles: ['COACH'],
        organizationId: p.id('org', i % organizations),
      }),
      variables: () => ({}),
    },
    {
      name: 'analyst programStats (year by month)',
      query: STATS,
      single: 'reporting',
      // the one analyst seed:large makes: the gateway serves only accounts that exist (sessions follow the account)
      principal: () => ({
        userId: p.id('analyst', 0),
        roles: ['ANALYST'],
        organizationId: null,
      }),
      variables: (i) => ({ programId: p.programme(i % programmes).id }),
    },
    {
      name: 'searchMentors (text query)',
      query: SEARCH_TEXT,
      single: 'matching',
      principal: mentee,
      variables: (i) => ({ goals: TEXT_QUERIES[i % TEXT_QUERIES.length] }),
    },
  ];
}
