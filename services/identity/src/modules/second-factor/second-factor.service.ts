import { randomUUID } from 'node:crypto';
import {
  AppError,
  fieldError,
  hasRole,
  NotFound,
  Refusal,
  refuse,
  requirePrincipal,
  requireRole,
  requireUuid,
  rowLoader,
  type Database,
  type EventBus,
  type FieldError,
  type SubgraphContext,
  type Tx,
} from '@tandem/subgraph-kit';
import {
  authResult,
  challengeResult,
  SecondFactorChallenge,
  SecondFactorChallengeKind,
  type AuthResult,
  type AuthSession,
} from '../auth/auth.types';
import type { LoginGuard } from '../auth/login-guard';
import type { SessionService } from '../auth/session.service';
import type { OrganizationService } from '../organizations/organization.service';
import { organizationResult, type OrganizationResult } from '../organizations/organization.type';
import type { UserRepository, UserRow } from '../users/user.repository';
import { toUser, type User } from '../users/user.type';
import {
  hashChallengeToken,
  hashRecoveryCode,
  matchTotp,
  newChallengeToken,
  newRecoveryCode,
  newTotpSecret,
  RECOVERY_CODE_COUNT,
  totpUri,
  type SecretBox,
} from './second-factor.crypto';
import type { ChallengePurpose, ChallengeRow, SecondFactorRepository } from './second-factor.repository';
import { codeKind, isStaff, secondFactorRequired } from './second-factor.rules';
import {
  ConfirmSecondFactorEnrolmentResult,
  RecoveryCodesResult,
  SecondFactorChangeResult,
  SecondFactorEnrolment,
  SecondFactorStatus,
  StartSecondFactorEnrolmentResult,
} from './second-factor.type';

/** A sign-in challenge works this long. */
export const CHALLENGE_TTL_SECONDS = 5 * 60;

type Method = 'TOTP' | 'RECOVERY_CODE';

const CHALLENGE_INVALID = () =>
  refuse('challenge', 'CHALLENGE_INVALID', 'This sign-in has expired or was already completed; sign in again.');
const INVALID_CODE = () => refuse('code', 'INVALID_CODE', 'This code is not right (or was already used).');
const NOT_ENROLLED = (field = 'code') =>
  refuse(field, 'SECOND_FACTOR_NOT_ENROLLED', 'There is no second factor set up for this account.');

/** A refusal as a verdict of the login throttle: a wrong code counts as a failed sign-in, other refusals not. */
const verdictOf =
  (succeeded: 'SUCCEEDED' | 'NEITHER') =>
  (r: { errors: FieldError[] }): 'SUCCEEDED' | 'FAILED' | 'NEITHER' =>
    r.errors.some((e) => e.code === 'INVALID_CODE') ? 'FAILED' : r.errors.length ? 'NEITHER' : succeeded;

async function refusalsAsErrors<T extends object>(work: () => Promise<T>): Promise<T | { errors: FieldError[] }> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof Refusal) return { errors: error.errors };
    throw error;
  }
}

/**
 * The staff second factor (TOTP with recovery codes): who must have one, the second step of a sign-in
 * (challenge, code), enrolment, renewal and removal, an ADMIN's reset, and the organisation setting that
 * requires it of coaches. Every staff sign-in and every change of a factor is published as an event.
 */
export class SecondFactorService {
  constructor(
    private readonly repo: SecondFactorRepository,
    private readonly users: UserRepository,
    private readonly sessions: SessionService,
    private readonly organizations: OrganizationService,
    private readonly guard: LoginGuard,
    private readonly box: SecretBox | null,
    private readonly db: Database,
    private readonly events: EventBus,
  ) {}

  /** What the sign-in of this account needs after its password: a code, an enrolment, or nothing more. */
  async secondStepOf(user: Pick<UserRow, 'id' | 'roles' | 'organizationId'>): Promise<'CODE' | 'ENROL' | null> {
    const factor = await this.repo.factor(user.id);
    if (factor?.confirmedAt) return 'CODE';
    if (!isStaff(user.roles)) return null;
    const required = secondFactorRequired(
      user.roles,
      await this.repo.organisationRequiresForCoaches(user.organizationId),
    );
    return required ? 'ENROL' : null;
  }

