import type { Database, Tx } from '@tandem/subgraph-kit';
import type { CheckpointHead } from './ledger-checkpoint';

/** A stored checkpoint (without its heads). */
export interface CheckpointRow {
  seq: number;
  createdAt: Date;
  prevDigest: string;
  digest: string;
  /** The 256 bucket hashes the digest covers. */
  buckets: string[];
  headCount: number;
  keyId: string;
  signature: string;
}

/** A person's head in one checkpoint, with the checkpoint. */
export interface PersonHeadRow extends CheckpointRow {
  headSeq: number;
  headHash: string;
}

const CHECKPOINT_COLUMNS = `c.seq, c.created_at AS "createdAt", c.prev_digest AS "prevDigest", c.digest, c.buckets,
  c.head_count AS "headCount", c.key_id AS "keyId", c.signature`;

/**
 * The CPD ledger's signed checkpoints: append-only tables (the runtime role may insert, never update or delete).
 * The only SQL of the checkpoints.
 */
export class CheckpointRepository {
  constructor(private readonly db: Database) {}

  /** One checkpoint job at a time, across replicas (until the transaction ends). */
  async lock(tx: Tx): Promise<void> {
    await tx.query(`SELECT pg_advisory_xact_lock(hashtextextended('cpd:checkpoint', 0))`);
  }

  async latest(tx?: Tx): Promise<CheckpointRow | null> {
    return (tx ?? this.db).one<CheckpointRow>(
      `SELECT ${CHECKPOINT_COLUMNS} FROM cpd_checkpoint c ORDER BY c.seq DESC LIMIT 1`,
    );
  }

  async bySeq(seq: number): Promise<CheckpointRow | null> {
    return this.db.one<CheckpointRow>(`SELECT ${CHECKPOINT_COLUMNS} FROM cpd_checkpoint c WHERE c.seq = $1`, [seq]);
  }

  /**
   * The chains whose head moved since the last checkpoint: among the people with entries recorded since
   * `since` (less a margin for transactions that committed after it), those whose head differs from the one
   * last checkpointed. Every chain when `since` is null (the first checkpoint).
   */
  async movedHeads(tx: Tx, since: Date | null): Promise<CheckpointHead[]> {
    return tx.query<CheckpointHead>(
      `WITH candidates AS (
         SELECT DISTINCT user_id FROM cpd_entry
          WHERE seq IS NOT NULL AND ($1::timestamptz IS NULL OR recorded_at >= $1::timestamptz - interval '10 minutes')
       ), heads AS (
         SELECT DISTINCT ON (e.user_id) e.user_id, e.seq, e.hash
           FROM cpd_entry e JOIN candidates c ON c.user_id = e.user_id
          WHERE e.seq IS NOT NULL AND e.hash IS NOT NULL
          ORDER BY e.user_id, e.seq DESC
       )
       SELECT h.user_id AS "userId", h.seq, h.hash FROM heads h
        WHERE NOT EXISTS (
          SELECT 1 FROM cpd_checkpoint_head k
           WHERE k.user_id = h.user_id AND k.seq = h.seq AND k.hash = h.hash
             AND k.checkpoint_seq = (SELECT max(checkpoint_seq) FROM cpd_checkpoint_head l WHERE l.user_id = h.user_id)
        )
        ORDER BY h.user_id`,
      [since],
    );
  }

  async insert(tx: Tx, row: Omit<CheckpointRow, 'headCount'>, heads: CheckpointHead[]): Promise<void> {
    await tx.execute(
      `INSERT INTO cpd_checkpoint (seq, created_at, prev_digest, digest, buckets, head_count, key_id, signature)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [row.seq, row.createdAt, row.prevDigest, row.digest, row.buckets, heads.length, row.keyId, row.signature],
    );
    // in batches: one statement per 1,000 heads
    for (let i = 0; i < heads.length; i += 1000) {
      const batch = heads.slice(i, i + 1000);
      await tx.execute(
        `INSERT INTO cpd_checkpoint_head (checkpoint_seq, user_id, seq, hash)
         SELECT $1, u, s, h FROM unnest($2::uuid[], $3::int[], $4::text[]) AS t(u, s, h)`,
        [row.seq, batch.map((h) => h.userId), batch.map((h) => h.seq), batch.map((h) => h.hash)],
      );
    }
  }

  /** Every checkpoint that recorded the person's chain, oldest first, with the person's head in it. */
  async forPerson(userId: string): Promise<PersonHeadRow[]> {
    return this.db.query<PersonHeadRow>(
      `SELECT ${CHECKPOINT_COLUMNS}, k.seq AS "headSeq", k.hash AS "headHash"
         FROM cpd_checkpoint_head k JOIN cpd_checkpoint c ON c.seq = k.checkpoint_seq
        WHERE k.user_id = $1 ORDER BY c.seq`,
      [userId],
    );
  }

  /** The heads of the given checkpoints in one bucket (an id range of the primary key). */
  async bucketHeads(
    checkpointSeqs: number[],
    [first, last]: [string, string],
  ): Promise<Array<CheckpointHead & { checkpointSeq: number }>> {
    if (checkpointSeqs.length === 0) return [];
    return this.db.query(
      `SELECT checkpoint_seq AS "checkpointSeq", user_id AS "userId", seq, hash FROM cpd_checkpoint_head
        WHERE checkpoint_seq = ANY($1::int[]) AND user_id BETWEEN $2::uuid AND $3::uuid
        ORDER BY checkpoint_seq, user_id`,
      [checkpointSeqs, first, last],
    );
  }

  /** The heads of the given checkpoints (to recompute their digests). */
  async headsOf(checkpointSeqs: number[]): Promise<Array<CheckpointHead & { checkpointSeq: number }>> {
    if (checkpointSeqs.length === 0) return [];
    return this.db.query(
      `SELECT checkpoint_seq AS "checkpointSeq", user_id AS "userId", seq, hash FROM cpd_checkpoint_head
        WHERE checkpoint_seq = ANY($1::int[]) ORDER BY checkpoint_seq, user_id`,
      [checkpointSeqs],
    );
  }
}
