import type { RelationshipRow } from './relationship.repository';

/** The common part of every relationships event. */
export function refOf(r: RelationshipRow) {
  return {
    relationshipId: r.id,
    menteeId: r.menteeId,
    mentorId: r.mentorId,
    programmeId: r.programmeId ?? '',
    organizationId: r.organizationId,
  };
}
