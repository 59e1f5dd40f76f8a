/**
 * Signed checkpoints of the CPD ledger (issue 17): through the gateway, a checkpoint anchors each chain's head and
 * verifyCpdLedger checks against it; as the database OWNER (who can switch the ledger's trigger off), a deleted
 * tail, an entry edited with its hashes recomputed and a forged entry inserted all keep a consistent chain, and
 * only the signed checkpoint shows them; the runtime role can append a checkpoint but not sign one, and never
 * change or remove one.
 */
import { createPublicKey, randomUUID, verify } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runtimeUrlFor } from '@tandem/subgraph-kit';
import { principal, startStack, type Stack, testDatabaseUrl } from '@tandem/testkit';
import { reporting } from '../src/service';
import { entryHash, GENESIS_HASH } from '../src/modules/cpd/ledger-hash';
import { ENTRY_COLUMNS, type LedgerEntryRow } from '../src/modules/cpd/ledger.repository';
import { World } from './fixtures';

let stack: Stack;
let world: World;
const admin = principal('ADMIN');
const auditor = principal('PROGRAMME_ADMIN');

beforeAll(async () => {
  stack = await startStack({ databaseUrl: testDatabaseUrl(), services: [reporting] });
  world = new World(stack);
});
afterAll(async () => {
  await stack?.stop();
});

interface Verification {
  intact: boolean;
  entries: number;
  brokenAtSequence: number | null;
  reason: string | null;
  firstProblem: string | null;
  checkpointSequence: number | null;
  checkpointedEntries: number | null;
  checkpointIntact: boolean | null;
  uncheckpointedEntries: number;
}
interface Checkpoint {
  sequence: number;
  previousDigest: string;
  digest: string;
  signature: string;
  publicKey: string;
  keyId: string;
  headCount: number;
  valid: boolean;
}
const CHECKPOINT = 'sequence previousDigest digest signature publicKey keyId headCount valid';

async function writeCheckpoint(): Promise<Checkpoint> {
  const res = await stack.gql<{ writeCpdCheckpoint: { checkpoint: Checkpoint; errors: unknown[] } }>(
    `mutation { writeCpdCheckpoint { checkpoint { ${CHECKPOINT} } errors { field code } } }`,
    {},
    { as: admin },
  );
  expect(res.errors).toBeUndefined();
  expect(res.data!.writeCpdCheckpoint.errors).toEqual([]);
  return res.data!.writeCpdCheckpoint.checkpoint;
}

async function verifyLedger(userId: string): Promise<Verification> {
  const res = await stack.gql<{ verifyCpdLedger: Verification }>(
    `query ($id: ID!) { verifyCpdLedger(userId: $id) { intact entries brokenAtSequence reason firstProblem
       checkpointSequence checkpointedAt checkpointedEntries checkpointIntact uncheckpointedEntries } }`,
    { id: userId },
    { as: auditor },
  );
  expect(res.errors).toBeUndefined();
  return res.data!.verifyCpdLedger;
}

/** A mentor with `n` confirmed meetings in their ledger. */
async function ledgerOf(n: number): Promise<string> {
  const programme = await world.programme();
  const mentorId = await world.person('Grace Hopper', { roles: ['MENTOR'] });
  const menteeId = await world.person('Alan Turing');
  const rel = await world.relationship({ programmeId: programme.id, mentorId, menteeId });
  for (let i = 1; i <= n; i++) await world.confirm(world.meeting(rel, `2026-03-0${i}`, 60 + i * 15));
  await world.settle();
  return mentorId;
}

/**
 * What an attacker with the owner role can do: switch the ledger's trigger off and replace a person's entries
 * with `edit(entries)`, renumbered and with every hash recomputed, so the chain alone still holds.
 */
