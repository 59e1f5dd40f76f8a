import { createHash, randomUUID } from 'node:crypto';
import {
  fieldError,
  type Database,
  type EventBus,
  type FieldError,
  type Logger,
  type SubgraphContext,
  type Tx,
} from '@tandem/subgraph-kit';
import type { Role } from '@tandem/contracts';
import { authResult, type AuthResult } from '../auth/auth.types';
import { validateDisplayName } from '../auth/password-policy';
import type { SessionService } from '../auth/session.service';
import type { SecretBox } from '../second-factor/second-factor.crypto';
import type { SecondFactorService } from '../second-factor/second-factor.service';
import type { SessionStateService } from '../session-state/session-state.service';
import type { UserRepository, UserRow } from '../users/user.repository';
import type { UserService } from '../users/user.service';
import { isProviderRefusal, ProviderUnavailable, type OidcProviders, type ProviderSettings } from './oidc-provider';
import type { SingleSignOnRepository, SingleSignOnRow } from './single-sign-on.repository';
import {
  displayNameFrom,
  emailDomain,
  groupsClaimOf,
  inDomains,
  rolesForGroups,
  signsInWith,
  syncRoles,
} from './single-sign-on.rules';
import { StartOrganizationSignInResult } from './single-sign-on.type';

/** How long the provider's answer may take to come back (the person signs in there meanwhile). */
export const ATTEMPT_TTL_SECONDS = 10 * 60;

const hashState = (state: string) => createHash('sha256').update(state, 'utf8').digest('hex');

const refused = (field: string, code: string, message: string) => authResult([fieldError(field, code, message)]);
const EXPIRED = () =>
  refused('callbackUrl', 'SIGN_IN_EXPIRED', 'This sign-in has expired or was already used; sign in again.');
const UNAVAILABLE_MESSAGE = 'Your organisation’s sign-in service cannot be reached; try again shortly.';
const NO_ROLE = () =>
  refused(
    'callbackUrl',
    'NO_ROLE',
    'None of your groups gives you a role in Tandem; ask your organisation’s administrator.',
  );

/**
 * Signing in with one's organisation (OpenID Connect): the attempt (the organisation found by the email's
 * domain; state, nonce and PKCE verifier kept here, 10 minutes, single use), the provider's answer (code
 * exchanged, ID token verified), and the account it signs into: the one with the verified email, or a staff
 * account created then with the roles the person's groups map to. An account of the organisation follows its
 * groups at every sign-in (single-sign-on.rules syncRoles), through the same path as an ADMIN's role change.
 * The groups are read from the claim the organisation names (`groups` by default) in the ID token, else in the
 * provider's userinfo answer. It counts as the organisation's strong authentication: no second factor is asked
 * after it.
 */
export class OrganizationSignInService {
  constructor(
    private readonly repo: SingleSignOnRepository,
    private readonly users: UserRepository,
    private readonly secondFactor: SecondFactorService,
    private readonly sessions: SessionService,
    private readonly roles: UserService,
    private readonly states: SessionStateService,
    private readonly providers: OidcProviders,
    private readonly box: SecretBox | null,
    private readonly db: Database,
    private readonly events: EventBus,
    private readonly log: Logger,
    private readonly settings: { redirectUri: string },
  ) {}

  /** Starts a sign-in for this email (anyone may: it is how one signs in): where to send the browser. */
  async start(_ctx: SubgraphContext, rawEmail: string): Promise<StartOrganizationSignInResult> {
    const result = (errors: FieldError[], url: string | null = null, state: string | null = null) =>
      Object.assign(new StartOrganizationSignInResult(), { errors, authorizationUrl: url, state });
    const email = rawEmail.trim().toLowerCase();
    const domain = emailDomain(email);
    if (!domain) return result([fieldError('email', 'INVALID_EMAIL', 'Enter your work email address.')]);
    const sso = await this.repo.ofDomain(domain);
    if (!sso)
      return result([
        fieldError(
          'email',
          'NO_ORGANIZATION_SIGN_IN',
          'No organisation signs in people of this address’s domain: sign in with your password.',
        ),
      ]);
    let attempt: Awaited<ReturnType<OidcProviders['authorization']>>;
    try {
      attempt = await this.providers.authorization(this.providerOf(sso), this.settings.redirectUri, email);
    } catch (error) {
      if (!(error instanceof ProviderUnavailable)) throw error;
      this.log.warn({ organizationId: sso.organizationId, reason: error.message }, 'identity provider unreachable');
      return result([fieldError('email', 'PROVIDER_UNAVAILABLE', UNAVAILABLE_MESSAGE)]);
    }
    await this.db.transaction((tx) =>
      this.repo.insertAttempt(tx, {
        id: randomUUID(),
        stateHash: hashState(attempt.state),
        organizationId: sso.organizationId,
        nonce: attempt.nonce,
        codeVerifier: attempt.codeVerifier,
        ttlSeconds: ATTEMPT_TTL_SECONDS,
      }),
    );
    return result([], attempt.url, attempt.state);
  }

