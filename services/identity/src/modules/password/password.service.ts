import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import {
  fieldError,
  requirePrincipal,
  NotFound,
  type Database,
  type FieldError,
  type SubgraphContext,
} from '@tandem/subgraph-kit';
import type { LoginGuard } from '../auth/login-guard';
import { passwordHasher } from '../auth/password-hasher';
import { validateEmail, validatePassword } from '../auth/password-policy';
import type { SessionService } from '../auth/session.service';
import type { Mailer } from '../notifications/mailer';
import { pageFor, type AccountLinkSettings } from '../notifications/notification.links';
import type { NotificationService } from '../notifications/notification.service';
import { erasedEmail, type UserRepository } from '../users/user.repository';
import type { PasswordResetRepository } from './password-reset.repository';
import { passwordChangedNotice, resetEmail, resetLink } from './password.messages';
import {
  changePasswordResult,
  requestPasswordResetResult,
  resetPasswordResult,
  type ChangePasswordResult,
  type RequestPasswordResetResult,
  type ResetPasswordResult,
} from './password.type';

/** A reset link works this long after it is sent. */
export const RESET_TOKEN_TTL_MINUTES = 30;
/** Reset emails per account per hour; further requests within the hour are dropped silently. */
export const RESET_REQUESTS_PER_HOUR = 3;

export interface PasswordSettings {
  /**
   * The reset page the email links to: the admin app's (PASSWORD_RESET_URL) for staff, the participant app's
   * (WEB_APP_URL + /reset-password) for everyone else.
   */
  resetUrl: AccountLinkSettings;
}

/** 256 random bits, URL-safe: the token of a reset link. Only its hash is stored. */
export function newResetToken(): string {
  return randomBytes(32).toString('base64url');
}

export function hashResetToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

const INCORRECT_PASSWORD = () =>
  fieldError('currentPassword', 'INCORRECT_PASSWORD', 'Your current password is not correct.');
const RESET_TOKEN_INVALID = () =>
  fieldError('token', 'RESET_TOKEN_INVALID', 'This reset link is not valid any more. Ask for a new one.');
const MAX_TOKEN_LENGTH = 200;

/**
 * Passwords after registration: a signed-in person changes theirs (the current one checked under the login
 * throttle), and a person who forgot it resets it with a single-use link sent by email.
 */
export class PasswordService {
  constructor(
    private readonly users: UserRepository,
    private readonly resets: PasswordResetRepository,
    private readonly guard: LoginGuard,
    private readonly sessions: SessionService,
    private readonly notifications: NotificationService,
    private readonly mailer: Mailer,
    private readonly db: Database,
    private readonly settings: PasswordSettings,
    private readonly log: Logger,
    private readonly isRunning: () => boolean,
  ) {}

  /**
   * The signed-in person replaces their password: every refresh token of theirs is revoked (other devices are
   * signed out), this device gets a new session, and they are told by email.
   */
  async changePassword(
    ctx: SubgraphContext,
    currentPassword: string,
    newPassword: string,
  ): Promise<ChangePasswordResult> {
    const principal = requirePrincipal(ctx);
    const user = await this.users.findById(principal.userId);
    if (!user) throw NotFound('User');
    // the same throttle as login: a wrong current password is a failed sign-in (RATE_LIMITED once locked)
    const valid = await this.guard.verifyPassword(
      ctx,
      user.email.toLowerCase(),
      await this.users.passwordHash(user.id),
      currentPassword,
    );
    const errors: FieldError[] = [
      ...(valid ? [] : [INCORRECT_PASSWORD()]),
      ...validatePassword(newPassword, { email: user.email, displayName: user.displayName }, 'newPassword'),
    ];
    if (valid && errors.length === 0 && newPassword === currentPassword) {
      errors.push(fieldError('newPassword', 'SAME_AS_CURRENT', 'Choose a password different from your current one.'));
    }
    if (errors.length) return changePasswordResult(errors);

    const passwordHash = await passwordHasher.hash(newPassword);
    const session = await this.db.transaction(async (tx) => {
      await this.users.setPasswordHash(tx, user.id, passwordHash);
      await this.sessions.revokeAll(tx, user.id);
      // a reset link still in a mailbox would undo the change: it stops working
      await this.resets.supersedeOpen(tx, user.id);
      await this.notifications.notify(tx, passwordChangedNotice(user.id, 'CHANGED', new Date()));
      return this.sessions.start(tx, user);
    });
    ctx.log.info({ userId: user.id }, 'password changed; every other session revoked');
    return changePasswordResult([], session);
  }

