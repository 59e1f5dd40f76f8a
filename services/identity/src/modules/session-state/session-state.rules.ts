import type { SessionState } from '@tandem/contracts';
import { erasedEmail } from '../users/user.repository';
import type { SessionStateRow } from './session-state.repository';

/**
 * What the gateway is told about an account: active unless unknown, erased or suspended; an inactive account
 * has no roles, so a caller that ignored `active` would still get nothing.
 */
export function sessionStateOf(row: SessionStateRow | null): SessionState {
  if (!row || row.suspendedAt !== null || row.email === erasedEmail(row.id)) {
    return { active: false, sessionVersion: row?.sessionVersion ?? 0, roles: [], organizationId: null };
  }
  return { active: true, sessionVersion: row.sessionVersion, roles: row.roles, organizationId: row.organizationId };
}
