/** Who may see a request, question or proposal: its two parties, a coach of the mentee's organisation, admins. */
import type { Principal } from '@tandem/contracts';
import { hasRole, isUuid } from '@tandem/subgraph-kit';

export interface Parties {
  menteeId: string;
  mentorId: string;
  organizationId: string | null;
}

export const isStaffAdmin = (principal: Principal | null) => hasRole(principal, 'ADMIN', 'PROGRAMME_ADMIN');

export function canSee(principal: Principal | null, parties: Parties): boolean {
  if (!principal) return false;
  if (principal.userId === parties.menteeId || principal.userId === parties.mentorId) return true;
  if (isStaffAdmin(principal)) return true;
  return (
    hasRole(principal, 'COACH') && !!principal.organizationId && principal.organizationId === parties.organizationId
  );
}

/** Whether the principal acts for people of this organisation: admins and programme admins, or its own coach. */
export function coachesOrganisation(principal: Principal, organizationId: string | null): boolean {
  return (
    isStaffAdmin(principal) ||
    (hasRole(principal, 'COACH') && !!principal.organizationId && principal.organizationId === organizationId)
  );
}

/** The same rule as SQL over a table with mentee_id, mentor_id and organization_id columns. */
export function visibleWhere(principal: Principal, p: (v: unknown) => string): string {
  if (isStaffAdmin(principal)) return 'TRUE';
  const me = p(principal.userId);
  const own = `(mentee_id = ${me}::uuid OR mentor_id = ${me}::uuid)`;
  if (hasRole(principal, 'COACH') && principal.organizationId)
    return `(${own} OR organization_id = ${p(principal.organizationId)}::uuid)`;
  return own;
}

/** A parameter collector for hand-built SQL. */
export function sqlParams(): { params: unknown[]; p: (v: unknown) => string } {
  const params: unknown[] = [];
  return { params, p: (v: unknown) => (params.push(v), `$${params.length}`) };
}

/** A list of requests or proposals narrowed to one status, programme or mentee (a malformed id names nothing). */
export interface PartyListFilter {
  status: string | null;
  programmeId: string | null;
  menteeId: string | null;
}

/** The conditions of such a list: what the principal may see, then the filter; `p` adds the keyset after them. */
export function partyListWhere(principal: Principal, filter: PartyListFilter) {
  const { params, p } = sqlParams();
  const where = [visibleWhere(principal, p)];
  if (filter.status) where.push(`status = ${p(filter.status)}`);
  if (filter.programmeId)
    where.push(isUuid(filter.programmeId) ? `programme_id = ${p(filter.programmeId)}::uuid` : 'FALSE');
  if (filter.menteeId) where.push(isUuid(filter.menteeId) ? `mentee_id = ${p(filter.menteeId)}::uuid` : 'FALSE');
  return { params, p, where };
}
