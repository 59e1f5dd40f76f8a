import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Letters the organisation issues: a member's request for a letter confirming hours (a programme, a period), reviewed
 * by staff, issued as a PDF whose SHA-256 is recorded (the public verification page compares a dropped file with
 * it), declined or revoked with a reason. The PDF bytes are kept as issued.
 */
export class IssuedLetters1767400000000 implements MigrationInterface {
  name = 'IssuedLetters1767400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE letter (
      id uuid PRIMARY KEY,
      reference text NOT NULL UNIQUE,
      user_id uuid NOT NULL,
      programme_id uuid NOT NULL,
      period_from date NOT NULL,
      period_to date NOT NULL,
      status text NOT NULL CHECK (status IN ('REQUESTED', 'ISSUED', 'DECLINED', 'REVOKED')),
      requested_at timestamptz NOT NULL DEFAULT now(),
      reviewed_by uuid,
      reviewed_at timestamptz,
      decline_reason text,
      signatory_name text,
      signatory_role text,
      typed_signature text,
      person_name text,
      organization_name text,
      programme_name text,
      participant_role text,
      hours numeric(10,2),
      meetings integer,
      pdf bytea,
      sha256 text,
      issued_at timestamptz,
      revoked_by uuid,
      revoked_at timestamptz,
      revoke_reason text
    )`);
    await q.query(`CREATE INDEX letter_user_idx ON letter (user_id, requested_at DESC)`);
    await q.query(`CREATE INDEX letter_status_idx ON letter (status, requested_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE letter`);
  }
}
