import type { Logger } from 'pino';
import type { Database } from '@tandem/subgraph-kit';
import { renderEmail, type EmailPart } from './email.render';
import type { Mailer } from './mailer';
import { appUrl, linkUrl, pageFor } from './notification.links';
import { message } from './notification.messages';
import type { NotificationRepository } from './notification.repository';
import { digestDay } from './notification-digest.rules';

export interface DigestRun {
  /** People whose digest went out. */
  sent: number;
  /** Nudges listed in them. */
  nudges: number;
}

/**
 * The daily digest of nudges: every nudge a person did not choose to receive as it happens waits (email_status
 * DIGEST) and goes out in one email a day, listing each with its link, at the first run on or after 08:00 in the
 * person's time zone (notification-digest.rules.ts). The job runs every hour; the digest of a local day is
 * recorded before it is sent, so replicas and re-runs never send two digests on one day.
 */
export class NotificationDigestService {
  constructor(
    private readonly repo: NotificationRepository,
    private readonly mailer: Mailer,
    private readonly db: Database,
    private readonly log: Logger,
    private readonly urls: { web: string; admin: string },
  ) {}

  /** Sends the digests due at `now`. */
  async sendDue(now: Date = new Date()): Promise<DigestRun> {
    const run: DigestRun = { sent: 0, nudges: 0 };
    for (const person of await this.repo.digestRecipients()) {
      const { localDay, due } = digestDay(now, person.timeZone);
      if (!due) continue;
      const digest = await this.db.transaction((tx) => this.repo.openDigest(tx, person.userId, localDay));
      if (!digest) continue;
      const items = await this.repo.digestItems(digest.notificationIds);
      try {
        const [first] = items;
        const language = first.language;
        const subject = message(language, 'digest.subject', { count: items.length });
        const parts: EmailPart[] = [message(language, 'digest.intro')];
        for (const item of items) {
          parts.push(`• ${item.title}\n${item.body}`);
          if (item.link) parts.push({ link: linkUrl(this.urls, item.link), label: message(language, 'email.open') });
        }
        // where to choose each nudge instead, or turn a kind off: the admin app's Emails page for staff, Me for others
        parts.push(message(language, 'digest.settings'), {
          link: pageFor(
            { staff: appUrl(this.urls.admin, '/account/emails'), participant: appUrl(this.urls.web, '/me#emails') },
            first.roles,
          ),
          label: message(language, 'digest.settingsLink'),
        });
        const ref = await this.mailer.send({
          id: digest.id,
          idHeader: 'X-Tandem-Digest',
          to: first.email,
          toName: first.displayName,
          subject,
          ...renderEmail(first.displayName, subject, parts, language),
        });
        await this.repo.digestSent(digest.id, digest.notificationIds, ref);
        run.sent += 1;
        run.nudges += items.length;
      } catch (error) {
        this.log.warn({ err: error, digest: digest.id }, 'digest not sent');
        await this.repo.digestFailed(digest.id, digest.notificationIds, (error as Error).message ?? String(error));
      }
    }
    return run;
  }
}