  /** After a right password: a session, or a challenge for the second step (`step` from secondStepOf). */
  async signIn(ctx: SubgraphContext, userId: string, step: 'CODE' | 'ENROL' | null): Promise<AuthResult> {
    if (step === null) {
      const session = await this.db.transaction(async (tx) =>
        this.startSession(ctx, tx, (await this.users.findById(userId, tx))!, null),
      );
      return this.sessions.signedIn(ctx, session);
    }
    const token = newChallengeToken();
    const purpose: ChallengePurpose = step === 'CODE' ? 'SIGN_IN' : 'ENROL';
    const expiresAt = await this.db.transaction((tx) =>
      this.repo.insertChallenge(tx, {
        id: randomUUID(),
        userId,
        purpose,
        tokenHash: hashChallengeToken(token),
        ttlSeconds: CHALLENGE_TTL_SECONDS,
      }),
    );
    return challengeResult(
      Object.assign(new SecondFactorChallenge(), {
        token,
        kind: step === 'CODE' ? SecondFactorChallengeKind.CODE : SecondFactorChallengeKind.ENROL,
        expiresAt,
      }),
    );
  }

  /** The second step: a TOTP code or a recovery code for a SIGN_IN challenge; wrong codes count as failed sign-ins. */
  async completeSignIn(ctx: SubgraphContext, token: string, code: string): Promise<AuthResult> {
    const challenge = await this.openChallenge(token, 'SIGN_IN');
    const user = challenge && (await this.users.findById(challenge.userId));
    if (!challenge || !user) return authResult(CHALLENGE_INVALID().errors);
    const outcome = await this.guard.attempt(
      ctx,
      user.email.toLowerCase(),
      () =>
        refusalsAsErrors(() =>
          this.db.transaction(async (tx) => {
            if (!(await this.repo.useChallenge(tx, challenge.id))) throw CHALLENGE_INVALID();
            const method = await this.checkCode(tx, user.id, code, true);
            return { errors: [] as FieldError[], session: await this.startSession(ctx, tx, user, method) };
          }),
        ),
      verdictOf('SUCCEEDED'),
    );
    return 'session' in outcome ? this.sessions.signedIn(ctx, outcome.session) : authResult(outcome.errors);
  }

  /**
   * A new TOTP secret for the caller (signed-in staff) or the account of an ENROL challenge; not in use until
   * confirmed with a first code. Starting again replaces an unconfirmed secret; a confirmed factor is refused.
   */
  async startEnrolment(ctx: SubgraphContext, token: string | null): Promise<StartSecondFactorEnrolmentResult> {
    const result = await refusalsAsErrors(async () => {
      const user = await this.enrollee(ctx, token);
      const secret = newTotpSecret();
      const started = await this.db.transaction((tx) =>
        this.repo.startEnrolment(tx, user.id, this.secrets().seal(secret)),
      );
      if (!started) throw refuse('secondFactor', 'ALREADY_ENROLLED', 'A second factor is already set up.');
      const enrolment = Object.assign(new SecondFactorEnrolment(), { secret, otpauthUri: totpUri(secret, user.email) });
      return { enrolment, errors: [] as FieldError[] };
    });
    return payload(StartSecondFactorEnrolmentResult, { enrolment: null, ...result });
  }

  /**
   * Confirms an enrolment with a first code: the factor is in use, 10 recovery codes are issued (shown once),
   * and with an ENROL challenge the sign-in completes. A wrong code counts as a failed sign-in.
   */
  async confirmEnrolment(
    ctx: SubgraphContext,
    token: string | null,
    code: string,
  ): Promise<ConfirmSecondFactorEnrolmentResult> {
    const result = await refusalsAsErrors(async () => {
      const user = await this.enrollee(ctx, token);
      const challenge = token ? await this.openChallenge(token, 'ENROL') : null;
      return this.guard.attempt(
        ctx,
        user.email.toLowerCase(),
        () =>
          refusalsAsErrors(() =>
            this.db.transaction(async (tx) => {
              if (challenge && !(await this.repo.useChallenge(tx, challenge.id))) throw CHALLENGE_INVALID();
              const factor = await this.repo.factorForUpdate(tx, user.id);
              if (!factor) throw NOT_ENROLLED('secondFactor');
              if (factor.confirmedAt)
                throw refuse('secondFactor', 'ALREADY_ENROLLED', 'A second factor is already set up.');
              const step = await matchTotp(this.secrets().open(factor.secretEncrypted), code.replace(/\s/g, ''), null);
              if (step === null) throw INVALID_CODE();
              await this.repo.confirm(tx, user.id, step);
              const recoveryCodes = await this.issueRecoveryCodes(tx, user.id);
              await this.changed(tx, user.id, 'ENROLLED', user.id);
              const session = challenge ? await this.startSession(ctx, tx, user, 'TOTP') : null;
              return { recoveryCodes, session, errors: [] as FieldError[] };
            }),
          ),
        verdictOf(challenge ? 'SUCCEEDED' : 'NEITHER'),
      );
    });
    if ('session' in result && result.session) this.sessions.signedIn(ctx, result.session);
    return payload(ConfirmSecondFactorEnrolmentResult, { recoveryCodes: null, session: null, ...result });
  }

