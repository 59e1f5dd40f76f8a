import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Completed relationships that continue with new goals count as active again (RelationshipContinued). */
export class RelationshipsContinued1764200000000 implements MigrationInterface {
  name = 'RelationshipsContinued1764200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE stats_daily ADD COLUMN relationships_continued int NOT NULL DEFAULT 0`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE stats_daily DROP COLUMN relationships_continued`);
  }
}
