/**
 * Signed checkpoints of the CPD ledger: the heads (sequence and hash) of the chains that moved since the previous
 * checkpoint, hashed together with the previous checkpoint's digest and signed with an Ed25519 key the database
 * never sees. Pure functions: what is signed, how it is verified, and what a chain is checked for against them.
 */
import { createHash, createPrivateKey, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { entryHash, GENESIS_HASH, type LedgerEntryContent } from './ledger-hash';

/** One chain's head as a checkpoint records it. */
export interface CheckpointHead {
  userId: string;
  seq: number;
  hash: string;
}

/**
 * The heads are spread over 256 buckets by the first byte of the person's id; the digest covers the buckets'
 * hashes (a two-level hash tree), so checking one person's head reads only their bucket's heads, not the whole
 * checkpoint (a first checkpoint of a large ledger holds every chain).
 */
export const BUCKETS = 256;
export const bucketOf = (userId: string): number => parseInt(userId.slice(0, 2), 16);
/** The first and last id of a bucket (ids sort as their hex text, so a bucket is a range of the index). */
export function bucketRange(bucket: number): [string, string] {
  const b = bucket.toString(16).padStart(2, '0');
  return [`${b}000000-0000-0000-0000-000000000000`, `${b}ffffff-ffff-ffff-ffff-ffffffffffff`];
}

const byUser = (a: CheckpointHead, b: CheckpointHead) => (a.userId < b.userId ? -1 : a.userId > b.userId ? 1 : 0);

/** sha256 over one bucket's heads, sorted by person: `[[userId, sequence, hash], ...]` as JSON. */
export function bucketHash(heads: CheckpointHead[]): string {
  const canonical = JSON.stringify([...heads].sort(byUser).map((h) => [h.userId.toLowerCase(), Number(h.seq), h.hash]));
  return createHash('sha256').update(canonical).digest('hex');
}

/** The 256 bucket hashes of a checkpoint's heads. */
export function bucketHashes(heads: CheckpointHead[]): string[] {
  const buckets: CheckpointHead[][] = Array.from({ length: BUCKETS }, () => []);
  for (const h of heads) buckets[bucketOf(h.userId)].push(h);
  return buckets.map(bucketHash);
}

/** What a checkpoint's digest covers. */
export interface CheckpointBody {
  seq: number;
  createdAt: string;
  prevDigest: string;
  keyId: string;
  /** The bucket hashes of its heads. */
  buckets: string[];
}

/** The same body always serialises to the same bytes. */
export function canonicalCheckpoint(body: CheckpointBody): string {
  return JSON.stringify({
    seq: Number(body.seq),
    createdAt: new Date(body.createdAt).toISOString(),
    prevDigest: body.prevDigest,
    keyId: body.keyId,
    buckets: body.buckets,
  });
}

/** sha256 over the canonical body (which names the previous digest, so the checkpoints form a chain too). */
export function checkpointDigest(body: CheckpointBody): string {
  return createHash('sha256').update('tandem-cpd-checkpoint\n').update(canonicalCheckpoint(body)).digest('hex');
}

/** The Ed25519 key that signs checkpoints, and the public half that verifies them. */
export class CheckpointKey {
  readonly publicKey: KeyObject;
  readonly publicKeyPem: string;
  /** sha256 of the public key (SPKI DER), first 16 hex digits: names the key in each checkpoint. */
  readonly keyId: string;

  private constructor(private readonly privateKey: KeyObject) {
    if (privateKey.asymmetricKeyType !== 'ed25519') throw new Error('CHECKPOINT_SIGNING_KEY must be an Ed25519 key');
    this.publicKey = createPublicKey(privateKey);
    this.publicKeyPem = this.publicKey.export({ type: 'spki', format: 'pem' }).toString();
    this.keyId = createHash('sha256')
      .update(this.publicKey.export({ type: 'spki', format: 'der' }))
      .digest('hex')
      .slice(0, 16);
  }

  static fromPem(pem: string): CheckpointKey {
    return new CheckpointKey(createPrivateKey(pem));
  }

  /** From CHECKPOINT_SIGNING_KEY (PEM) or the file CHECKPOINT_SIGNING_KEY_FILE; null when neither is set. */
  static fromEnv(env: { CHECKPOINT_SIGNING_KEY?: string; CHECKPOINT_SIGNING_KEY_FILE?: string }): CheckpointKey | null {
    const pem = CheckpointKey.pemFromEnv(env);
    return pem ? CheckpointKey.fromPem(pem) : null;
  }

  /** The configured private key's PEM (from the variable or its file), if any. */
  static pemFromEnv(env: {
    CHECKPOINT_SIGNING_KEY?: string;
    CHECKPOINT_SIGNING_KEY_FILE?: string;
  }): string | undefined {
    return (
      env.CHECKPOINT_SIGNING_KEY ??
      (env.CHECKPOINT_SIGNING_KEY_FILE ? readFileSync(env.CHECKPOINT_SIGNING_KEY_FILE, 'utf8') : undefined)
    );
  }

  sign(digest: string): string {
    return sign(null, Buffer.from(digest, 'utf8'), this.privateKey).toString('base64');
  }
}

/** True when `signature` is the key's signature of `digest`. */
export function verifyCheckpointSignature(publicKey: KeyObject, digest: string, signature: string): boolean {
  try {
    return verify(null, Buffer.from(digest, 'utf8'), publicKey, Buffer.from(signature, 'base64'));
  } catch {
    return false;
  }
}

type StoredCheckpoint = CheckpointBody & { digest: string; signature: string };

/** A stored checkpoint: is it what the key signed, over exactly these heads (all of them)? */
export function checkpointValid(
  publicKey: KeyObject | null,
  stored: StoredCheckpoint,
  heads: CheckpointHead[],
): boolean {
  if (!publicKey) return false;
  const buckets = bucketHashes(heads);
  return (
    stored.buckets.length === BUCKETS &&
    buckets.every((b, i) => b === stored.buckets[i]) &&
    signedDigest(publicKey, stored)
  );
}

/** Whether a checkpoint holds for one person: their bucket's heads hash to the signed bucket hash. */
export function checkpointValidFor(
  publicKey: KeyObject | null,
  stored: StoredCheckpoint,
  userId: string,
  bucketHeads: CheckpointHead[],
): boolean {
  if (!publicKey || stored.buckets.length !== BUCKETS) return false;
  return bucketHash(bucketHeads) === stored.buckets[bucketOf(userId)] && signedDigest(publicKey, stored);
}

function signedDigest(publicKey: KeyObject, stored: StoredCheckpoint): boolean {
  return (
    checkpointDigest(stored) === stored.digest && verifyCheckpointSignature(publicKey, stored.digest, stored.signature)
  );
}

/**
 * What a person's entries are checked for against the checkpoints that recorded their chain:
 * - CHECKPOINT_INVALID: a checkpoint's signature or digest does not verify (forged, or its heads were changed);
 * - TAIL_DELETED: fewer entries than a checkpoint recorded;
 * - HISTORY_REWRITTEN: the chain recomputed from the entries' content does not reach the signed head at the
 *   checkpointed sequence (an entry edited with its hashes recomputed, inserted or removed before it).
 */
export type CheckpointProblem = 'CHECKPOINT_INVALID' | 'TAIL_DELETED' | 'HISTORY_REWRITTEN';

export interface CheckpointCheck {
  /** The latest checkpoint that recorded the person's chain. */
  checkpointSeq: number;
  checkpointedAt: Date;
  /** The entries that checkpoint covers (its head's sequence). */
  checkpointedEntries: number;
  intact: boolean;
  problem: CheckpointProblem | null;
  /** The first sequence that may have changed. */
  brokenAtSeq: number | null;
}

export interface PersonCheckpoint extends CheckpointBody {
  digest: string;
  signature: string;
  /** The person's head in it. */
  head: CheckpointHead;
  /** Whether the checkpoint verifies for this person (signature, digest, their bucket's heads). */
  valid: boolean;
}

/**
 * Checks a person's chain against every checkpoint that recorded it (oldest first) and reports the first problem.
 * The chain is recomputed from the entries' content, never taken from their stored hashes.
 */
export function checkAgainstCheckpoints(
  rows: Array<LedgerEntryContent & { hash: string | null }>,
  checkpoints: PersonCheckpoint[],
): CheckpointCheck | null {
  if (checkpoints.length === 0) return null;
  const ordered = [...checkpoints].sort((a, b) => a.seq - b.seq);
  const latest = ordered.at(-1)!;
  const chained = rows.filter((r) => r.seq !== null && r.hash !== null).sort((a, b) => a.seq - b.seq);
  // the hash the content reaches at each position (1-based), recomputed from the genesis
  const recomputed: string[] = [];
  let prev = GENESIS_HASH;
  for (const row of chained) {
    prev = entryHash(row, prev);
    recomputed.push(prev);
  }
  const result = (problem: CheckpointProblem | null, brokenAtSeq: number | null): CheckpointCheck => ({
    checkpointSeq: latest.seq,
    checkpointedAt: new Date(latest.createdAt),
    checkpointedEntries: Number(latest.head.seq),
    intact: problem === null,
    problem,
    brokenAtSeq,
  });
  let lastGood = 0;
  for (const cp of ordered) {
    if (!cp.valid) return result('CHECKPOINT_INVALID', null);
    const at = Number(cp.head.seq);
    if (chained.length < at) return result('TAIL_DELETED', Math.max(lastGood, chained.length) + 1);
    if (Number(chained[at - 1].seq) !== at || recomputed[at - 1] !== cp.head.hash)
      return result('HISTORY_REWRITTEN', lastGood + 1);
    lastGood = at;
  }
  return result(null, null);
}
