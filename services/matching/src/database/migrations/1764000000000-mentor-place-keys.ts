import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Lower-cased place keys, computed once per write instead of once per row per search. */
export class MentorPlaceKeys1764000000000 implements MigrationInterface {
  name = 'MentorPlaceKeys1764000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE mentor_profile
      ADD COLUMN city_key text GENERATED ALWAYS AS (lower(trim(city))) STORED,
      ADD COLUMN time_zone_key text GENERATED ALWAYS AS (lower(trim(time_zone))) STORED,
      ADD COLUMN country_key text GENERATED ALWAYS AS (lower(trim(country))) STORED`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE mentor_profile DROP COLUMN city_key, DROP COLUMN time_zone_key, DROP COLUMN country_key`,
    );
  }
}
