import { AppError, type SubgraphContext } from '@tandem/subgraph-kit';
import type { LoginAttemptRepository } from './login-attempt.repository';
import { throttleDecision, type ThrottleRule } from './login-throttle';
import { passwordHasher } from './password-hasher';

export interface LoginLimits {
  account: ThrottleRule;
  address: ThrottleRule;
}

/**
 * Every place a password is typed (login, changePassword) goes through here, so all count toward the same
 * limits: RATE_LIMITED when the account or the address is locked; otherwise the attempt is checked and recorded
 * with its outcome.
 */
export class LoginGuard {
  constructor(
    private readonly attempts: LoginAttemptRepository,
    private readonly limits: LoginLimits,
  ) {}

  /**
   * Checks a password of the account with this (lower-cased) email under the throttle. With
   * `recordSuccess: false` (the password is only the first of two steps) a right password is not recorded: a
   * success would restart the account's count, and the second step's wrong codes must keep counting.
   */
  async verifyPassword(
    ctx: SubgraphContext,
    email: string,
    passwordHash: string | null,
    password: string,
    { recordSuccess = true }: { recordSuccess?: boolean } = {},
  ): Promise<boolean> {
    await this.enforceThrottle(email, ctx.clientIp);
    const valid = await passwordHasher.verify(passwordHash, password);
    if (!valid || recordSuccess) await this.attempts.record(email, ctx.clientIp, valid);
    return valid;
  }

  /**
   * Any other secret typed to sign in (a second-factor code, a recovery code): refused with RATE_LIMITED while
   * the account or address is locked, otherwise `work` runs and `verdict` says whether it was a failed attempt
   * (counted like a wrong password), a success (a completed sign-in) or neither (nothing recorded).
   */
  async attempt<T>(
    ctx: SubgraphContext,
    email: string,
    work: () => Promise<T>,
    verdict: (result: T) => 'SUCCEEDED' | 'FAILED' | 'NEITHER',
  ): Promise<T> {
    await this.enforceThrottle(email, ctx.clientIp);
    const result = await work();
    const v = verdict(result);
    if (v !== 'NEITHER') await this.attempts.record(email, ctx.clientIp, v === 'SUCCEEDED');
    return result;
  }

  /** Housekeeping (daily job). */
  prune(): Promise<void> {
    return this.attempts.prune();
  }

  private async enforceThrottle(email: string, clientIp: string | null): Promise<void> {
    const { account, address } = this.limits;
    const now = await this.attempts.now();
    const decisions = [
      throttleDecision(await this.attempts.accountFailures(email, account.windowSeconds, account.limit), now, account),
    ];
    if (clientIp)
      decisions.push(
        throttleDecision(
          await this.attempts.addressFailures(clientIp, address.windowSeconds, address.limit),
          now,
          address,
        ),
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
}
