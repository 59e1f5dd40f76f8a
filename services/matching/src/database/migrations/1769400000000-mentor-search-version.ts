import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every write to a mentor's read model (the profile, the load's `has_capacity`, a status) takes the next number of
 * one sequence, so the search's in-memory index (search.index.ts) reads only the rows written since it last looked.
 */
export class MentorSearchVersion1769400000000 implements MigrationInterface {
  name = 'MentorSearchVersion1769400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE SEQUENCE mentor_search_version`);
    await q.query(
      `ALTER TABLE mentor_profile ADD COLUMN search_version bigint NOT NULL DEFAULT nextval('mentor_search_version')`,
    );
    await q.query(`CREATE INDEX mentor_profile_search_version ON mentor_profile (search_version)`);
    await q.query(`CREATE FUNCTION mentor_profile_search_version() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN NEW.search_version := nextval('mentor_search_version'); RETURN NEW; END $$`);
    await q.query(`CREATE TRIGGER mentor_profile_search_version BEFORE UPDATE ON mentor_profile
      FOR EACH ROW EXECUTE FUNCTION mentor_profile_search_version()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER mentor_profile_search_version ON mentor_profile`);
    await q.query(`DROP FUNCTION mentor_profile_search_version()`);
    await q.query(`ALTER TABLE mentor_profile DROP COLUMN search_version`);
    await q.query(`DROP SEQUENCE mentor_search_version`);
  }
}