  /**
   * Answers at once, and alike for every well-formed address: the lookup, the per-account limit and the email
   * happen after the answer, so neither its content nor its timing tells whether an account has the address.
   */
  requestPasswordReset(_ctx: SubgraphContext, rawEmail: string): RequestPasswordResetResult {
    const email = rawEmail.trim();
    const errors = validateEmail(email, 'email');
    if (errors.length) return requestPasswordResetResult(errors);
    void this.issueReset(email).catch((error) =>
      this.log.warn({ error: failureKind(error) }, 'password reset request failed'),
    );
    return requestPasswordResetResult([]);
  }

  /**
   * Sets a new password with a reset link's token: the link is used up, any other link of the account stops
   * working, every session is revoked, and the person is told by email. It does not sign them in.
   */
  async resetPassword(ctx: SubgraphContext, token: string, newPassword: string): Promise<ResetPasswordResult> {
    const tokenHash = token.length > 0 && token.length <= MAX_TOKEN_LENGTH ? hashResetToken(token) : null;
    const reset = tokenHash ? await this.resets.findUsable(tokenHash) : null;
    // unknown, expired, used and superseded answer alike
    if (!reset) return resetPasswordResult([RESET_TOKEN_INVALID()]);
    const errors = validatePassword(newPassword, { email: reset.email, displayName: reset.displayName }, 'newPassword');
    if (errors.length) return resetPasswordResult(errors);

    const passwordHash = await passwordHasher.hash(newPassword);
    const userId = await this.db.transaction(async (tx) => {
      // again under a lock: the same link used twice at once sets the password once
      const locked = await this.resets.findUsable(tokenHash!, tx);
      if (!locked) return null;
      await this.resets.markUsed(tx, locked.id);
      await this.resets.supersedeOpen(tx, locked.userId);
      await this.users.setPasswordHash(tx, locked.userId, passwordHash);
      await this.sessions.revokeAll(tx, locked.userId);
      await this.notifications.notify(tx, passwordChangedNotice(locked.userId, 'RESET', new Date()));
      return locked.userId;
    });
    if (!userId) return resetPasswordResult([RESET_TOKEN_INVALID()]);
    ctx.log.info({ userId }, 'password reset with an emailed link; every session revoked');
    return resetPasswordResult([]);
  }

  /** Housekeeping (with the daily auth prune). */
  prune(): Promise<void> {
    return this.resets.prune();
  }

  private async issueReset(email: string): Promise<void> {
    if (!this.isRunning()) return;
    const token = newResetToken();
    const outcome = await this.db.transaction(async (tx) => {
      // requests for one account queue on its row, so the hourly count holds under concurrency
      const user = await this.users.lockByEmail(tx, email);
      if (!user || user.email === erasedEmail(user.id)) return { kind: 'none' as const };
      if ((await this.resets.requestsWithin(tx, user.id, 3600)) >= RESET_REQUESTS_PER_HOUR)
        return { kind: 'limited' as const, userId: user.id };
      await this.resets.supersedeOpen(tx, user.id);
      const id = randomUUID();
      await this.resets.insert(tx, {
        id,
        userId: user.id,
        tokenHash: hashResetToken(token),
        ttlMinutes: RESET_TOKEN_TTL_MINUTES,
      });
      return { kind: 'issued' as const, id, user };
    });
    if (outcome.kind === 'none') {
      this.log.info('password reset asked for an address without an account');
      return;
    }
    if (outcome.kind === 'limited') {
      this.log.warn(
        { userId: outcome.userId },
        `password reset refused: ${RESET_REQUESTS_PER_HOUR} already sent within the hour`,
      );
      return;
    }
    const { id, user } = outcome;
    this.log.info({ userId: user.id, resetId: id }, 'password reset link issued');
    const link = resetLink(pageFor(this.settings.resetUrl, user.roles), token);
    await this.mailer.send(
      resetEmail({
        resetId: id,
        to: user.email,
        toName: user.displayName,
        link,
        ttlMinutes: RESET_TOKEN_TTL_MINUTES,
        language: user.language,
      }),
    );
    this.log.info({ userId: user.id, resetId: id }, 'password reset email sent');
  }
}

/**
 * An error without its details: a failed query carries its parameters (the address, a token hash) and an SMTP
 * refusal may quote the recipient, so only the kind of failure is logged.
 */
function failureKind(error: unknown): { name: string; code?: string } {
  const e = error as { name?: string; code?: unknown };
  return { name: e?.name ?? typeof error, ...(typeof e?.code === 'string' ? { code: e.code } : {}) };
}
