/** identity's programmes and enrolments, as reporting keeps them (and enrolments counted). */
import { consumers } from '@tandem/subgraph-kit';
import { countApproval } from './people.consumers';
import { dayOf, type ReadModelDeps } from './read-model.deps';

export const programmeConsumers = consumers<ReadModelDeps>({
  ProgrammeChanged: async ({ payload }, tx, { programmes }) => programmes.upsert(tx, payload),

  ProgrammeEnrolled: async ({ payload }, tx, deps) => {
    const { programmes, people, rollups } = deps;
    if (!(await programmes.enrol(tx, payload))) return;
    // a mentor approved before this enrolment arrived: the approval counts in this programme too
    if (payload.role === 'MENTOR') await countApproval(tx, deps, payload.userId);
    const person = await people.facts(tx, payload.userId);
    const scope = {
      programmeId: payload.programmeId,
      organizationId: payload.organizationId ?? person.organizationId,
      cohortId: payload.cohortId,
      industryCode: person.industryCode,
    };
    await rollups.bump(tx, dayOf(payload.enrolledAt), scope, {
      registrations: 1,
      [payload.role === 'MENTOR' ? 'mentors_enrolled' : 'mentees_enrolled']: 1,
    });
  },
});
