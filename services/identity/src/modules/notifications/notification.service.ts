import type { Logger } from 'pino';
import {
  fieldError,
  readPage,
  requirePrincipal,
  signalLive,
  toConnection,
  uuids,
  type SubgraphContext,
  type Tx,
} from '@tandem/subgraph-kit';
import { served, type ServedConnection } from '../shared/api';
import { Kicker } from '../shared/kick';
import type { User } from '../users/user.type';
import type { LanguageRepository } from '../language/language.repository';
import type { Mailer } from './mailer';
import { renderEmail } from './email.render';
import { invitationCalendar, type MeetingInvitation } from './meeting-invitation';
import { DEFAULT_ADMIN_APP_URL } from '../../env';
import { linkUrl } from './notification.links';
import { message, notificationText, type NotificationText } from './notification.messages';
import type { NewNotification, NotificationRepository, NotificationRow } from './notification.repository';
import type { NotificationKind } from './notification.kinds';

/**
 * A notification whose words come from the catalogue, in the recipient's language; its email may carry a planned
 * meeting's calendar invitation (its link and organiser are filled in here).
 */
export type LocalisedNotification = Omit<NewNotification, 'title' | 'body' | 'calendar'> & {
  text: NotificationText;
  invitation?: Omit<MeetingInvitation, 'link' | 'organizer'>;
};
import { MarkNotificationsReadResult, toNotification, type Notification } from './notification.type';

const MAX_EMAIL_ATTEMPTS = 5;
type NotificationCursor = { createdAt: string; id: string };
const isCursor = (v: unknown): v is NotificationCursor =>
  !!v &&
  typeof v === 'object' &&
  typeof (v as { createdAt?: unknown }).createdAt === 'string' &&
  typeof (v as { id?: unknown }).id === 'string';

/**
 * Notifications: the in-app list with read state, and email delivery. A notification row is written in
 * the transaction of its cause (with email_status PENDING); emails are sent afterwards by `deliverDue`,
 * which claims rows (FOR UPDATE SKIP LOCKED) and marks them SENT, so a retried event never sends twice.
 */
export class NotificationService {
  private readonly kicker: Kicker;

  constructor(
    private readonly repo: NotificationRepository,
    private readonly mailer: Mailer,
    private readonly log: Logger,
    private readonly isRunning: () => boolean,
    /** The participant app's address (WEB_APP_URL): an email's link is this plus the notification's path. */
    private readonly webAppUrl: string,
    private readonly languages: LanguageRepository,
    /** The admin app's address (ADMIN_APP_URL), for links stored as `admin:<path>`. */
    private readonly adminAppUrl: string = DEFAULT_ADMIN_APP_URL,
  ) {
    this.kicker = new Kicker(() => this.deliverDue(), this.log, 'email delivery failed');
  }

  /**
   * Records a notification inside the caller's transaction, in the recipient's language when its words come from
   * the catalogue; its email goes out after commit.
   */
  async notify(tx: Tx, n: NewNotification | LocalisedNotification): Promise<void> {
    let row: NewNotification;
    if ('text' in n) {
      const { text, invitation, ...rest } = n;
      const language = await this.languages.of(n.userId, tx);
      row = { ...rest, ...notificationText(language, text) };
      if (invitation) {
        const link = n.link ? linkUrl({ web: this.webAppUrl, admin: this.adminAppUrl }, n.link) : this.webAppUrl;
        const full = { ...invitation, link, organizer: this.mailer.sender };
        row.calendar = { method: invitation.method, text: invitationCalendar(language, full, new Date()) };
      }
    } else row = n;
    if (await this.repo.insert(tx, row)) {
      // the person's open apps refetch their notifications when this commits
      await signalLive(tx, [{ kind: 'NOTIFICATION', id: row.userId, to: [row.userId] }]);
      this.kick();
    }
  }

  /**
   * A nudge that stopped being true before the person's digest went out (a meeting was logged, the meeting
   * awaiting confirmation was confirmed or disputed, the check-in due was recorded) leaves the digest; it stays in the app, where it was true
   * when it came. `readers`: those people, or `'everyone'` who received it (every coach a check-in due went to).
   * Returns how many left.
   */
  withdrawFromDigest(
    tx: Tx,
    readers: readonly string[] | 'everyone',
    kind: NotificationKind,
    link: string,
  ): Promise<number> {
    return this.repo.withdrawFromDigest(tx, readers, kind, link);
  }