  /** New recovery codes for the caller (the old ones stop working), with a current TOTP code. */
  async renewRecoveryCodes(ctx: SubgraphContext, code: string): Promise<RecoveryCodesResult> {
    const user = await this.caller(ctx);
    const result = await this.guard.attempt(
      ctx,
      user.email.toLowerCase(),
      () =>
        refusalsAsErrors(() =>
          this.db.transaction(async (tx) => {
            await this.checkCode(tx, user.id, code, false);
            const recoveryCodes = await this.issueRecoveryCodes(tx, user.id);
            await this.changed(tx, user.id, 'RECOVERY_CODES_RENEWED', user.id);
            return { recoveryCodes, errors: [] as FieldError[] };
          }),
        ),
      verdictOf('NEITHER'),
    );
    return payload(RecoveryCodesResult, { recoveryCodes: null, ...result });
  }

  /** Removes the caller's own factor: the password and a code (or a recovery code) are both needed. */
  async remove(ctx: SubgraphContext, password: string, code: string): Promise<SecondFactorChangeResult> {
    const user = await this.caller(ctx);
    const email = user.email.toLowerCase();
    const passwordHash = await this.users.passwordHash(user.id);
    if (!(await this.guard.verifyPassword(ctx, email, passwordHash, password, { recordSuccess: false })))
      return changeResult(null, [
        fieldError('password', 'INCORRECT_PASSWORD', 'Your current password is not correct.'),
      ]);
    const result = await this.guard.attempt(
      ctx,
      email,
      () =>
        refusalsAsErrors(() =>
          this.db.transaction(async (tx) => {
            await this.checkCode(tx, user.id, code, true);
            await this.repo.remove(tx, user.id);
            await this.changed(tx, user.id, 'REMOVED', user.id);
            return { errors: [] as FieldError[] };
          }),
        ),
      verdictOf('NEITHER'),
    );
    return changeResult(result.errors.length ? null : toUser(user), result.errors);
  }

  /** An ADMIN removes another person's factor (a lost phone): they set one up again at their next sign-in. */
  async reset(ctx: SubgraphContext, userId: string): Promise<SecondFactorChangeResult> {
    const principal = requireRole(ctx, 'ADMIN');
    requireUuid(userId, 'userId');
    const user = await this.users.findById(userId);
    if (!user) throw NotFound('User');
    if (user.id === principal.userId)
      return changeResult(null, [
        fieldError(
          'userId',
          'USE_REMOVE_SECOND_FACTOR',
          'Remove your own second factor with your password and a code.',
        ),
      ]);
    const removed = await this.db.transaction(async (tx) => {
      if (!(await this.repo.remove(tx, user.id))) return false;
      await this.changed(tx, user.id, 'REMOVED', principal.userId);
      return true;
    });
    if (!removed)
      return changeResult(null, [
        fieldError('userId', 'SECOND_FACTOR_NOT_ENROLLED', 'This person has no second factor set up.'),
      ]);
    ctx.log.info({ userId: user.id, by: principal.userId }, 'second factor reset by an admin');
    return changeResult(toUser(user), []);
  }

  /** Whether an organisation requires a second factor of its coaches (PROGRAMME_ADMIN, ADMIN). */
  async setCoachRequirement(
    ctx: SubgraphContext,
    organizationId: string,
    required: boolean,
  ): Promise<OrganizationResult> {
    requireRole(ctx, 'PROGRAMME_ADMIN', 'ADMIN');
    requireUuid(organizationId, 'organizationId');
    const changed = await this.db.transaction((tx) =>
      this.repo.setOrganisationRequiresForCoaches(tx, organizationId, required),
    );
    if (!changed) throw NotFound('Organization');
    const organization = await this.organizations.organization(ctx, organizationId);
    return organizationResult(organization, []);
  }

  /** An organisation's coach setting, batched per request (not personal data: anyone who sees the organisation). */
  async coachesRequire(ctx: SubgraphContext, organizationId: string): Promise<boolean> {
    const row = await rowLoader(
      ctx,
      'organizations:coachSecondFactor',
      (r: { id: string; required: boolean }) => r.id,
      (ids) => this.repo.organisationsRequiringForCoaches(ids),
    ).load(organizationId);
    return row?.required ?? false;
  }

  /** A person's factor as the person or an ADMIN sees it; null to anyone else. */
  async status(ctx: SubgraphContext, user: User): Promise<SecondFactorStatus | null> {
    const principal = ctx.principal;
    if (!principal || (principal.userId !== user.id && !hasRole(principal, 'ADMIN'))) return null;
    const [factor, left, orgRequires] = await Promise.all([
      this.repo.factor(user.id),
      this.repo.recoveryCodesLeft(user.id),
      this.repo.organisationRequiresForCoaches(user.record.organizationId),
    ]);
    const enabled = Boolean(factor?.confirmedAt);
    return Object.assign(new SecondFactorStatus(), {
      enabled,
      required: secondFactorRequired(user.record.roles, orgRequires),
      enrolledAt: enabled ? factor!.confirmedAt : null,
      recoveryCodesLeft: enabled ? left : 0,
    });
  }

