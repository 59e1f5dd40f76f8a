import { outcome, refuse, requireRole, type Database, type Logger, type SubgraphContext } from '@tandem/subgraph-kit';
import type { KeyObject } from 'node:crypto';
import {
  bucketHashes,
  bucketOf,
  bucketRange,
  checkAgainstCheckpoints,
  checkpointDigest,
  checkpointValid,
  checkpointValidFor,
  type CheckpointBody,
  type CheckpointCheck,
  type CheckpointKey,
  type PersonCheckpoint,
} from './ledger-checkpoint';
import { GENESIS_HASH, type LedgerEntryContent } from './ledger-hash';
import type { CheckpointRepository, CheckpointRow } from './checkpoint.repository';
import { toCpdCheckpoint, type CpdCheckpoint } from './cpd.type';

/**
 * Signed checkpoints of the CPD ledger: writes them (the scheduled job, or an ADMIN on demand), serves the latest
 * (or a given one) for auditors to keep outside the platform, and checks a person's chain against them.
 */
export class CheckpointService {
  constructor(
    private readonly checkpoints: CheckpointRepository,
    private readonly db: Database,
    private readonly key: CheckpointKey | null,
    private readonly log: Logger,
  ) {}

  /** The public key the checkpoints are verified with (null without a signing key). */
  get publicKey(): KeyObject | null {
    return this.key?.publicKey ?? null;
  }

  /**
   * Writes a checkpoint of every chain whose head moved since the previous one (nothing when none moved).
   * Returns the latest checkpoint afterwards. Serialised across replicas.
   */
  async write(): Promise<CheckpointRow | null> {
    const key = this.key;
    if (!key) {
      this.log.warn('no CHECKPOINT_SIGNING_KEY or CHECKPOINT_SIGNING_KEY_FILE: the CPD ledger is not checkpointed');
      return null;
    }
    return this.db.transaction(async (tx) => {
      await this.checkpoints.lock(tx);
      const latest = await this.checkpoints.latest(tx);
      // chained to (and counted from) the latest checkpoint that verifies: one appended by someone without the
      // key (the runtime role may insert) can neither stop the checkpoints nor hide the chains that moved
      const previous = await this.latestValid(latest);
      const heads = await this.checkpoints.movedHeads(tx, previous?.createdAt ?? null);
      if (heads.length === 0) return latest;
      const body: CheckpointBody = {
        seq: (latest?.seq ?? 0) + 1,
        createdAt: new Date().toISOString(),
        prevDigest: previous?.digest ?? GENESIS_HASH,
        keyId: key.keyId,
        buckets: bucketHashes(heads),
      };
      const digest = checkpointDigest(body);
      const row = {
        seq: body.seq,
        createdAt: new Date(body.createdAt),
        prevDigest: body.prevDigest,
        digest,
        buckets: body.buckets,
        keyId: key.keyId,
        signature: key.sign(digest),
      };
      await this.checkpoints.insert(tx, row, heads);
      this.log.info({ checkpoint: row.seq, heads: heads.length }, 'CPD ledger checkpoint written');
      return { ...row, headCount: heads.length };
    });
  }

  /** The latest checkpoint that verifies, looking back from `latest` (at most 100). */
  private async latestValid(latest: CheckpointRow | null): Promise<CheckpointRow | null> {
    for (let seq = latest?.seq ?? 0, tries = 0; seq > 0 && tries < 100; seq -= 1, tries += 1) {
      const row = seq === latest?.seq ? latest : await this.checkpoints.bySeq(seq);
      if (row && (await this.isValid(row))) return row;
      if (row) this.log.warn({ checkpoint: seq }, 'CPD ledger checkpoint does not verify: skipped');
    }
    return null;
  }

  private async isValid(row: CheckpointRow): Promise<boolean> {
    const heads = await this.checkpoints.headsOf([row.seq]);
    return checkpointValid(this.publicKey, { ...row, createdAt: row.createdAt.toISOString() }, heads);
  }

  /** ADMIN: a checkpoint now rather than at the next scheduled run. */
  async writeNow(ctx: SubgraphContext) {
    requireRole(ctx, 'ADMIN');
    return outcome('checkpoint', async () => {
      if (!this.key) throw refuse('checkpoint', 'NO_SIGNING_KEY', 'No checkpoint signing key is configured.');
      const row = await this.write();
      return row ? await this.present(row) : null;
    });
  }

  /** Auditors (programme admins, admins): the latest checkpoint, or the one numbered `seq`, to keep a copy of. */
  async checkpoint(ctx: SubgraphContext, seq: number | null): Promise<CpdCheckpoint | null> {
    requireRole(ctx, 'PROGRAMME_ADMIN', 'ADMIN');
    const row = seq === null ? await this.checkpoints.latest() : await this.checkpoints.bySeq(seq);
    return row ? this.present(row) : null;
  }

  private async present(row: CheckpointRow): Promise<CpdCheckpoint> {
    return toCpdCheckpoint(row, await this.isValid(row), this.key?.publicKeyPem ?? null);
  }

  /** The person's chain against every checkpoint that recorded it; null when none has yet. */
  async checkPerson(
    userId: string,
    rows: Array<LedgerEntryContent & { hash: string | null }>,
  ): Promise<CheckpointCheck | null> {
    const recorded = await this.checkpoints.forPerson(userId);
    if (recorded.length === 0) return null;
    // only the person's bucket of each checkpoint is read (the bucket hashes are signed)
    const heads = await this.checkpoints.bucketHeads(
      recorded.map((r) => r.seq),
      bucketRange(bucketOf(userId)),
    );
    const personCheckpoints: PersonCheckpoint[] = recorded.map((r) => {
      const stored = {
        seq: r.seq,
        createdAt: r.createdAt.toISOString(),
        prevDigest: r.prevDigest,
        keyId: r.keyId,
        buckets: r.buckets,
        digest: r.digest,
        signature: r.signature,
      };
      const bucket = heads.filter((h) => h.checkpointSeq === r.seq);
      return {
        ...stored,
        head: { userId, seq: r.headSeq, hash: r.headHash },
        valid: checkpointValidFor(this.publicKey, stored, userId, bucket),
      };
    });
    return checkAgainstCheckpoints(rows, personCheckpoints);
  }
}
