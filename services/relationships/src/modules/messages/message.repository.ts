import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';

export interface MessageEntity {
  id: string;
  relationshipId: string;
  authorId: string;
  body: string;
  sentAt: Date;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const toMessage = (r: Record<string, any>): MessageEntity => ({
  id: r.id,
  relationshipId: r.relationship_id,
  authorId: r.author_id,
  body: r.body,
  sentAt: r.sent_at,
});

/** Reads and writes the messages between the two partners. */
export class MessageRepository {
  constructor(private readonly dataSource: DataSource) {}

  async insert(
    manager: EntityManager,
    relationshipId: string,
    authorId: string,
    body: string,
    at: Date,
  ): Promise<MessageEntity> {
    const rows = await manager.query(
      `INSERT INTO message (id, relationship_id, author_id, body, sent_at) VALUES ($1, $2, $3, $4, $5) RETURNING *`,
      [randomUUID(), relationshipId, authorId, body, at],
    );
    return toMessage(rows[0]);
  }

  /** Newest first; `before` is the (sentAt, id) of the last message of the previous page. */
  async page(
    relationshipId: string,
    before: { sentAt: string; id: string } | null,
    limit: number,
  ): Promise<MessageEntity[]> {
    const rows = await this.dataSource.query(
      `SELECT * FROM message WHERE relationship_id = $1 AND ($2::timestamptz IS NULL OR (sent_at, id) < ($2::timestamptz, $3::uuid)) ORDER BY sent_at DESC, id DESC LIMIT $4`,
      [relationshipId, before?.sentAt ?? null, before?.id ?? null, limit],
    );
    return rows.map(toMessage);
  }
}