  /** Housekeeping (daily job). */
  prune(): Promise<void> {
    return this.repo.prune();
  }

  /** A session for a person who proved what their sign-in needed; a staff sign-in is published. */
  /**
   * A session for a person their organisation's OpenID Connect provider signed in: the provider is the
   * organisation's strong authentication, so no second step is asked (recorded as such in the audit log).
   */
  providerSignIn(ctx: SubgraphContext, tx: Tx, user: UserRow): Promise<AuthSession> {
    return this.startSession(ctx, tx, user, null, 'OIDC');
  }

  private async startSession(
    ctx: SubgraphContext,
    tx: Tx,
    user: UserRow,
    secondFactor: Method | null,
    signInMethod: 'PASSWORD' | 'OIDC' = 'PASSWORD',
  ): Promise<AuthSession> {
    const session = await this.sessions.start(tx, user);
    if (isStaff(user.roles))
      await this.events.publish(tx, 'StaffSignedIn', {
        userId: user.id,
        roles: user.roles,
        organizationId: user.organizationId,
        secondFactor,
        signInMethod,
        clientIp: ctx.clientIp,
        signedInAt: new Date().toISOString(),
      });
    return session;
  }

  /**
   * Checks a code under the factor's row lock: a TOTP code within ±1 step of now and later than the last one
   * accepted (its step is recorded), or (when allowed) an unused recovery code (it is used up).
   */
  private async checkCode(tx: Tx, userId: string, rawCode: string, allowRecovery: boolean): Promise<Method> {
    const factor = await this.repo.factorForUpdate(tx, userId);
    if (!factor?.confirmedAt) throw NOT_ENROLLED();
    const code = rawCode.replace(/\s/g, '');
    if (codeKind(code) === 'TOTP') {
      const step = await matchTotp(this.secrets().open(factor.secretEncrypted), code, factor.lastTimeStep);
      if (step !== null && (await this.repo.useTimeStep(tx, userId, step))) return 'TOTP';
      throw INVALID_CODE();
    }
    if (allowRecovery && code.length <= 64 && (await this.repo.useRecoveryCode(tx, userId, hashRecoveryCode(code))))
      return 'RECOVERY_CODE';
    throw INVALID_CODE();
  }

  private async issueRecoveryCodes(tx: Tx, userId: string): Promise<string[]> {
    const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
    await this.repo.replaceRecoveryCodes(tx, userId, codes.map(hashRecoveryCode));
    return codes;
  }

  private async changed(
    tx: Tx,
    userId: string,
    change: 'ENROLLED' | 'REMOVED' | 'RECOVERY_CODES_RENEWED',
    changedBy: string,
  ): Promise<void> {
    await this.events.publish(tx, 'StaffSecondFactorChanged', {
      userId,
      change,
      changedBy,
      changedAt: new Date().toISOString(),
    });
  }

  private async openChallenge(token: string, purpose: ChallengePurpose): Promise<ChallengeRow | null> {
    if (!token || token.length > 100) return null;
    const row = await this.repo.openChallenge(hashChallengeToken(token));
    return row?.purpose === purpose ? row : null;
  }

  /** Who is enrolling: the account of an ENROL challenge, or the signed-in staff member. */
  private async enrollee(ctx: SubgraphContext, token: string | null): Promise<UserRow> {
    if (token) {
      const challenge = await this.openChallenge(token, 'ENROL');
      const user = challenge && (await this.users.findById(challenge.userId));
      if (!user) throw CHALLENGE_INVALID();
      return user;
    }
    const user = await this.caller(ctx);
    if (!isStaff(user.roles))
      throw refuse('secondFactor', 'NOT_STAFF', 'A second factor is for staff accounts (coaches, admins, analysts).');
    return user;
  }

  private async caller(ctx: SubgraphContext): Promise<UserRow> {
    const principal = requirePrincipal(ctx);
    const user = await this.users.findById(principal.userId);
    if (!user) throw NotFound('User');
    return user;
  }

  private secrets(): SecretBox {
    // the operator gave no key (SECOND_FACTOR_KEY, or the token-signing key it is derived from)
    if (!this.box)
      throw new AppError(
        'SERVICE_UNAVAILABLE',
        'Two-step sign-in is not set up on this server yet; tell an administrator.',
      );
    return this.box;
  }
}

/** A result payload of one of this module's classes. */
const payload = <T extends object>(cls: new () => T, fields: Partial<T> & { errors: FieldError[] }): T =>
  Object.assign(new cls(), fields);

const changeResult = (user: User | null, errors: FieldError[]) => payload(SecondFactorChangeResult, { user, errors });
