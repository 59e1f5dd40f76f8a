import { randomUUID } from 'node:crypto';
import type { Principal, Role } from '@tandem/contracts';

/** A principal with a fresh id: `as('MENTEE')`, `as('COACH', orgId)`. */
export function principal(role: Role | Role[], organizationId: string | null = null, userId = randomUUID()): Principal {
  return { userId, roles: Array.isArray(role) ? role : [role], organizationId };
}