  /** The language the person reads in. */
  languageOf(tx: Tx, userId: string) {
    return this.languages.of(userId, tx);
  }

  contacts(tx: Tx, ids: string[]) {
    return this.repo.contacts(tx, ids);
  }

  wantHourReminder(tx: Tx, ids: string[]) {
    return this.repo.wantHourReminder(tx, ids);
  }

  displayNames(tx: Tx, ids: string[]) {
    return this.repo.displayNames(tx, ids);
  }

  /** The person's chosen time zone (User.timeZone), or null when they chose none. */
  async timeZoneOf(tx: Tx, userId: string): Promise<string | null> {
    return (await this.repo.timeZones(tx, [userId])).get(userId) ?? null;
  }

  /** The person's own notifications; null for anyone else. */
  async list(
    ctx: SubgraphContext,
    user: User,
    args: { first?: number | null; after?: string | null; unreadOnly?: boolean | null },
  ): Promise<(ServedConnection<Notification> & { unreadCount: number }) | null> {
    if (ctx.principal?.userId !== user.id) return null;
    const page = readPage(args, isCursor);
    const unreadOnly = !!args.unreadOnly;
    const rows = await this.repo.page(user.id, unreadOnly, page.after, page.size + 1);
    const connection = served(
      toConnection(
        rows,
        page,
        (r: NotificationRow) => ({ createdAt: r.cursorAt, id: r.id }),
        toNotification,
        () => this.repo.count(user.id, unreadOnly),
      ),
    );
    return Object.assign(connection, { unreadCount: await this.repo.unreadCount(user.id) });
  }

  async markRead(
    ctx: SubgraphContext,
    ids: string[] | null | undefined,
    all: boolean | null | undefined,
  ): Promise<MarkNotificationsReadResult> {
    const principal = requirePrincipal(ctx);
    const result = (errors: ReturnType<typeof fieldError>[], updated = 0, unreadCount = 0) =>
      Object.assign(new MarkNotificationsReadResult(), { ok: errors.length === 0, errors, updated, unreadCount });
    if (!all && (!ids || ids.length === 0))
      return result([fieldError('ids', 'REQUIRED', 'Name the notifications, or pass all: true.')]);
    if (ids && ids.length > 500) return result([fieldError('ids', 'TOO_MANY', 'At most 500 at a time.', { max: 500 })]);
    // ids that are not the caller's are ignored, like unknown ones
    const valid = all ? null : uuids(ids!);
    const updated = valid && valid.length === 0 ? 0 : await this.repo.markRead(principal.userId, valid);
    return result([], updated, await this.repo.unreadCount(principal.userId));
  }

  /** Sends the emails that are due; returns how many were sent. */
  async deliverDue(): Promise<number> {
    let sent = 0;
    for (;;) {
      if (!this.isRunning()) return sent;
      const batch = await this.repo.claimEmails(20);
      if (batch.length === 0) return sent;
      for (const mail of batch) {
        try {
          const ref = await this.mailer.send({
            id: mail.id,
            to: mail.email,
            toName: mail.displayName,
            subject: mail.title,
            ...renderEmail(
              mail.displayName,
              mail.title,
              [
                mail.body,
                ...(mail.link
                  ? [
                      {
                        link: linkUrl({ web: this.webAppUrl, admin: this.adminAppUrl }, mail.link),
                        label: message(mail.language, 'email.open'),
                      },
                    ]
                  : []),
              ],
              mail.language,
            ),
            ...(mail.calendar && mail.calendarMethod
              ? { calendar: { method: mail.calendarMethod, text: mail.calendar } }
              : {}),
          });
          await this.repo.emailSent(mail.id, ref);
          sent += 1;
        } catch (error) {
          this.log.warn({ err: error, notification: mail.id }, 'email not sent');
          await this.repo.emailFailed(
            mail.id,
            (error as Error).message ?? String(error),
            mail.attempts >= MAX_EMAIL_ATTEMPTS,
          );
        }
      }
    }
  }

  /** Delivers soon after the current transaction commits (and again a little later, in case the commit was slow). */
  kick(): void {
    this.kicker.kick();
  }

  /** Background delivery every few seconds (unref'd: never keeps the process alive). */
  startBackgroundDelivery(intervalMs = 5000): void {
    setInterval(() => {
      if (this.isRunning()) this.deliverDue().catch((error) => this.log.warn({ err: error }, 'email delivery failed'));
    }, intervalMs).unref();
  }
}
