/**
 * Who may see what of a relationship. Partners see everything of theirs; the coach of the relationship's
 * organisation and admins see its content but not messages or private notes; programme admins are like
 * admins; everyone else is told NOT_FOUND (unknown and forbidden ids answer alike).
 */
import type { Principal } from '@tandem/contracts';
import { hasRole } from '@tandem/subgraph-kit';
import type { RelationshipRow } from './relationship.repository';

export type RelationshipViewer = 'MENTOR' | 'MENTEE' | 'COACH' | 'ADMIN' | 'PROGRAMME_ADMIN';
export const PARTNERS: readonly RelationshipViewer[] = ['MENTOR', 'MENTEE'];
export const STAFF: readonly RelationshipViewer[] = ['COACH', 'ADMIN', 'PROGRAMME_ADMIN'];
export const ANY_VIEWER: readonly RelationshipViewer[] = [...PARTNERS, ...STAFF];

export function viewerOf(
  principal: Principal | null,
  r: Pick<RelationshipRow, 'menteeId' | 'mentorId' | 'organizationId'>,
): RelationshipViewer | null {
  if (!principal) return null;
  if (principal.userId === r.mentorId) return 'MENTOR';
  if (principal.userId === r.menteeId) return 'MENTEE';
  if (hasRole(principal, 'ADMIN')) return 'ADMIN';
  if (hasRole(principal, 'PROGRAMME_ADMIN')) return 'PROGRAMME_ADMIN';
  if (hasRole(principal, 'COACH') && principal.organizationId && principal.organizationId === r.organizationId)
    return 'COACH';
  return null;
}

export const isPartner = (v: RelationshipViewer | null) => v === 'MENTOR' || v === 'MENTEE';

/**
 * At-risk flags the partners do not see: LOW_PULSE's reason quotes a partner's pulse answer (score and the start of
 * the note), which the other partner may not read. Staff see every flag.
 */
export const STAFF_ONLY_FLAGS: readonly string[] = ['LOW_PULSE'];

/** The flags this viewer may see (partners and personal data exports: without the staff-only ones). */
export const visibleFlags = <F extends { code: string }>(flags: readonly F[], staff: boolean): F[] =>
  staff ? [...flags] : flags.filter((f) => !STAFF_ONLY_FLAGS.includes(f.code));
