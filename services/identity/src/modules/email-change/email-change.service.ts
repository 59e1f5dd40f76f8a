import { createHash, randomBytes, randomUUID } from 'node:crypto';
import {
  fieldError,
  NotFound,
  requirePrincipal,
  type Database,
  type EventBus,
  type FieldError,
  type Logger,
  type SubgraphContext,
  type Tx,
} from '@tandem/subgraph-kit';
import type { LoginGuard } from '../auth/login-guard';
import { validateEmail } from '../auth/password-policy';
import type { Mailer } from '../notifications/mailer';
import { pageFor, type AccountLinkSettings } from '../notifications/notification.links';
import type { SessionStateService } from '../session-state/session-state.service';
import type { UserRepository } from '../users/user.repository';
import { toUser } from '../users/user.type';
import { erasedEmail } from '../users/user.repository';
import type { EmailChangeRepository, EmailChangeRow } from './email-change.repository';
import type { RequestEmailChangeInput } from './email-change.inputs';
import { confirmEmailChangeEmail, emailChangeLink, emailChangeNotice } from './email-change.messages';
import {
  CancelEmailChangeResult,
  ConfirmEmailChangeResult,
  PendingEmailChange,
  RequestEmailChangeResult,
} from './email-change.type';

/** The confirmation link works this long. */
export const EMAIL_CHANGE_TTL_HOURS = 24;
/** The old address's "this wasn't me" link works this long, confirmed or not (it can undo a takeover). */
export const EMAIL_CHANGE_CANCEL_TTL_DAYS = 7;
/** Requests per account per hour. */
export const EMAIL_CHANGE_REQUESTS_PER_HOUR = 3;
const MAX_TOKEN_LENGTH = 200;

export interface EmailChangeSettings {
  /**
   * The page both links open, with `?action=confirm|cancel&token=…`: the admin app's (EMAIL_CHANGE_URL) for staff,
   * the participant app's (WEB_APP_URL + /email-change) for everyone else.
   */
  url: AccountLinkSettings;
}

const hashToken = (token: string) => createHash('sha256').update(token, 'utf8').digest('hex');
const newToken = () => randomBytes(32).toString('base64url');
const TOKEN_INVALID = () =>
  fieldError('token', 'EMAIL_CHANGE_TOKEN_INVALID', 'This link is not valid any more. Ask for a new one.');
const TAKEN = () => fieldError('token', 'TAKEN', 'Another account signs in with this address.');

/**
 * Changing the sign-in email: asked for with the current password, done only when the new address confirms,
 * told to the old address with a link that blocks (or undoes) it and ends every session.
 */
export class EmailChangeService {
  constructor(
    private readonly changes: EmailChangeRepository,
    private readonly users: UserRepository,
    private readonly sessions: SessionStateService,
    private readonly guard: LoginGuard,
    private readonly mailer: Mailer,
    private readonly db: Database,
    private readonly events: EventBus,
    private readonly settings: EmailChangeSettings,
    private readonly log: Logger,
  ) {}

  async request(ctx: SubgraphContext, input: RequestEmailChangeInput): Promise<RequestEmailChangeResult> {
    const principal = requirePrincipal(ctx);
    const account = await this.changes.account(principal.userId);
    if (!account || account.email === erasedEmail(account.id)) throw NotFound('User');
    const newEmail = input.newEmail.trim();
    // the same throttle as login: a wrong current password is a failed sign-in (RATE_LIMITED once locked)
    const valid = await this.guard.verifyPassword(
      ctx,
      account.email.toLowerCase(),
      account.passwordHash,
      input.currentPassword,
    );
    const errors: FieldError[] = [
      ...(valid
        ? []
        : [fieldError('input.currentPassword', 'INCORRECT_PASSWORD', 'Your current password is not correct.')]),
      ...validateEmail(newEmail, 'input.newEmail'),
    ];
    if (errors.length === 0 && newEmail.toLowerCase() === account.email.toLowerCase())
      errors.push(fieldError('input.newEmail', 'SAME_AS_CURRENT', 'This is already your sign-in email.'));
    if (errors.length) return requested(errors);

    // whether another account has the address is not said here (that would tell who is registered): the
    // confirmation, which only the address's owner can follow, refuses it
    const confirmToken = newToken();
    const cancelToken = newToken();
    const id = randomUUID();
    const expiresAt = await this.db.transaction(async (tx) => {
      await this.changes.lockAccount(tx, account.id);
      if ((await this.changes.requestsWithin(tx, account.id, 3600)) >= EMAIL_CHANGE_REQUESTS_PER_HOUR) return null;
      await this.changes.supersedeOpen(tx, account.id);
      return this.changes.insert(tx, {
        id,
        userId: account.id,
        oldEmail: account.email,
        newEmail,
        confirmTokenHash: hashToken(confirmToken),
        cancelTokenHash: hashToken(cancelToken),
        ttlHours: EMAIL_CHANGE_TTL_HOURS,
        cancelTtlHours: EMAIL_CHANGE_CANCEL_TTL_DAYS * 24,
      });
    });
    if (!expiresAt)
      return requested([
        fieldError('input', 'TOO_MANY_REQUESTS', 'You asked for this too often; try again in an hour.'),
      ]);
    const page = pageFor(this.settings.url, account.roles);
    await this.mailer.send(
      confirmEmailChangeEmail({
        changeId: id,
        to: newEmail,
        toName: account.displayName,
        link: emailChangeLink(page, 'confirm', confirmToken),
        ttlHours: EMAIL_CHANGE_TTL_HOURS,
        language: account.language,
      }),
    );
    await this.mailer.send(
      emailChangeNotice({
        changeId: id,
        to: account.email,
        toName: account.displayName,
        newEmail,
        link: emailChangeLink(page, 'cancel', cancelToken),
        cancelTtlDays: EMAIL_CHANGE_CANCEL_TTL_DAYS,
        language: account.language,
      }),
    );
    ctx.log.info({ userId: account.id, changeId: id }, 'sign-in email change requested');
    return Object.assign(new RequestEmailChangeResult(), { pendingEmail: newEmail, expiresAt, errors: [] });
  }

