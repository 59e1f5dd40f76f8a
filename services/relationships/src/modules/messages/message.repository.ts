import { randomUUID } from 'node:crypto';
import type { Database, Tx } from '@tandem/subgraph-kit';

/** A row of `message`: one message between the two partners. */
export interface MessageRow {
  id: string;
  relationshipId: string;
  authorId: string;
  body: string;
  sentAt: Date;
}

const COLUMNS = `id, relationship_id AS "relationshipId", author_id AS "authorId", body, sent_at AS "sentAt"`;

/** Reads and writes the messages between the two partners. */
export class MessageRepository {
  constructor(private readonly db: Database) {}

  async insert(tx: Tx, relationshipId: string, authorId: string, body: string, at: Date): Promise<MessageRow> {
    return (await tx.one<MessageRow>(
      `INSERT INTO message (id, relationship_id, author_id, body, sent_at) VALUES ($1, $2, $3, $4, $5) RETURNING ${COLUMNS}`,
      [randomUUID(), relationshipId, authorId, body, at],
    ))!;
  }

  /** Newest first; `before` is the (sentAt, id) of the last message of the previous page. */
  async page(relationshipId: string, before: [string, string] | null, limit: number): Promise<MessageRow[]> {
    return this.db.query<MessageRow>(
      `SELECT ${COLUMNS} FROM message WHERE relationship_id = $1 AND ($2::timestamptz IS NULL OR (sent_at, id) < ($2::timestamptz, $3::uuid))
       ORDER BY sent_at DESC, id DESC LIMIT $4`,
      [relationshipId, before?.[0] ?? null, before?.[1] ?? null, limit],
    );
  }

  async count(relationshipId: string): Promise<number> {
    const row = await this.db.one<{ n: number }>(`SELECT count(*)::int AS n FROM message WHERE relationship_id = $1`, [
      relationshipId,
    ]);
    return row?.n ?? 0;
  }
}
