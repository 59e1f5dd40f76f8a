import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `user.time_zone`: the IANA time zone the person chose (asked at registration, editable on the Me page); meeting
 * times are shown and sent to them in it. Existing accounts start from the zone their mentor or mentee profile
 * gave, else null (unknown) until they choose.
 */
export class UserTimeZone1767100000000 implements MigrationInterface {
  name = 'UserTimeZone1767100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "user" ADD COLUMN time_zone text`);
    await q.query(
      `UPDATE "user" u SET time_zone = COALESCE(
         (SELECT NULLIF(time_zone, '') FROM mentor_profile WHERE user_id = u.id),
         (SELECT NULLIF(time_zone, '') FROM mentee_profile WHERE user_id = u.id))`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "user" DROP COLUMN time_zone`);
  }
}