  /**
   * Completes a sign-in with the URL the provider sent the browser back to: the attempt of its state (used up
   * here), the code exchanged with the attempt's PKCE verifier, the ID token verified (signature against the
   * provider's JWKS, iss, aud, exp, the attempt's nonce); then the account of its verified email.
   */
  async complete(ctx: SubgraphContext, callbackUrl: string): Promise<AuthResult> {
    const url = URL.canParse(callbackUrl) ? new URL(callbackUrl) : null;
    const expected = new URL(this.settings.redirectUri);
    if (!url || url.origin !== expected.origin || url.pathname !== expected.pathname)
      return refused('callbackUrl', 'INVALID_CALLBACK', 'This is not the address Tandem’s sign-in comes back to.');
    const state = url.searchParams.get('state');
    const attempt = state ? await this.db.transaction((tx) => this.repo.takeAttempt(tx, hashState(state))) : null;
    const sso = attempt && (await this.repo.ofOrganization(attempt.organizationId));
    if (!state || !attempt || !sso) return EXPIRED();

    let answer: Awaited<ReturnType<OidcProviders['exchange']>>;
    try {
      answer = await this.providers.exchange(this.providerOf(sso), url, {
        state,
        nonce: attempt.nonce,
        codeVerifier: attempt.codeVerifier,
      });
    } catch (error) {
      return this.answerRefused(sso, error);
    }
    const claims = answer.claims;

    const email = typeof claims.email === 'string' ? claims.email.trim().toLowerCase() : '';
    if (!email || claims.email_verified !== true)
      return refused(
        'callbackUrl',
        'EMAIL_NOT_VERIFIED',
        'Your organisation’s sign-in did not confirm your email address; ask its administrator.',
      );
    if (!inDomains(email, sso.emailDomains))
      return refused(
        'callbackUrl',
        'EMAIL_OUTSIDE_DOMAINS',
        'Your email address is not one of those your organisation signs in to Tandem.',
      );

    // an account outside the organisation (a participant who registered, staff of another) keeps its roles
    const existing = await this.users.findCredentials(email);
    let user: UserRow | null;
    if (existing && existing.organizationId !== sso.organizationId) user = await this.users.findById(existing.id);
    else {
      let groups: string[];
      try {
        groups = await this.groupsOf(sso, claims, answer.userInfo);
      } catch (error) {
        return this.answerRefused(sso, error);
      }
      user = existing
        ? await this.followGroups(ctx, sso, existing.id, groups)
        : await this.createAccount(sso, email, claims, groups);
    }
    if (!user) return NO_ROLE();
    const session = await this.db.transaction((tx) => this.secondFactor.providerSignIn(ctx, tx, user));
    ctx.log.info({ userId: user.id, organizationId: sso.organizationId }, 'signed in with the organisation’s provider');
    return this.sessions.signedIn(ctx, session);
  }

  /** Housekeeping (daily job). */
  prune(): Promise<void> {
    return this.repo.prune();
  }

  /** Why the provider's answer (the code exchange, or its userinfo answer) is refused. */
  private answerRefused(sso: SingleSignOnRow, error: unknown): AuthResult {
    if (error instanceof ProviderUnavailable)
      return refused('callbackUrl', 'PROVIDER_UNAVAILABLE', UNAVAILABLE_MESSAGE);
    if (isProviderRefusal(error))
      return refused('callbackUrl', 'SIGN_IN_DENIED', 'Your organisation’s sign-in did not let you in.');
    // a forged or altered answer, a replayed code, a wrong nonce, a userinfo answer about someone else: never
    // more than this line says
    this.log.warn(
      { organizationId: sso.organizationId, kind: (error as Error)?.name, reason: (error as Error)?.message },
      'OIDC answer refused',
    );
    return refused(
      'callbackUrl',
      'SIGN_IN_NOT_VERIFIED',
      'The answer of your organisation’s sign-in could not be verified; sign in again.',
    );
  }

