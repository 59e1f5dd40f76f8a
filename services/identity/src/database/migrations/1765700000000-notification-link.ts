import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `notification.link`: the participant app's path (with its query or fragment) of the screen where the person
 * acts on the notification (a request to answer, a meeting to confirm…); null when there is nothing to do.
 * Emails turn it into a full link with WEB_APP_URL; the app opens it from the notification list.
 */
export class NotificationLink1765700000000 implements MigrationInterface {
  name = 'NotificationLink1765700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE notification ADD COLUMN link text`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE notification DROP COLUMN link`);
  }
}
