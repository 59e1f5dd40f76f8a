import type { SessionState } from '@tandem/contracts';
import {
  AppError,
  fieldError,
  isUuid,
  NotFound,
  requireRole,
  signalLive,
  type Database,
  type EventBus,
  type SubgraphContext,
  type Tx,
} from '@tandem/subgraph-kit';
import type { UserRepository } from '../users/user.repository';
import { toUser, userResult, type UserResult } from '../users/user.type';
import type { SessionStateRepository } from './session-state.repository';
import { sessionStateOf } from './session-state.rules';

/**
 * Sessions follow the account: every event that must end them bumps the account's session version in its own
 * transaction (the gateway refuses a token carrying an older one), and the gateway learns the current state here.
 */
export class SessionStateService {
  constructor(
    private readonly sessions: SessionStateRepository,
    private readonly users: UserRepository,
    private readonly db: Database,
    private readonly events: EventBus,
  ) {}

  /** The state the gateway checks every request against (unknown and malformed ids are inactive). */
  async state(userId: string): Promise<SessionState> {
    return sessionStateOf(isUuid(userId) ? await this.sessions.state(userId) : null);
  }

  /**
   * The version a new access token carries, read in the transaction that issues it (so a token issued right
   * after a bump carries the new one). A suspended or erased account gets no session.
   */
  async issuingVersion(tx: Tx, userId: string): Promise<number> {
    const state = sessionStateOf(await this.sessions.state(userId, tx));
    if (!state.active) throw new AppError('FORBIDDEN', 'This account is suspended; ask your programme’s staff.');
    return state.sessionVersion;
  }

  /**
   * Ends every session of a person (a password changed or reset, the sign-in email changed or disputed, a
   * suspension): access tokens stop working on their next request, refresh tokens are revoked, and links sent
   * before (open email changes, password resets) stop working.
   */
  async endAll(tx: Tx, userId: string): Promise<void> {
    await this.bump(tx, userId);
    await this.sessions.revokeRefreshTokens(tx, userId);
    await this.sessions.supersedeOpenLinks(tx, userId);
  }

  /** A role revoked: older tokens are refused, so the client refreshes and gets one with the current roles. */
  async rolesRevoked(tx: Tx, userId: string): Promise<void> {
    await this.bump(tx, userId);
  }

  /** Erasure (the erase itself deletes the refresh tokens and reset links): tokens refused, email changes gone. */
  async accountErased(tx: Tx, userId: string): Promise<void> {
    await this.bump(tx, userId);
    await this.sessions.forgetEmailChanges(tx, userId);
  }

  /** A new session version; the gateways check this account's live streams again when it commits (they close). */
  private async bump(tx: Tx, userId: string): Promise<void> {
    await this.sessions.bump(tx, userId);
    await signalLive(tx, [{ kind: 'ACCOUNT', id: userId, to: [userId] }]);
  }

  /** ADMIN: the account can no longer sign in or use any session until reinstated. */
  async suspend(ctx: SubgraphContext, userId: string): Promise<UserResult> {
    const principal = requireRole(ctx, 'ADMIN');
    if (userId === principal.userId)
      return userResult(null, [fieldError('userId', 'SELF', 'You cannot suspend your own account.')]);
    return this.setSuspended(ctx, userId, true);
  }

  /** ADMIN: lifts a suspension (the person signs in again; their earlier sessions stay ended). */
  async reinstate(ctx: SubgraphContext, userId: string): Promise<UserResult> {
    requireRole(ctx, 'ADMIN');
    return this.setSuspended(ctx, userId, false);
  }

  private async setSuspended(ctx: SubgraphContext, userId: string, suspended: boolean): Promise<UserResult> {
    const found = isUuid(userId)
      ? await this.db.transaction(async (tx) => {
          const row = await this.sessions.setSuspended(tx, userId, suspended);
          if (row && suspended) await this.endAll(tx, userId);
          if (row)
            await this.events.publish(tx, 'UserSuspensionChanged', {
              userId,
              suspended,
              changedBy: ctx.principal!.userId,
              changedAt: new Date().toISOString(),
            });
          return row;
        })
      : null;
    if (!found) throw NotFound('User');
    ctx.log.info({ userId, by: ctx.principal?.userId }, suspended ? 'account suspended' : 'account reinstated');
    const user = await this.users.findById(userId);
    return userResult(user ? toUser(user) : null);
  }
}