async function rewriteAsOwner(userId: string, edit: (rows: LedgerEntryRow[]) => LedgerEntryRow[]): Promise<void> {
  const client = new pg.Client({ connectionString: stack.databaseUrl });
  await client.connect();
  try {
    await client.query('BEGIN');
    await client.query('SET LOCAL search_path TO reporting');
    const { rows } = await client.query<LedgerEntryRow>(
      `SELECT ${ENTRY_COLUMNS} FROM cpd_entry WHERE user_id = $1 ORDER BY seq`,
      [userId],
    );
    let prev = GENESIS_HASH;
    const rewritten = edit(rows).map((row, i) => {
      const entry = { ...row, seq: i + 1 };
      const hash = entryHash(entry, prev);
      const out = { ...entry, prevHash: prev, hash };
      prev = hash;
      return out;
    });
    await client.query('ALTER TABLE cpd_entry DISABLE TRIGGER cpd_entry_no_update');
    await client.query('DELETE FROM cpd_entry WHERE user_id = $1', [userId]);
    for (const e of rewritten) {
      await client.query(
        `INSERT INTO cpd_entry (id, user_id, seq, kind, role, relationship_id, programme_id, counterpart_id, cpd_category,
           meeting_id, revision, reverses_entry_id, occurred_on, start_time, duration_minutes, hours, topics, homework,
           confirmed_by_mentor_at, confirmed_by_mentee_at, prev_hash, hash)
         VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18,$19,$20,$21,$22)`,
        [
          e.id,
          e.userId,
          e.seq,
          e.kind,
          e.role,
          e.relationshipId,
          e.programmeId,
          e.counterpartId,
          e.cpdCategory,
          e.meetingId,
          e.revision,
          e.reversesEntryId,
          e.occurredOn,
          e.startTime,
          e.durationMinutes,
          e.hours,
          e.topics,
          e.homework,
          e.confirmedByMentorAt,
          e.confirmedByMenteeAt,
          e.prevHash,
          e.hash,
        ],
      );
    }
    await client.query('ALTER TABLE cpd_entry ENABLE TRIGGER cpd_entry_no_update');
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  } finally {
    await client.end();
  }
}

async function asRuntimeRole<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: runtimeUrlFor(stack.databaseUrl, 'reporting') });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
const refusal = (p: Promise<unknown>) =>
  p.then(
    () => 'allowed',
    (error: { code?: string }) => error.code,
  );

