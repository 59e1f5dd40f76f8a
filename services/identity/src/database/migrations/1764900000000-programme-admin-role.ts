import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The programme administrator's role takes the platform's one spelling of programme. */
export class ProgrammeAdminRole1764900000000 implements MigrationInterface {
  name = 'ProgrammeAdminRole1764900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `UPDATE "user" SET roles = array_replace(roles, 'PROGRAM_ADMIN', 'PROGRAMME_ADMIN') WHERE 'PROGRAM_ADMIN' = ANY(roles)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      `UPDATE "user" SET roles = array_replace(roles, 'PROGRAMME_ADMIN', 'PROGRAM_ADMIN') WHERE 'PROGRAMME_ADMIN' = ANY(roles)`,
    );
  }
}
