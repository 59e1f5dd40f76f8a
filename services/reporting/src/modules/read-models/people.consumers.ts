/** identity's people, reviews and organisations, as reporting keeps them (and mentor approvals counted). */
import { consumers, type Tx } from '@tandem/subgraph-kit';
import { NIL_UUID, type StatsScope } from '../stats/stats-rollup.repository';
import type { ApprovalCountRow } from './people.repository';
import { dayOf, type ReadModelDeps } from './read-model.deps';

export const peopleConsumers = consumers<ReadModelDeps>({
  UserRegistered: async ({ payload }, tx, { people }) => people.upsertRegistered(tx, payload),
  UserContactChanged: async ({ payload }, tx, { people }) => people.upsertContact(tx, payload),
  UserLanguageChanged: async ({ payload }, tx, { people }) => people.setLanguage(tx, payload),
  UserErased: async ({ payload }, tx, { people }) => people.erase(tx, payload),
  MentorProfileChanged: async ({ payload: p }, tx, { people }) =>
    people.setIndustry(tx, p.userId, p.industry, p.status, p.organizationId, p.changedAt),
  MenteeProfileChanged: async ({ payload: p }, tx, { people }) =>
    people.setIndustry(tx, p.userId, p.industry, null, p.organizationId, p.changedAt),
  OrganizationChanged: async ({ payload }, tx, { people }) => people.upsertOrganization(tx, payload),

  MentorApplicationReviewed: async ({ payload }, tx, deps) => {
    await deps.people.recordReview(tx, payload);
    await countApproval(tx, deps, payload.userId);
  },
});

const toRow = (scope: StatsScope, day: string): ApprovalCountRow => ({
  programmeId: scope.programmeId ?? NIL_UUID,
  day,
  organizationId: scope.organizationId ?? NIL_UUID,
  cohortId: scope.cohortId ?? NIL_UUID,
  industryCode: scope.industryCode ?? '',
});
const toScope = (row: ApprovalCountRow): StatsScope => ({
  programmeId: row.programmeId === NIL_UUID ? null : row.programmeId,
  organizationId: row.organizationId === NIL_UUID ? null : row.organizationId,
  cohortId: row.cohortId === NIL_UUID ? null : row.cohortId,
  industryCode: row.industryCode || null,
});

/**
 * A mentor's first approval counts once in each programme they are enrolled in as a mentor, or once outside any
 * programme while they are in none. Run on the review and on each mentor enrolment, whichever arrives first: what
 * should be counted is compared with what was, and the difference moved (an approval counted outside programmes
 * moves into the programme whose enrolment arrives after it).
 */
export async function countApproval(
  tx: Tx,
  { people, programmes, rollups }: Pick<ReadModelDeps, 'people' | 'programmes' | 'rollups'>,
  userId: string,
): Promise<void> {
  const { firstApprovedAt, counted } = await people.approvalState(tx, userId);
  const wanted: ApprovalCountRow[] = [];
  if (firstApprovedAt) {
    const day = dayOf(firstApprovedAt);
    const person = await people.facts(tx, userId);
    const enrolments = await programmes.mentorEnrolments(tx, userId);
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
    wanted.push(...scopes.map((s) => toRow(s, day)));
  }
  for (const row of counted.filter((c) => !wanted.some((w) => w.programmeId === c.programmeId))) {
    await rollups.bump(tx, row.day, toScope(row), { mentor_approvals: -1 });
    await people.setApprovalCounted(tx, userId, row, false);
  }
  for (const row of wanted.filter((w) => !counted.some((c) => c.programmeId === w.programmeId))) {
    await rollups.bump(tx, row.day, toScope(row), { mentor_approvals: 1 });
    await people.setApprovalCounted(tx, userId, row, true);
  }
}
