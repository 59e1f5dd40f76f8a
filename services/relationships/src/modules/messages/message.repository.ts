import { randomUUID } from 'node:crypto';
import type { Database, Tx } from '@tandem/subgraph-kit';

/** PARTNERS: the two partners' private thread; COACH: the thread that includes the relationship's coaches. */
export type MessageThread = 'PARTNERS' | 'COACH';

/** A row of `message`: one message of a relationship's thread. */
export interface MessageRow {
  id: string;
  relationshipId: string;
  thread: MessageThread;
  authorId: string;
  body: string;
  sentAt: Date;
}

const COLUMNS = `id, relationship_id AS "relationshipId", thread, author_id AS "authorId", body, sent_at AS "sentAt"`;

/** Reads and writes the messages of a relationship's threads. */
export class MessageRepository {
  constructor(private readonly db: Database) {}

  async insert(
    tx: Tx,
    thread: MessageThread,
    relationshipId: string,
    authorId: string,
    body: string,
    at: Date,
  ): Promise<MessageRow> {
    return (await tx.one<MessageRow>(
      `INSERT INTO message (id, relationship_id, thread, author_id, body, sent_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING ${COLUMNS}`,
      [randomUUID(), relationshipId, thread, authorId, body, at],
    ))!;
  }

  /** Newest first; `before` is the (sentAt, id) of the last message of the previous page. */
  async page(
    thread: MessageThread,
    relationshipId: string,
    before: [string, string] | null,
    limit: number,
  ): Promise<MessageRow[]> {
    return this.db.query<MessageRow>(
      `SELECT ${COLUMNS} FROM message WHERE relationship_id = $1 AND thread = $2
         AND ($3::timestamptz IS NULL OR (sent_at, id) < ($3::timestamptz, $4::uuid))
       ORDER BY sent_at DESC, id DESC LIMIT $5`,
      [relationshipId, thread, before?.[0] ?? null, before?.[1] ?? null, limit],
    );
  }

  async count(thread: MessageThread, relationshipId: string): Promise<number> {
    const row = await this.db.one<{ n: number }>(
      `SELECT count(*)::int AS n FROM message WHERE relationship_id = $1 AND thread = $2`,
      [relationshipId, thread],
    );
    return row?.n ?? 0;
  }
}
