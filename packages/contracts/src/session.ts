/**
 * The session state identity tells the gateway (and no one else), so a request is served with the account's
 * current roles and a token issued before an event that ended its sessions is refused.
 */
import type { Role } from './roles';

/** identity's internal route (gateway secret required): `GET {SESSION_STATE_PATH}/:userId`. */
export const SESSION_STATE_PATH = '/internal/session-state';

export interface SessionState {
  /** False for an unknown, erased or suspended account: none of its tokens is honoured. */
  active: boolean;
  /** Bumped by every event that ends the account's sessions; a token carries the version it was issued at (`sv`). */
  sessionVersion: number;
  /** The roles and organisation now (a request is served with these, never the token's). */
  roles: Role[];
  organizationId: string | null;
}
