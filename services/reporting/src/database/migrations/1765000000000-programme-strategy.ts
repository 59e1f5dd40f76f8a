import type { MigrationInterface, QueryRunner } from 'typeorm';

/** One spelling: audits stratified by programme are stored as STRATIFIED_BY_PROGRAMME (the API still reads the former name). */
export class ProgrammeStrategy1765000000000 implements MigrationInterface {
  name = 'ProgrammeStrategy1765000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`UPDATE audit SET strategy = 'STRATIFIED_BY_PROGRAMME' WHERE strategy = 'STRATIFIED_BY_PROGRAM'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`UPDATE audit SET strategy = 'STRATIFIED_BY_PROGRAM' WHERE strategy = 'STRATIFIED_BY_PROGRAMME'`);
  }
}
