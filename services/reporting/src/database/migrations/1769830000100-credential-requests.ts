import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A partner asks their organisation for a credential for the hours they have confirmed so far; staff issue it (the
 * request is then ISSUED) or decline it with a reason. One open request per person and relationship.
 */
export class CredentialRequests1769830000100 implements MigrationInterface {
  name = 'CredentialRequests1769830000100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE credential_request (
      id uuid PRIMARY KEY,
      user_id uuid NOT NULL,
      relationship_id uuid NOT NULL,
      organization_id uuid NOT NULL,
      programme_id uuid NOT NULL,
      role text NOT NULL CHECK (role IN ('MENTOR', 'MENTEE')),
      hours numeric(10,2) NOT NULL,
      note text,
      requested_at timestamptz NOT NULL DEFAULT now(),
      resolution text CHECK (resolution IN ('ISSUED', 'DECLINED')),
      resolved_by uuid,
      resolved_at timestamptz,
      decline_reason text,
      CHECK ((resolution IS NULL) = (resolved_at IS NULL)),
      CHECK (resolution IS DISTINCT FROM 'DECLINED' OR decline_reason IS NOT NULL)
    )`);
    await q.query(
      `CREATE UNIQUE INDEX credential_request_open ON credential_request (user_id, relationship_id) WHERE resolved_at IS NULL`,
    );
    await q.query(
      `CREATE INDEX credential_request_queue ON credential_request (organization_id, requested_at) WHERE resolved_at IS NULL`,
    );
    await q.query(`CREATE INDEX credential_request_person ON credential_request (user_id, requested_at DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE credential_request`);
  }
}