describe('signed checkpoints of the CPD ledger', () => {
  it('should anchor the heads that moved, verify against them and say what the last checkpoint does not cover yet', async () => {
    const userId = await ledgerOf(3);
    expect(await verifyLedger(userId)).toMatchObject({
      intact: true,
      checkpointIntact: null,
      uncheckpointedEntries: 3,
    });

    const first = await writeCheckpoint();
    expect(first.valid).toBe(true);
    // the public key verifies the signature of the digest, outside the platform
    expect(
      verify(null, Buffer.from(first.digest), createPublicKey(first.publicKey), Buffer.from(first.signature, 'base64')),
    ).toBe(true);
    expect(await verifyLedger(userId)).toMatchObject({
      intact: true,
      checkpointIntact: true,
      checkpointedEntries: 3,
      uncheckpointedEntries: 0,
      firstProblem: null,
    });

    // a chain that did not move is not recorded again
    await writeCheckpoint();
    const heads = () =>
      stack.sql<{ seq: number }>(
        `SELECT seq FROM reporting.cpd_checkpoint_head WHERE user_id = $1 ORDER BY checkpoint_seq`,
        [userId],
      );
    expect(await heads()).toEqual([{ seq: 3 }]);

    // an append after the checkpoint is covered from the next one
    const [rel] = await stack.sql<{ relationshipId: string; programmeId: string; menteeId: string }>(
      `SELECT relationship_id AS "relationshipId", programme_id AS "programmeId", counterpart_id AS "menteeId"
         FROM reporting.cpd_entry WHERE user_id = $1 LIMIT 1`,
      [userId],
    );
    await world.confirm(world.meeting({ ...rel, mentorId: userId, organizationId: null }, '2026-03-09', 30));
    await world.settle();
    expect(await verifyLedger(userId)).toMatchObject({
      intact: true,
      checkpointedEntries: 3,
      uncheckpointedEntries: 1,
    });
    const next = await writeCheckpoint();
    expect(next.sequence).toBeGreaterThan(first.sequence);
    expect(await heads()).toEqual([{ seq: 3 }, { seq: 4 }]);
    expect(await verifyLedger(userId)).toMatchObject({
      intact: true,
      checkpointedEntries: 4,
      uncheckpointedEntries: 0,
    });

    // an auditor can fetch a given checkpoint again and compare it with the copy they kept
    const again = await stack.gql<{ cpdCheckpoint: Checkpoint }>(
      `query ($s: Int) { cpdCheckpoint(sequence: $s) { ${CHECKPOINT} } }`,
      { s: first.sequence },
      { as: auditor },
    );
    expect(again.data?.cpdCheckpoint).toEqual(first);
    const refused = await stack.gql(`{ cpdCheckpoint { digest } }`, {}, { as: principal('MENTOR') });
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('should detect a deleted tail that leaves a consistent chain (owner role)', async () => {
    const userId = await ledgerOf(3);
    await writeCheckpoint();
    await rewriteAsOwner(userId, (rows) => rows.slice(0, 2));
    expect(await verifyLedger(userId)).toMatchObject({
      intact: false,
      entries: 2,
      reason: 'TAIL_DELETED',
      firstProblem: 'TAIL_DELETED',
      brokenAtSequence: 3,
      checkpointIntact: false,
      checkpointedEntries: 3,
    });
  });

  it('should detect an entry edited with its hashes recomputed (owner role)', async () => {
    const userId = await ledgerOf(3);
    await writeCheckpoint();
    await rewriteAsOwner(userId, (rows) =>
      rows.map((r) => (r.seq === 2 ? { ...r, hours: 8, durationMinutes: 480 } : r)),
    );
    const v = await verifyLedger(userId);
    expect(v).toMatchObject({ intact: false, entries: 3, reason: 'HISTORY_REWRITTEN', checkpointIntact: false });
    expect(v.brokenAtSequence).toBe(1); // only the head was checkpointed: somewhere from 1 to 3
  });

  it('should detect a forged entry inserted before a checkpointed head (owner role)', async () => {
    const userId = await ledgerOf(2);
    await writeCheckpoint();
    await rewriteAsOwner(userId, (rows) => [
      rows[0],
      { ...rows[1], id: randomUUID(), meetingId: randomUUID(), hours: 3, occurredOn: '2026-03-05' },
      ...rows.slice(1),
    ]);
    expect(await verifyLedger(userId)).toMatchObject({
      intact: false,
      entries: 3,
      reason: 'HISTORY_REWRITTEN',
      checkpointIntact: false,
    });
  });

  it('should let the runtime role append a checkpoint it cannot sign, which fails verification and is skipped', async () => {
    const userId = await ledgerOf(2);
    const real = await writeCheckpoint();
    const forgedHead = 'f'.repeat(64);
    await asRuntimeRole(async (c) => {
      await c.query('BEGIN');
      // one checkpoint writer at a time, as the job does
      await c.query(`SELECT pg_advisory_xact_lock(hashtextextended('cpd:checkpoint', 0))`);
      const [{ seq }] = (
        await c.query<{ seq: number }>(`SELECT coalesce(max(seq), 0) + 1 AS seq FROM reporting.cpd_checkpoint`)
      ).rows;
      await c.query(
        `INSERT INTO reporting.cpd_checkpoint (seq, created_at, prev_digest, digest, buckets, head_count, key_id, signature)
         VALUES ($1, now() + interval '10 years', $2, $3, $4, 1, $5, $6)`,
        [
          seq,
          real.digest,
          'a'.repeat(64),
          Array.from({ length: 256 }, () => 'b'.repeat(64)),
          real.keyId,
          Buffer.from('not a signature').toString('base64'),
        ],
      );
      await c.query(
        `INSERT INTO reporting.cpd_checkpoint_head (checkpoint_seq, user_id, seq, hash) VALUES ($1, $2, 2, $3)`,
        [seq, userId, forgedHead],
      );
      await c.query('COMMIT');
    });
    expect(await verifyLedger(userId)).toMatchObject({
      intact: false,
      reason: 'CHECKPOINT_INVALID',
      checkpointIntact: false,
    });
    // the next checkpoint chains onto the last one that verifies, and still sees the chains that moved
    const later = await ledgerOf(1);
    const next = await writeCheckpoint();
    expect(next.valid).toBe(true);
    expect(await verifyLedger(later)).toMatchObject({ intact: true, checkpointIntact: true, checkpointedEntries: 1 });
  });

  it('should never let the runtime role change or remove a checkpoint', async () => {
    const userId = await ledgerOf(1);
    await writeCheckpoint();
    for (const table of ['cpd_checkpoint', 'cpd_checkpoint_head']) {
      expect(await asRuntimeRole((c) => refusal(c.query(`UPDATE reporting.${table} SET seq = seq`)))).toBe('42501');
      expect(await asRuntimeRole((c) => refusal(c.query(`DELETE FROM reporting.${table}`)))).toBe('42501');
      expect(await asRuntimeRole((c) => refusal(c.query(`TRUNCATE reporting.${table}`)))).toBe('42501');
    }
    // the owner too is refused by the trigger unless it first switches it off
    expect(await refusal(stack.sql(`DELETE FROM reporting.cpd_checkpoint_head WHERE user_id = $1`, [userId]))).toBe(
      '42501',
    );
    expect(await stack.sql(`SELECT seq FROM reporting.cpd_checkpoint_head WHERE user_id = $1`, [userId])).toEqual([
      { seq: 1 },
    ]);
  });
});
