import { randomBytes, randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { SELF_SERVICE_ROLES, type Principal, type Role } from '@tandem/contracts';
import {
  AppError,
  fieldError,
  type EventBus,
  type FieldError,
  type SubgraphContext,
  type Transact,
} from '@tandem/subgraph-kit';
import type { Logger } from 'pino';
import type { UserRecord } from '../users/user.entity';
import type { UserRepository } from '../users/user.repository';
import { toUser } from '../users/user.type';
import type { AuthRepository } from './auth.repository';
import { authResult, AuthSession, type AuthResult, type RegisterInput } from './auth.types';
import { throttleDecision, type ThrottleRule } from './login-throttle';
import { passwordHasher } from './password-hasher';
import { validateDisplayName, validateEmail, validatePassword } from './password-policy';
import { hashRefreshToken, newRefreshToken, type TokenSigner } from './token-signer';

export interface AuthSettings {
  account: ThrottleRule;
  address: ThrottleRule;
  refreshTokenTtlDays: number;
}

const INVALID_CREDENTIALS = () =>
  fieldError('credentials', 'INVALID_CREDENTIALS', 'The email or password is incorrect.');
const INVALID_REFRESH = () =>
  fieldError('refreshToken', 'INVALID_REFRESH_TOKEN', 'This session has ended; sign in again.');
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const principalOf = (u: Pick<UserRecord, 'id' | 'roles' | 'organizationId'>): Principal => ({
  userId: u.id,
  roles: u.roles,
  organizationId: u.organizationId,
});

/** Accounts and sessions: registration, login with throttling, refresh-token rotation with reuse detection, logout, the bootstrap admin. */
export class AuthService {
  constructor(
    private readonly users: UserRepository,
    private readonly auth: AuthRepository,
    private readonly signer: TokenSigner,
    private readonly transact: Transact,
    private readonly events: EventBus,
    private readonly settings: AuthSettings,
    private readonly log: Logger,
  ) {}

  async register(ctx: SubgraphContext, input: RegisterInput): Promise<AuthResult> {
    // anonymous callers may register; a signed-in caller registering another account is allowed too
    const email = input.email.trim();
    const displayName = input.displayName.trim();
    const errors: FieldError[] = [
      ...validateEmail(email, 'input.email'),
      ...validatePassword(input.password, { email, displayName }, 'input.password'),
      ...validateDisplayName(displayName, 'input.displayName'),
    ];
    const roles = [...new Set(input.roles)];
    if (roles.length === 0) errors.push(fieldError('input.roles', 'REQUIRED', 'Choose MENTEE, MENTOR or both.'));
    if (roles.some((r) => !SELF_SERVICE_ROLES.includes(r))) {
      errors.push(
        fieldError(
          'input.roles',
          'NOT_SELF_SERVICE',
          'Only MENTEE and MENTOR can be chosen; staff roles are granted by an admin.',
        ),
      );
    }
    const organizationId = input.organizationId ?? null;
    // any value given names an organisation, the empty string too: it must be one that exists
    if (
      organizationId !== null &&
      (!UUID.test(organizationId) || !(await this.users.hasOrganization(organizationId)))
    ) {
      errors.push(fieldError('input.organizationId', 'UNKNOWN_ORGANIZATION', 'There is no such organisation.'));
    }
    if (errors.length) return authResult(errors);

    const passwordHash = await passwordHasher.hash(input.password);
    const id = randomUUID();
    const outcome = await this.transact(async (manager) => {
      const inserted = await this.users.insert(manager, {
        id,
        email,
        displayName,
        roles,
        organizationId,
        passwordHash,
      });
      if (!inserted) return null;
      const now = new Date().toISOString();
      await this.events.publish(manager, 'UserRegistered', {
        userId: id,
        displayName,
        roles,
        organizationId,
        registeredAt: now,
      });
      await this.events.publish(manager, 'UserContactChanged', {
        userId: id,
        displayName,
        email,
        phone: null,
        changedAt: now,
      });
      const user = (await this.users.findById(id, manager))!;
      return this.startSession(manager, user, randomUUID());
    });
    if (!outcome)
      return authResult([
        fieldError('input.email', 'TAKEN', 'An account with this email already exists; sign in instead.'),
      ]);
    ctx.log.info({ userId: id }, 'user registered');
    return this.signedIn(ctx, outcome);
  }

  async login(ctx: SubgraphContext, rawEmail: string, password: string): Promise<AuthResult> {
    const email = rawEmail.trim().toLowerCase();
    await this.enforceThrottle(email, ctx.clientIp);
    const credentials = email ? await this.users.findCredentials(email) : null;
    const valid = await this.checkPassword(ctx, email, credentials?.passwordHash ?? null, password);
    if (!credentials || !valid) return authResult([INVALID_CREDENTIALS()]);
    const session = await this.transact(async (manager) => {
      const user = (await this.users.findById(credentials.id, manager))!;
      return this.startSession(manager, user, randomUUID());
    });
    return this.signedIn(ctx, session);
  }

  /** Exchanges a refresh token for a new pair; a token presented twice revokes its whole family. */
  async refresh(ctx: SubgraphContext, refreshToken: string): Promise<AuthResult> {
    const tokenHash = hashRefreshToken(refreshToken);
    const outcome = await this.transact(async (manager) => {
      const row = await this.auth.findRefreshToken(manager, tokenHash);
      if (!row || row.revokedAt || row.expiresAt.getTime() <= Date.now()) return { kind: 'invalid' as const };
      if (row.usedAt || !(await this.auth.markUsed(manager, row.id))) {
        // a stolen copy or a replay: end every session of this family
        await this.auth.revokeFamily(manager, row.familyId);
        return { kind: 'reused' as const, userId: row.userId };
      }
      const user = await this.users.findById(row.userId, manager);
      if (!user) return { kind: 'invalid' as const };
      return { kind: 'ok' as const, session: await this.startSession(manager, user, row.familyId) };
    });
    if (outcome.kind === 'reused')
      this.log.warn({ userId: outcome.userId }, 'refresh token reused: session family revoked');
    return outcome.kind === 'ok' ? this.signedIn(ctx, outcome.session) : authResult([INVALID_REFRESH()]);
  }

  /** Ends the session the refresh token belongs to (idempotent; unknown tokens are ignored). */
  async logout(_ctx: SubgraphContext, refreshToken: string): Promise<boolean> {
    await this.transact(async (manager) => {
      const row = await this.auth.findRefreshToken(manager, hashRefreshToken(refreshToken));
      if (row) await this.auth.revokeFamily(manager, row.familyId);
    });
    return true;
  }

  /**
   * Checks a password of the account with this (lower-cased) email under the login throttle, so that every
   * place a password is typed (login, changePassword) counts toward the same limits: RATE_LIMITED when the
   * account or the address is locked; otherwise the attempt is recorded with its outcome.
   */
  async verifyPassword(
    ctx: SubgraphContext,
    email: string,
    passwordHash: string | null,
    password: string,
  ): Promise<boolean> {
    await this.enforceThrottle(email, ctx.clientIp);
    return this.checkPassword(ctx, email, passwordHash, password);
  }

  /** Ends every session of a person (their access tokens expire within 15 minutes). */
  revokeAllSessions(manager: EntityManager, userId: string): Promise<void> {
    return this.auth.revokeAllOfUser(manager, userId);
  }

  /** Housekeeping (daily job). */
  prune(): Promise<void> {
    return this.auth.prune();
  }

  /**
   * The first admin, from the environment. Without ADMIN_PASSWORD: when no ADMIN exists, one is created with a
   * generated password, logged once at warn level. With ADMIN_PASSWORD (the operator chose it): the account with
   * ADMIN_EMAIL is made to exist as an ADMIN even if other admins exist. An existing non-admin account with that
   * email is promoted only after its password is replaced and its sessions revoked (whoever registered it
   * loses access).
   */
  async bootstrapAdmin(email: string, password: string | undefined): Promise<void> {
    const generated = password ? null : randomBytes(12).toString('base64url');
    const passwordHash = await passwordHasher.hash(password ?? generated!);
    const outcome = await this.transact(async (manager) => {
      await manager.query(`SELECT pg_advisory_xact_lock(hashtext('tandem-identity-bootstrap-admin'))`);
      const [existing] = await manager.query(
        `SELECT id, roles, organization_id AS "organizationId" FROM "user" WHERE lower(email) = lower($1)`,
        [email],
      );
      if (existing?.roles.includes('ADMIN')) return null;
      if (!password && (await this.users.anyAdmin(manager))) return null;
      const now = new Date().toISOString();
      if (!existing) {
        const id = randomUUID();
        await this.users.insert(manager, {
          id,
          email,
          displayName: 'Administrator',
          roles: ['ADMIN'],
          organizationId: null,
          passwordHash,
        });
        await this.events.publish(manager, 'UserRegistered', {
          userId: id,
          displayName: 'Administrator',
          roles: ['ADMIN'],
          organizationId: null,
          registeredAt: now,
        });
        await this.events.publish(manager, 'UserContactChanged', {
          userId: id,
          displayName: 'Administrator',
          email,
          phone: null,
          changedAt: now,
        });
        return 'created';
      }
      const roles: Role[] = [...new Set<Role>([...existing.roles, 'ADMIN'])];
      await this.users.setRoles(manager, existing.id, roles, existing.organizationId);
      await this.users.setPasswordHash(manager, existing.id, passwordHash);
      await this.auth.revokeAllOfUser(manager, existing.id);
      await this.events.publish(manager, 'UserRolesChanged', {
        userId: existing.id,
        roles,
        organizationId: existing.organizationId,
        changedBy: existing.id,
        changedAt: now,
      });
      return 'promoted';
    });
    if (!outcome) return;
    if (generated) {
      this.log.warn(
        { email },
        `bootstrap admin ${email} ${outcome} with generated password: ${generated} (shown once; set ADMIN_PASSWORD to choose it)`,
      );
    } else {
      this.log.warn({ email }, `bootstrap admin ${email} ${outcome} from ADMIN_PASSWORD`);
    }
  }

  private async enforceThrottle(email: string, clientIp: string | null): Promise<void> {
    const { account, address } = this.settings;
    const now = await this.auth.now();
    const decisions = [
      throttleDecision(await this.auth.accountFailures(email, account.windowSeconds, account.limit), now, account),
    ];
    if (clientIp)
      decisions.push(
        throttleDecision(await this.auth.addressFailures(clientIp, address.windowSeconds, address.limit), now, address),
      );
    const locked = decisions.filter((d) => d.locked);
    if (locked.length) {
      const retryAfterSeconds = Math.max(...locked.map((d) => d.retryAfterSeconds));
      throw new AppError(
        'RATE_LIMITED',
        `Too many failed sign-in attempts; try again in ${Math.ceil(retryAfterSeconds / 60)} minute(s).`,
        { retryAfterSeconds },
      );
    }
  }

  private async checkPassword(
    ctx: SubgraphContext,
    email: string,
    passwordHash: string | null,
    password: string,
  ): Promise<boolean> {
    const valid = await passwordHasher.verify(passwordHash, password);
    await this.auth.recordAttempt(email, ctx.clientIp, valid);
    return valid;
  }

  /** The rest of this response (the session's user) is read as the person who just signed in. */
  private signedIn(ctx: SubgraphContext, session: AuthSession): AuthResult {
    ctx.principal = principalOf(session.user.record);
    return authResult([], session);
  }

  /** A new access token and a refresh token in `familyId` (a new family for a new sign-in). */
  async startSession(manager: EntityManager, user: UserRecord, familyId: string): Promise<AuthSession> {
    const { token, expiresAt } = await this.signer.accessToken(principalOf(user));
    const refreshToken = newRefreshToken();
    const refreshTokenExpiresAt = new Date(Date.now() + this.settings.refreshTokenTtlDays * 86_400_000);
    await this.auth.insertRefreshToken(manager, {
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
}
