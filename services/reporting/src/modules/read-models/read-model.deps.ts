/** What the read models' consumers are given: the read-model repositories and the analytics rollups. */
import type { Tx } from '@tandem/subgraph-kit';
import type { StatsRollupRepository, StatsScope } from '../stats/stats-rollup.repository';
import type { MatchingRepository } from './matching.repository';
import type { MeetingRepository } from './meeting.repository';
import type { PeopleRepository } from './people.repository';
import type { ProgrammeRepository } from './programme.repository';
import type { RelationshipRef, RelationshipRepository } from './relationship.repository';

export interface ReadModelDeps {
  people: PeopleRepository;
  programmes: ProgrammeRepository;
  matching: MatchingRepository;
  relationships: RelationshipRepository;
  meetings: MeetingRepository;
  rollups: StatsRollupRepository;
}

/** The UTC calendar day of a date or an instant. */
export function dayOf(value: string | Date): string {
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
  return new Date(value).toISOString().slice(0, 10);
}

/** The mentee's scope in a programme: cohort and organisation of the enrolment, industry of the person. */
export async function menteeScope(
  tx: Tx,
  { programmes, people }: Pick<ReadModelDeps, 'programmes' | 'people'>,
  programmeId: string,
  menteeId: string,
  given: { organizationId?: string | null; cohortId?: string | null } = {},
): Promise<StatsScope> {
  const enrolment = await programmes.enrolment(tx, menteeId, programmeId, 'MENTEE');
  const person = await people.facts(tx, menteeId);
  return {
    programmeId,
    organizationId: given.organizationId ?? enrolment?.organizationId ?? person.organizationId,
    cohortId: given.cohortId ?? enrolment?.cohortId ?? null,
    industryCode: person.industryCode,
  };
}

/** The scope the relationship was counted in when it started (else the mentee's scope now). */
export async function relationshipScope(
  tx: Tx,
  deps: Pick<ReadModelDeps, 'programmes' | 'people' | 'relationships'>,
  e: Pick<RelationshipRef, 'relationshipId' | 'programmeId' | 'menteeId' | 'organizationId'>,
): Promise<StatsScope> {
  const rel = await deps.relationships.byId(tx, e.relationshipId);
  if (rel)
    return {
      programmeId: rel.programmeId,
      organizationId: rel.organizationId,
      cohortId: rel.cohortId,
      industryCode: rel.industryCode,
    };
  return menteeScope(tx, deps, e.programmeId, e.menteeId, { organizationId: e.organizationId });
}
