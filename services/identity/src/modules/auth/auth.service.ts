import { INVALID_TIME_ZONE, INVALID_TIME_ZONE_MESSAGE, isTimeZone } from '../time-zone/time-zone';
import { randomUUID } from 'node:crypto';
import { SELF_SERVICE_ROLES } from '@tandem/contracts';
import {
  fieldError,
  isUuid,
  type Database,
  type EventBus,
  type FieldError,
  type Logger,
  type SubgraphContext,
} from '@tandem/subgraph-kit';
import type { Mailer } from '../notifications/mailer';
import type { SecondFactorService } from '../second-factor/second-factor.service';
import type { UserRepository } from '../users/user.repository';
import { registrationAttemptEmail } from './auth.messages';
import { authResult, type AuthResult, type RegisterInput } from './auth.types';
import type { SingleSignOnRepository } from '../single-sign-on/single-sign-on.repository';
import { isStaff } from '../second-factor/second-factor.rules';
import type { LoginGuard } from './login-guard';
import { passwordHasher } from './password-hasher';
import { validateDisplayName, validateEmail, validatePassword } from './password-policy';

const INVALID_CREDENTIALS = () =>
  fieldError('credentials', 'INVALID_CREDENTIALS', 'The email or password is incorrect.');
const USE_ORGANIZATION_SIGN_IN = () =>
  fieldError(
    'credentials',
    'USE_ORGANIZATION_SIGN_IN',
    'Your organisation signs you in: use “Sign in with your organisation”.',
  );

/**
 * Signing up and signing in: registration of MENTEE and MENTOR accounts (answered alike whether or not the
 * email is taken), login under the throttle, with a second step for staff who have (or must have) a second factor.
 */
export class AuthService {
  constructor(
    private readonly users: UserRepository,
    private readonly guard: LoginGuard,
    private readonly secondFactor: SecondFactorService,
    private readonly mailer: Mailer,
    private readonly db: Database,
    private readonly events: EventBus,
    private readonly log: Logger,
    private readonly singleSignOn: SingleSignOnRepository,
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
    if (organizationId !== null && (!isUuid(organizationId) || !(await this.users.hasOrganization(organizationId)))) {
      errors.push(fieldError('input.organizationId', 'UNKNOWN_ORGANIZATION', 'There is no such organisation.'));
    }
    const timeZone = input.timeZone?.trim() || null;
    if (timeZone !== null && !isTimeZone(timeZone))
      errors.push(fieldError('input.timeZone', INVALID_TIME_ZONE, INVALID_TIME_ZONE_MESSAGE));
    if (errors.length) return authResult(errors);

    const passwordHash = await passwordHasher.hash(input.password);
    const id = randomUUID();
    const outcome = await this.db.transaction(async (tx) => {
      const inserted = await this.users.insert(tx, {
        id,
        email,
        displayName,
        roles,
        organizationId,
        passwordHash,
        timeZone,
      });
      if (!inserted) return null;
      const now = new Date().toISOString();
      if (timeZone) await this.events.publish(tx, 'UserTimeZoneChanged', { userId: id, timeZone, changedAt: now });
      await this.events.publish(tx, 'UserRegistered', {
        userId: id,
        displayName,
        roles,
        organizationId,
        registeredAt: now,
      });
      await this.events.publish(tx, 'UserContactChanged', {
        userId: id,
        displayName,
        email,
        phone: null,
        changedAt: now,
      });
      return true;
    });
    if (!outcome) {
      // the answer does not say the address is taken (it would tell a stranger who is registered): the
      // account's owner is told by email instead, after the answer
      void this.tellExistingAccount(email);
      return authResult([]);
    }
    ctx.log.info({ userId: id }, 'user registered');
    return authResult([]);
  }

  private async tellExistingAccount(email: string): Promise<void> {
    try {
      const account = await this.users.findContact(email);
      if (!account) return;
      await this.mailer.send(
        registrationAttemptEmail({
          attemptId: randomUUID(),
          to: account.email,
          toName: account.displayName,
          at: new Date(),
          language: account.language,
        }),
      );
    } catch (error) {
      this.log.warn({ kind: (error as Error)?.name }, 'registration-attempt notice not sent');
    }
  }

  async login(ctx: SubgraphContext, rawEmail: string, password: string): Promise<AuthResult> {
    const email = rawEmail.trim().toLowerCase();
    const credentials = email ? await this.users.findCredentials(email) : null;
    // with a second step to come, a right password is not yet a successful sign-in (the code's attempt is)
    const step = credentials ? await this.secondFactor.secondStepOf(credentials) : null;
    // staff of an organisation with single sign-on use its provider, unless an ADMIN allowed passwords there
    const passwordRefused =
      !!credentials &&
      isStaff(credentials.roles) &&
      !(await this.singleSignOn.passwordAllowed(credentials.organizationId));
    const valid = await this.guard.verifyPassword(ctx, email, credentials?.passwordHash ?? null, password, {
      recordSuccess: step === null && !passwordRefused,
    });
    if (!credentials || !valid) return authResult([INVALID_CREDENTIALS()]);
    // said only to whoever knows the password: it tells nothing a stranger could not learn
    if (passwordRefused) return authResult([USE_ORGANIZATION_SIGN_IN()]);
    return this.secondFactor.signIn(ctx, credentials.id, step);
  }
}