  /**
   * The person's groups: the organisation's groups claim of the ID token, else of the provider's userinfo
   * answer (asked only then; its `sub` must be the ID token's, else it throws), else none.
   */
  private async groupsOf(
    sso: SingleSignOnRow,
    claims: Record<string, unknown>,
    userInfo: () => Promise<Record<string, unknown>>,
  ): Promise<string[]> {
    return groupsClaimOf(claims, sso.groupsClaim) ?? groupsClaimOf(await userInfo(), sso.groupsClaim) ?? [];
  }

  /**
   * An account of the organisation follows its groups (syncRoles): the change, if any, goes through the path of
   * an ADMIN's role change (UserRolesChanged via SSO, older tokens refused when a role is taken away). An
   * account left with no role that signs in is refused (null), and every session it had ends.
   */
  private async followGroups(
    ctx: SubgraphContext,
    sso: SingleSignOnRow,
    userId: string,
    groups: string[],
  ): Promise<UserRow | null> {
    const outcome = await this.db.transaction(async (tx) => {
      const current = await this.users.lockRoles(tx, userId);
      if (!current) return null;
      const change = syncRoles(current.roles, sso.roleMappings, groups);
      if (change.granted.length || change.removed.length)
        await this.roles.setRoles(tx, current, {
          roles: change.roles,
          organizationId: current.organizationId,
          // the staff audit log names the ADMIN who set the mappings (the person, when that admin is gone)
          changedBy: sso.updatedBy ?? current.id,
          via: 'SSO',
        });
      const allowed = signsInWith(change.roles);
      if (!allowed && change.removed.length) await this.states.endAll(tx, current.id);
      return { ...change, allowed };
    });
    if (!outcome) return null;
    if (outcome.granted.length || outcome.removed.length)
      ctx.log.info(
        { userId, organizationId: sso.organizationId, granted: outcome.granted, removed: outcome.removed },
        'roles follow the organisation’s groups',
      );
    return outcome.allowed ? this.users.findById(userId) : null;
  }

  /**
   * A staff account of the organisation created now with the roles its groups map to (null when none does).
   */
  private async createAccount(
    sso: SingleSignOnRow,
    email: string,
    claims: Record<string, unknown>,
    groups: string[],
  ): Promise<UserRow | null> {
    const roles = rolesForGroups(sso.roleMappings, groups);
    if (roles.length === 0) return null;
    const named = displayNameFrom(claims, email);
    const displayName = validateDisplayName(named).length === 0 ? named : email.slice(0, email.indexOf('@'));
    const id = randomUUID();
    const created = await this.db.transaction(async (tx) => {
      const inserted = await this.users.insert(tx, {
        id,
        email,
        displayName,
        roles,
        organizationId: sso.organizationId,
        passwordHash: null,
      });
      if (inserted) await this.publishCreated(tx, { id, email, displayName, roles, sso });
      return inserted;
    });
    if (created)
      this.log.info({ userId: id, organizationId: sso.organizationId, roles }, 'account created at first sign-in');
    // created now, or by a sign-in of the same person a moment before
    const row = await this.users.findCredentials(email);
    return row ? this.users.findById(row.id) : null;
  }

  private async publishCreated(
    tx: Tx,
    a: { id: string; email: string; displayName: string; roles: Role[]; sso: SingleSignOnRow },
  ): Promise<void> {
    const now = new Date().toISOString();
    const organizationId = a.sso.organizationId;
    await this.events.publish(tx, 'UserRegistered', {
      userId: a.id,
      displayName: a.displayName,
      roles: a.roles,
      organizationId,
      registeredAt: now,
    });
    await this.events.publish(tx, 'UserContactChanged', {
      userId: a.id,
      displayName: a.displayName,
      email: a.email,
      phone: null,
      changedAt: now,
    });
    // the staff audit log names who granted the roles: the ADMIN who set the mapping
    await this.events.publish(tx, 'UserRolesChanged', {
      userId: a.id,
      roles: a.roles,
      organizationId,
      changedBy: a.sso.updatedBy ?? a.id,
      changedAt: now,
      via: 'SSO',
    });
  }

  private providerOf(sso: SingleSignOnRow): ProviderSettings {
    if (!this.box) throw new ProviderUnavailable('no key to open the client secret');
    return { issuer: sso.issuer, clientId: sso.clientId, clientSecret: this.box.open(sso.clientSecretSealed) };
  }
}
