import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { Principal } from '@tandem/contracts';
import { fieldError, type Database, type SubgraphContext, type Tx } from '@tandem/subgraph-kit';
import type { UserRepository, UserRow } from '../users/user.repository';
import { toUser } from '../users/user.type';
import { authResult, AuthSession, type AuthResult } from './auth.types';
import type { SessionStateService } from '../session-state/session-state.service';
import type { SessionRepository } from './session.repository';
import { hashRefreshToken, newRefreshToken, type TokenSigner } from './token-signer';

const INVALID_REFRESH = () =>
  fieldError('refreshToken', 'INVALID_REFRESH_TOKEN', 'This session has ended; sign in again.');

export const principalOf = (u: Pick<UserRow, 'id' | 'roles' | 'organizationId'>): Principal => ({
  userId: u.id,
  roles: u.roles,
  organizationId: u.organizationId,
});

/**
 * Sessions: a short-lived access token and a rotating refresh token per sign-in (a family), rotation with reuse
 * detection, logout, and ending every session of a person. Whatever ends or changes an account's sessions goes
 * through here.
 */
export class SessionService {
  constructor(
    private readonly sessions: SessionRepository,
    private readonly users: UserRepository,
    private readonly signer: TokenSigner,
    private readonly db: Database,
    private readonly settings: { refreshTokenTtlDays: number },
    private readonly log: Logger,
    private readonly states: SessionStateService,
  ) {}

  /** A new access token and a refresh token in `familyId` (a new family for a new sign-in). */
  async start(tx: Tx, user: UserRow, familyId: string = randomUUID()): Promise<AuthSession> {
    // the account's current session version, read in this transaction (a suspended or erased account gets none)
    const sessionVersion = await this.states.issuingVersion(tx, user.id);
    const { token, expiresAt } = await this.signer.accessToken(principalOf(user), undefined, sessionVersion);
    const refreshToken = newRefreshToken();
    const refreshTokenExpiresAt = new Date(Date.now() + this.settings.refreshTokenTtlDays * 86_400_000);
    await this.sessions.insertRefreshToken(tx, {
      id: randomUUID(),
      familyId,
      userId: user.id,
      tokenHash: hashRefreshToken(refreshToken),
      expiresAt: refreshTokenExpiresAt,
    });
    return Object.assign(new AuthSession(), {
      accessToken: token,
      accessTokenExpiresAt: expiresAt,
      refreshToken,
      refreshTokenExpiresAt,
      user: toUser(user),
    });
  }

  /** Exchanges a refresh token for a new pair; a token presented twice revokes its whole family. */
  async refresh(ctx: SubgraphContext, refreshToken: string): Promise<AuthResult> {
    const tokenHash = hashRefreshToken(refreshToken);
    const outcome = await this.db.transaction(async (tx) => {
      const row = await this.sessions.findRefreshToken(tx, tokenHash);
      if (!row || row.revokedAt || new Date(row.expiresAt).getTime() <= Date.now()) return { kind: 'invalid' as const };
      if (row.usedAt || !(await this.sessions.markUsed(tx, row.id))) {
        // a stolen copy or a replay: end every session of this family
        await this.sessions.revokeFamily(tx, row.familyId);
        return { kind: 'reused' as const, userId: row.userId };
      }
      const user = await this.users.findById(row.userId, tx);
      if (!user) return { kind: 'invalid' as const };
      return { kind: 'ok' as const, session: await this.start(tx, user, row.familyId) };
    });
    if (outcome.kind === 'reused')
      this.log.warn({ userId: outcome.userId }, 'refresh token reused: session family revoked');
    return outcome.kind === 'ok' ? this.signedIn(ctx, outcome.session) : authResult([INVALID_REFRESH()]);
  }

  /** Ends the session the refresh token belongs to (idempotent; unknown tokens are ignored). */
  async logout(_ctx: SubgraphContext, refreshToken: string): Promise<boolean> {
    await this.db.transaction(async (tx) => {
      const row = await this.sessions.findRefreshToken(tx, hashRefreshToken(refreshToken));
      if (row) await this.sessions.revokeFamily(tx, row.familyId);
    });
    return true;
  }

  /**
   * Ends every session of a person: their access tokens are refused from their next request (the session
   * version moves on), refresh tokens are revoked, and links sent before (email changes, password resets) die.
   */
  revokeAll(tx: Tx, userId: string): Promise<void> {
    return this.states.endAll(tx, userId);
  }

  /** Housekeeping (daily job). */
  prune(): Promise<void> {
    return this.sessions.prune();
  }

  /** The rest of this response (the session's user) is read as the person who just signed in. */
  signedIn(ctx: SubgraphContext, session: AuthSession): AuthResult {
    ctx.principal = principalOf(session.user.record);
    return authResult([], session);
  }
}
