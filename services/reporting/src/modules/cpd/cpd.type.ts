import { Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { connectionTypes, FieldError, LocalDate } from '@tandem/subgraph-kit';
import { User } from '../users/user.type';
import type { LedgerEntryRow } from './ledger.repository';
import type { ChainCheck } from './ledger-hash';
import type { CheckpointCheck } from './ledger-checkpoint';
import type { CheckpointRow } from './checkpoint.repository';

export enum CpdEntryKind {
  MEETING = 'MEETING',
  REVERSAL = 'REVERSAL',
}
registerEnumType(CpdEntryKind, {
  name: 'CpdEntryKind',
  description: 'A meeting credited, or the reversal of an entry superseded by an amendment or denied in an audit.',
});

export enum ParticipantRole {
  MENTOR = 'MENTOR',
  MENTEE = 'MENTEE',
}
registerEnumType(ParticipantRole, {
  name: 'ParticipantRole',
  description: 'Which side of a mentoring relationship a person is on.',
});

@ObjectType({ description: "One append-only, hash-chained line of a person's CPD ledger." })
export class CpdEntry {
  @Field(() => ID, { description: 'The entry id.' })
  id!: string;

  @Field(() => Int, { nullable: true, description: "Position in the person's hash chain (1, 2, 3, ...)." })
  sequence!: number | null;

  @Field(() => CpdEntryKind, {
    description:
      'MEETING credits a confirmed meeting; REVERSAL cancels an entry an amendment superseded, or a meeting its counterpart denied in an audit.',
  })
  kind!: CpdEntryKind;

  @Field(() => ParticipantRole, { nullable: true, description: "The person's side in the meeting." })
  role!: ParticipantRole | null;

  @Field(() => ID, { nullable: true, description: 'The relationship the meeting belongs to.' })
  relationshipId!: string | null;

  @Field(() => ID, { nullable: true, description: 'The programme of the relationship.' })
  programmeId!: string | null;

  @Field(() => ID, {
    nullable: true,
    description: 'The confirmed meeting this entry credits or reverses (the amending meeting for reversals).',
  })
  meetingId!: string | null;

  @Field(() => Int, { nullable: true, description: 'The meeting revision (1, or more after amendments).' })
  revision!: number | null;

  @Field(() => ID, { nullable: true, description: 'For a reversal, the entry it cancels.' })
  reversesEntryId!: string | null;

  @Field(() => User, { nullable: true, description: 'The other participant of the meeting.' })
  counterpart!: User | null;

  @Field(() => String, {
    nullable: true,
    description: 'The CPD category of the programme (e.g. "Peer and professional interaction").',
  })
  cpdCategory!: string | null;

  @Field(() => LocalDate, { description: 'The meeting date.' })
  occurredOn!: string;

  @Field(() => String, { nullable: true, description: 'Start time of the meeting (HH:MM).' })
  startTime!: string | null;

  @Field(() => Float, { description: 'CPD hours credited (negative for a reversal).' })
  hours!: number;

  @Field(() => [String], { description: 'Topics discussed.' })
  topics!: string[];

  @Field(() => Boolean, {
    description:
      'True when both sides confirmed the meeting (always true for ledger entries; kept explicit for evidence).',
  })
  verified!: boolean;

  @Field(() => Date, { nullable: true, description: 'When the mentor confirmed.' })
  confirmedByMentorAt!: Date | null;

  @Field(() => Date, { nullable: true, description: 'When the mentee confirmed.' })
  confirmedByMenteeAt!: Date | null;

  @Field(() => String, { nullable: true, description: "SHA-256 of the entry content and the previous entry's hash." })
  hash!: string | null;
}

export function toCpdEntry(row: LedgerEntryRow): CpdEntry {
  return Object.assign(new CpdEntry(), {
    id: row.id,
    sequence: row.seq,
    kind: row.kind as CpdEntryKind,
    role: row.role as ParticipantRole | null,
    relationshipId: row.relationshipId,
    programmeId: row.programmeId,
    meetingId: row.meetingId,
    revision: row.revision,
    reversesEntryId: row.reversesEntryId,
    counterpart: row.counterpartId ? Object.assign(new User(), { id: row.counterpartId }) : null,
    cpdCategory: row.cpdCategory,
    occurredOn: row.occurredOn,
    startTime: row.startTime,
    hours: Number(row.hours),
    topics: row.topics ?? [],
    verified: !!row.confirmedByMentorAt && !!row.confirmedByMenteeAt,
    confirmedByMentorAt: row.confirmedByMentorAt ? new Date(row.confirmedByMentorAt) : null,
    confirmedByMenteeAt: row.confirmedByMenteeAt ? new Date(row.confirmedByMenteeAt) : null,
    hash: row.hash,
  });
}

@ObjectType({ description: 'CPD hours and meetings under one category.' })
export class CpdCategoryTotal {
  @Field(() => String, { description: 'The CPD category ("UNCATEGORISED" when the programme gave none).' })
  category!: string;

  @Field(() => Float, { description: 'Net hours (amendments applied).' })
  hours!: number;

  @Field(() => Int, { description: 'Meetings counted (an amended meeting counts once).' })
  meetings!: number;
}

@ObjectType({ description: 'CPD hours and meetings within one mentoring relationship.' })
export class CpdRelationshipTotal {
  @Field(() => ID, { description: 'The relationship.' })
  relationshipId!: string;

  @Field(() => ID, { nullable: true, description: 'Its programme.' })
  programmeId!: string | null;

  @Field(() => ParticipantRole, { nullable: true, description: "The person's side." })
  role!: ParticipantRole | null;

  @Field(() => User, { nullable: true, description: 'The other participant.' })
  counterpart!: User | null;

  @Field(() => Float, { description: 'Net hours.' })
  hours!: number;

  @Field(() => Int, { description: 'Meetings counted.' })
  meetings!: number;

  @Field(() => Int, { description: 'Meetings logged in the period but not yet confirmed by both sides (not counted).' })
  pendingMeetings!: number;
}

@ObjectType({ description: "A person's CPD evidence over a period: totals, breakdowns and the ledger entries." })
export class CpdStatement {
  @Field(() => LocalDate, { description: 'First day of the period.' })
  from!: string;

  @Field(() => LocalDate, { description: 'Last day of the period.' })
  to!: string;

  @Field(() => Float, { description: 'Verified hours: meetings confirmed by both sides, net of amendments.' })
  verifiedHours!: number;

  @Field(() => Int, { description: 'Verified meetings (confirmed by both sides).' })
  verifiedMeetings!: number;

  @Field(() => Int, {
    description: "Meetings logged but awaiting the other side's confirmation (or disputed); they earn no hours yet.",
  })
  pendingMeetings!: number;

  @Field(() => [CpdCategoryTotal], { description: 'Totals per CPD category.' })
  byCategory!: CpdCategoryTotal[];

  @Field(() => [CpdRelationshipTotal], { description: 'Totals per relationship.' })
  byRelationship!: CpdRelationshipTotal[];

  @Field(() => [CpdEntry], {
    description: 'The ledger entries dated in the period, in date order.',
    deprecationReason: 'Use entriesConnection.',
  })
  entries!: CpdEntry[];

  /** Whose statement it is (not a field: `entriesConnection` reads the person's entries). */
  userId!: string;
}

export const { ConnectionType: CpdEntryConnection } = connectionTypes(CpdEntry, 'CpdEntry', 'CPD ledger line');

@ObjectType({
  description:
    "Whether a person's CPD hash chain is intact: recomputed from the entries, and checked against the signed checkpoints that recorded it. Entries appended after the latest checkpoint are covered from the next one.",
})
export class CpdLedgerVerification {
  @Field(() => ID, { description: 'The person.' })
  userId!: string;

  @Field(() => Boolean, {
    description:
      'True when every entry matches its hash and links to the previous one, and the chain reaches the head each signed checkpoint recorded.',
  })
  intact!: boolean;

  @Field(() => Int, { description: 'Entries checked.' })
  entries!: number;

  @Field(() => Int, {
    nullable: true,
    description:
      'The first sequence number that does not hold (for HISTORY_REWRITTEN, the first that may have changed).',
  })
  brokenAtSequence!: number | null;

  @Field(() => String, {
    nullable: true,
    description:
      'The first problem: CONTENT_CHANGED, LINK_BROKEN, SEQUENCE_GAP or UNCHAINED_ENTRY (the chain itself), else CHECKPOINT_INVALID, TAIL_DELETED or HISTORY_REWRITTEN (against the checkpoints).',
  })
  reason!: string | null;

  @Field(() => String, { nullable: true, description: 'Same as reason: the first problem found, or null.' })
  firstProblem!: string | null;

  @Field(() => Int, {
    nullable: true,
    description: 'The latest signed checkpoint that recorded this chain (null when none has yet).',
  })
  checkpointSequence!: number | null;

  @Field(() => Date, { nullable: true, description: 'When that checkpoint was written.' })
  checkpointedAt!: Date | null;

  @Field(() => Int, { nullable: true, description: 'The entries that checkpoint covers (its head sequence).' })
  checkpointedEntries!: number | null;

  @Field(() => Boolean, {
    nullable: true,
    description:
      'True when every checkpoint that recorded this chain verifies (Ed25519 signature, digest) and the chain reaches its head; null when no checkpoint covers the chain yet.',
  })
  checkpointIntact!: boolean | null;

  @Field(() => Int, {
    description:
      'Entries after the latest checkpoint: checked only as a chain until the next checkpoint records them (a forged append there is detectable only from then on).',
  })
  uncheckpointedEntries!: number;
}

export function toCpdLedgerVerification(
  userId: string,
  c: ChainCheck,
  k: CheckpointCheck | null = null,
): CpdLedgerVerification {
  const checkpointProblem = k && !k.intact ? k.problem : null;
  return Object.assign(new CpdLedgerVerification(), {
    userId,
    intact: c.intact && (k?.intact ?? true),
    entries: c.entries,
    brokenAtSequence: c.reason ? c.brokenAtSeq : checkpointProblem ? k!.brokenAtSeq : null,
    reason: c.reason ?? checkpointProblem,
    firstProblem: c.reason ?? checkpointProblem,
    checkpointSequence: k?.checkpointSeq ?? null,
    checkpointedAt: k?.checkpointedAt ?? null,
    checkpointedEntries: k?.checkpointedEntries ?? null,
    checkpointIntact: k ? k.intact : null,
    uncheckpointedEntries: Math.max(0, c.entries - (k?.checkpointedEntries ?? 0)),
  });
}

@ObjectType({
  description:
    'A signed checkpoint of the CPD ledger: the heads of the chains that moved since the previous one, hashed with the previous digest and signed (Ed25519). Keep a copy outside the platform: a later digest that differs for the same sequence shows the ledger was rewritten.',
})
export class CpdCheckpoint {
  @Field(() => Int, { description: 'Its number (1, 2, 3, ...).' })
  sequence!: number;

  @Field(() => Date, { description: 'When it was written.' })
  createdAt!: Date;

  @Field(() => String, { description: "The previous checkpoint's digest (64 zeros for the first)." })
  previousDigest!: string;

  @Field(() => String, {
    description:
      'sha256 (hex) over "tandem-cpd-checkpoint\\n" and the canonical JSON {seq, createdAt, prevDigest, keyId, buckets}, where buckets are the 256 sha256 hashes of the heads grouped by the first byte of the person id, each over the JSON [[userId, sequence, hash], ...] sorted by userId.',
  })
  digest!: string;

  @Field(() => Int, { description: 'Chains recorded in it.' })
  headCount!: number;

  @Field(() => String, { description: 'The signing key: the first 16 hex digits of sha256 of its public key (SPKI).' })
  keyId!: string;

  @Field(() => String, { description: 'Always Ed25519.' })
  algorithm!: string;

  @Field(() => String, { description: 'The Ed25519 signature of the digest (its UTF-8 hex text), base64.' })
  signature!: string;

  @Field(() => String, {
    nullable: true,
    description: 'The public key (SPKI PEM) the platform verifies with; compare it with the one you were given.',
  })
  publicKey!: string | null;

  @Field(() => Boolean, {
    description: 'True when the signature verifies with that key and the digest recomputes from the stored heads.',
  })
  valid!: boolean;
}

export function toCpdCheckpoint(row: CheckpointRow, valid: boolean, publicKey: string | null): CpdCheckpoint {
  return Object.assign(new CpdCheckpoint(), {
    sequence: row.seq,
    createdAt: row.createdAt,
    previousDigest: row.prevDigest,
    digest: row.digest,
    headCount: row.headCount,
    keyId: row.keyId,
    algorithm: 'Ed25519',
    signature: row.signature,
    publicKey,
    valid,
  });
}

@ObjectType({ description: 'The latest checkpoint after writing one, or what prevented it.' })
export class WriteCpdCheckpointResult {
  @Field(() => CpdCheckpoint, {
    nullable: true,
    description: 'The latest checkpoint (the one just written, or the previous when no chain moved since).',
  })
  checkpoint!: CpdCheckpoint | null;

  @Field(() => [FieldError], { description: 'Problems (empty on success).' })
  errors!: FieldError[];
}
