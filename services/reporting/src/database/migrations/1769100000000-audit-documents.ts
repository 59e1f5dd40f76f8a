import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Supporting documents a selected member uploads for their audit, and the member's own answer. The bytes live in
 * the storage directory (AUDIT_DOCUMENTS_DIR) under `storage_key`, a name the service generates (never the
 * uploaded file's name); the row keeps the checksum every read verifies. Once the member submits their answer
 * (`answered_at`), documents can no longer be removed.
 */
export class AuditDocuments1769100000000 implements MigrationInterface {
  name = 'AuditDocuments1769100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE audit_document (
      id uuid PRIMARY KEY,
      selection_id uuid NOT NULL REFERENCES audit_selection(id),
      user_id uuid NOT NULL,
      storage_key text NOT NULL UNIQUE CHECK (storage_key ~ '^[0-9a-f-]{36}$'),
      filename text NOT NULL,
      media_type text NOT NULL,
      size_bytes int NOT NULL CHECK (size_bytes > 0),
      sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
      uploaded_at timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE INDEX audit_document_selection ON audit_document (selection_id, uploaded_at)`);
    await q.query(`ALTER TABLE audit_selection ADD COLUMN member_answer text, ADD COLUMN answered_at timestamptz`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE audit_selection DROP COLUMN answered_at, DROP COLUMN member_answer`);
    await q.query(`DROP TABLE audit_document`);
  }
}
