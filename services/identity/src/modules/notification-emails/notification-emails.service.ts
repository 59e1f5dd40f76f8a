import { fieldError, NotFound, requirePrincipal, type Database, type SubgraphContext } from '@tandem/subgraph-kit';
import { ALWAYS_EMAILED, kindsFor, type NotificationKind } from '../notifications/notification.kinds';
import type { UserRepository } from '../users/user.repository';
import { toUser, userResult, type User, type UserResult } from '../users/user.type';
import type { NotificationEmailRepository } from './notification-emails.repository';
import {
  NudgeEmailDelivery,
  toNotificationEmailSetting,
  type NotificationEmailSetting,
} from './notification-emails.type';

/**
 * Which notifications reach a person by email: every kind until they turn it off (in-app stays); security
 * notices cannot be turned off. A person reads and changes only their own, and sees only the kinds one of their
 * roles can receive (a mentee is not offered a webhook notice); a switch set for another kind is kept, harmlessly,
 * for the day a role brings it.
 */
export class NotificationEmailService {
  constructor(
    private readonly repo: NotificationEmailRepository,
    private readonly users: UserRepository,
    private readonly db: Database,
  ) {}

  /** The person's own settings, one per kind their roles can receive; null for anyone else. */
  async of(ctx: SubgraphContext, user: User): Promise<NotificationEmailSetting[] | null> {
    if (ctx.principal?.userId !== user.id) return null;
    const off = await this.repo.turnedOff(user.id);
    return kindsFor(ctx.principal.roles).map((kind) => {
      const always = ALWAYS_EMAILED.includes(kind);
      return toNotificationEmailSetting(kind, always || !off.has(kind), !always);
    });
  }

  async set(ctx: SubgraphContext, kind: NotificationKind, email: boolean): Promise<UserResult> {
    const principal = requirePrincipal(ctx);
    if (ALWAYS_EMAILED.includes(kind) && !email) {
      return userResult(null, [
        fieldError('kind', 'ALWAYS_EMAILED', 'Security notices are always emailed: they cannot be turned off.'),
      ]);
    }
    await this.db.transaction((tx) => this.repo.set(tx, principal.userId, kind, email));
    const row = await this.users.findById(principal.userId);
    if (!row) throw NotFound('User');
    return userResult(toUser(row));
  }

  /** How the person's nudges are emailed; null for anyone else. */
  async nudgeDelivery(ctx: SubgraphContext, user: User): Promise<NudgeEmailDelivery | null> {
    if (ctx.principal?.userId !== user.id) return null;
    return (await this.repo.eachNudge(user.id)) ? NudgeEmailDelivery.EACH : NudgeEmailDelivery.DAILY_DIGEST;
  }

  /** The signed-in person chooses the daily digest or each nudge as it happens (nudges already waiting keep waiting for the digest). */
  async setNudgeDelivery(ctx: SubgraphContext, delivery: NudgeEmailDelivery): Promise<UserResult> {
    const principal = requirePrincipal(ctx);
    await this.db.transaction((tx) =>
      this.repo.setEachNudge(tx, principal.userId, delivery === NudgeEmailDelivery.EACH),
    );
    const row = await this.users.findById(principal.userId);
    if (!row) throw NotFound('User');
    return userResult(toUser(row));
  }

  /** Whether the person is reminded an hour before their planned meetings; null for anyone else. */
  async hourBefore(ctx: SubgraphContext, user: User): Promise<boolean | null> {
    if (ctx.principal?.userId !== user.id) return null;
    return this.repo.hourBefore(user.id);
  }

  /** The signed-in person's choice of an hour-before reminder (the day-before one is the MEETING_REMINDER switch). */
  async setHourBefore(ctx: SubgraphContext, on: boolean): Promise<UserResult> {
    const principal = requirePrincipal(ctx);
    await this.db.transaction((tx) => this.repo.setHourBefore(tx, principal.userId, on));
    const row = await this.users.findById(principal.userId);
    if (!row) throw NotFound('User');
    return userResult(toUser(row));
  }
}