  /** The new address confirms: the account signs in with it from now on, and every session ends. */
  async confirm(ctx: SubgraphContext, token: string): Promise<ConfirmEmailChangeResult> {
    const tokenHash = usableHash(token);
    if (!tokenHash) return confirmed(null, [TOKEN_INVALID()]);
    const outcome: { userId?: string; errors: FieldError[] } = await this.db
      .transaction(async (tx) => {
        const change = await this.changes.openByConfirmToken(tx, tokenHash);
        // an erased or suspended account, or one whose address changed since, is never moved
        if (!change || !movable(change)) return { errors: [TOKEN_INVALID()] };
        if (await this.changes.emailTaken(tx, change.newEmail, change.userId)) return { errors: [TAKEN()] };
        await this.changes.markConfirmed(tx, change.id);
        await this.moveTo(tx, change, change.newEmail);
        return { userId: change.userId, errors: [] };
      })
      .catch((error: { code?: string }) => {
        if (error?.code === '23505') return { errors: [TAKEN()] }; // the unique email index, under a concurrent change
        throw error;
      });
    if (!outcome.userId) return confirmed(null, outcome.errors);
    ctx.log.info({ userId: outcome.userId }, 'sign-in email changed; every session ended');
    const user = await this.users.findById(outcome.userId);
    return confirmed(user ? toUser(user) : null, []);
  }

  /**
   * "This wasn't me", from the old address: an open change is blocked, a confirmed one undone (the old address
   * is the sign-in email again unless another account took it meanwhile); every session ends and the password
   * stops working, since whoever asked knew it.
   */
  /** The person's own change waiting for confirmation, on any device they sign in on; null to anyone else. */
  async pending(ctx: SubgraphContext, userId: string): Promise<PendingEmailChange | null> {
    if (ctx.principal?.userId !== userId) return null;
    const row = await this.changes.pending(userId);
    return row && Object.assign(new PendingEmailChange(), row);
  }

  async cancel(ctx: SubgraphContext, token: string): Promise<CancelEmailChangeResult> {
    const tokenHash = usableHash(token);
    if (!tokenHash) return cancelled(null, [TOKEN_INVALID()]);
    const outcome = await this.db.transaction(async (tx) => {
      const change = await this.changes.disputableByCancelToken(tx, tokenHash);
      if (!change || change.accountEmail === erasedEmail(change.userId)) return null;
      await this.changes.markCancelled(tx, change.id);
      let email = change.accountEmail;
      if (change.confirmedAt && !(await this.changes.emailTaken(tx, change.oldEmail, change.userId))) {
        await this.moveTo(tx, change, change.oldEmail);
        email = change.oldEmail;
      } else {
        await this.sessions.endAll(tx, change.userId);
      }
      await this.changes.clearPassword(tx, change.userId);
      return { userId: change.userId, email };
    });
    if (!outcome) return cancelled(null, [TOKEN_INVALID()]);
    ctx.log.warn({ userId: outcome.userId }, 'sign-in email change disputed; every session ended, password cleared');
    return cancelled(outcome.email, []);
  }

  /** The account signs in with `email` from now on: sessions and links of the address it leaves end. */
  private async moveTo(tx: Tx, change: EmailChangeRow, email: string): Promise<void> {
    await this.changes.setEmail(tx, change.userId, email);
    await this.changes.forgetAddress(tx, change.accountEmail);
    await this.sessions.endAll(tx, change.userId);
    await this.events.publish(tx, 'UserContactChanged', {
      userId: change.userId,
      displayName: change.displayName,
      email,
      phone: change.phone,
      changedAt: new Date().toISOString(),
    });
  }
}

function usableHash(token: string): string | null {
  return token.length > 0 && token.length <= MAX_TOKEN_LENGTH ? hashToken(token) : null;
}

function movable(change: EmailChangeRow): boolean {
  return (
    change.suspendedAt === null &&
    change.accountEmail !== erasedEmail(change.userId) &&
    change.accountEmail.toLowerCase() === change.oldEmail.toLowerCase()
  );
}

const requested = (errors: FieldError[]) =>
  Object.assign(new RequestEmailChangeResult(), { pendingEmail: null, expiresAt: null, errors });
const confirmed = (user: ConfirmEmailChangeResult['user'], errors: FieldError[]) =>
  Object.assign(new ConfirmEmailChangeResult(), { user, errors });
const cancelled = (email: string | null, errors: FieldError[]) =>
  Object.assign(new CancelEmailChangeResult(), { email, errors });
