/** identity's people, reviews and organisations, as reporting keeps them (and mentor approvals counted). */
import { consumers } from '@tandem/subgraph-kit';
import type { StatsScope } from '../stats/stats-rollup.repository';
import { dayOf, type ReadModelDeps } from './read-model.deps';

export const peopleConsumers = consumers<ReadModelDeps>({
  UserRegistered: async ({ payload }, tx, { people }) => people.upsertRegistered(tx, payload),
  UserContactChanged: async ({ payload }, tx, { people }) => people.upsertContact(tx, payload),
  UserErased: async ({ payload }, tx, { people }) => people.erase(tx, payload),
  MentorProfileChanged: async ({ payload }, tx, { people }) =>
    people.setIndustry(tx, payload.userId, payload.industry, payload.status, payload.organizationId),
  MenteeProfileChanged: async ({ payload }, tx, { people }) =>
    people.setIndustry(tx, payload.userId, payload.industry, null, payload.organizationId),
  OrganizationChanged: async ({ payload }, tx, { people }) => people.upsertOrganization(tx, payload),

  MentorApplicationReviewed: async ({ payload }, tx, { people, programmes, rollups }) => {
    if (!(await people.recordReview(tx, payload))) return;
    // an approval counts in each programme the mentor is enrolled in, or once outside any programme
    const person = await people.facts(tx, payload.userId);
    const enrolments = await programmes.mentorEnrolments(tx, payload.userId);
    const scopes: StatsScope[] = enrolments.length
      ? enrolments.map((p) => ({
          programmeId: p.programmeId,
          organizationId: p.organizationId ?? person.organizationId,
          cohortId: p.cohortId,
          industryCode: person.industryCode,
        }))
      : [
          {
            programmeId: null,
            organizationId: person.organizationId,
            cohortId: null,
            industryCode: person.industryCode,
          },
        ];
    for (const scope of scopes) await rollups.bump(tx, dayOf(payload.reviewedAt), scope, { mentor_approvals: 1 });
  },
});
