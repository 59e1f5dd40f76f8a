import { Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { connectionTypes, FieldError, LocalDate } from '@tandem/subgraph-kit';
import { User } from '../users/user.type';
import type { AuditRow, PublishedMemberRow, SelectionRow } from './audit.repository';
import type { VerificationRow } from './audit-verification.repository';
import type { AuditDocumentRow } from './audit-document.repository';

export enum AuditStrategy {
  UNIFORM = 'UNIFORM',
  STRATIFIED_BY_PROGRAMME = 'STRATIFIED_BY_PROGRAMME',
  /** The former spelling: read as STRATIFIED_BY_PROGRAMME, never returned. */
  STRATIFIED_BY_PROGRAM = 'STRATIFIED_BY_PROGRAM',
  RISK_WEIGHTED = 'RISK_WEIGHTED',
}
registerEnumType(AuditStrategy, {
  name: 'AuditStrategy',
  description: 'How an audit cycle samples participants.',
  valuesConfig: {
    UNIFORM: { description: 'A uniform sample of the population.' },
    STRATIFIED_BY_PROGRAMME: { description: 'The same share of each main programme (at least one per programme).' },
    STRATIFIED_BY_PROGRAM: { deprecationReason: 'Use STRATIFIED_BY_PROGRAMME (the same strategy).' },
    RISK_WEIGHTED: { description: "Weighted by each claim's risk score." },
  },
});

/** The strategy as stored and returned: the former spelling means the same strategy. */
export const strategyNamed = (strategy: AuditStrategy): AuditStrategy =>
  strategy === AuditStrategy.STRATIFIED_BY_PROGRAM ? AuditStrategy.STRATIFIED_BY_PROGRAMME : strategy;

export enum AuditOutcome {
  VERIFIED = 'VERIFIED',
  PARTIALLY_VERIFIED = 'PARTIALLY_VERIFIED',
  NOT_VERIFIED = 'NOT_VERIFIED',
  NO_RESPONSE = 'NO_RESPONSE',
}
registerEnumType(AuditOutcome, {
  name: 'AuditOutcome',
  description: "How a selected participant's claimed hours stood up to verification.",
});

export enum AuditVerificationAnswer {
  CONFIRMED = 'CONFIRMED',
  DENIED = 'DENIED',
}
registerEnumType(AuditVerificationAnswer, {
  name: 'AuditVerificationAnswer',
  description: "A counterpart's answer about one meeting.",
});

@ObjectType({ description: 'One meeting of a selected participant, as its counterpart is asked to verify it.' })
export class AuditMeetingCheck {
  @Field(() => ID, { description: 'The meeting.' })
  meetingId!: string;

  @Field(() => LocalDate, { description: 'Its date.' })
  occurredOn!: string;

  @Field(() => Float, { description: 'Hours claimed for it.' })
  hours!: number;

  @Field(() => [String], { description: 'Topics recorded.' })
  topics!: string[];

  @Field(() => User, { description: 'The counterpart asked to verify it.' })
  verifier!: User;

  @Field(() => AuditVerificationAnswer, { nullable: true, description: 'The answer, once given.' })
  answer!: AuditVerificationAnswer | null;

  @Field(() => String, {
    nullable: true,
    description:
      "The counterpart's note: for auditors and the counterpart; for the audited member only the reason of a meeting denied, once the outcome is recorded.",
  })
  note!: string | null;

  @Field(() => Date, { nullable: true, description: 'When it was answered.' })
  answeredAt!: Date | null;
}

export function toAuditMeetingCheck(v: VerificationRow, showNote: boolean): AuditMeetingCheck {
  return Object.assign(new AuditMeetingCheck(), {
    meetingId: v.meetingId,
    occurredOn: v.occurredOn,
    hours: Number(v.hours),
    topics: v.topics ?? [],
    verifier: Object.assign(new User(), { id: v.verifierId }),
    answer: v.answer as AuditVerificationAnswer | null,
    note: showNote ? v.note : null,
    answeredAt: v.answeredAt,
  });
}

@ObjectType({
  description: 'A participant selected by an audit cycle: evidence requested, counterparts asked, outcome.',
})
export class AuditSelection {
  @Field(() => ID, { description: 'The selection.' })
  id!: string;

  @Field(() => ID, { description: 'Its audit cycle.' })
  auditId!: string;

  @Field(() => User, { description: 'The selected participant.' })
  person!: User;

  @Field(() => ID, { nullable: true, description: 'Their main programme in the period (the stratum).' })
  programmeId!: string | null;

  @Field(() => Float, { description: 'Risk score at selection (1 = no risk factor).' })
  riskScore!: number;

  @Field(() => Float, { description: 'CPD hours claimed in the audited period.' })
  claimedHours!: number;

  @Field(() => LocalDate, { description: 'Deadline for evidence and verifications.' })
  dueOn!: string;

  @Field(() => AuditOutcome, { nullable: true, description: 'The outcome, once recorded.' })
  outcome!: AuditOutcome | null;

  @Field(() => Float, {
    nullable: true,
    description: 'Hours the audit accepted (all for VERIFIED, the confirmed ones for PARTIALLY_VERIFIED, 0 otherwise).',
  })
  verifiedHours!: number | null;

  @Field(() => String, { nullable: true, description: "The reviewer's notes." })
  reviewerNotes!: string | null;

  @Field(() => User, {
    nullable: true,
    description: 'Who recorded the outcome (none when closed automatically for no response).',
  })
  reviewer!: User | null;

  @Field(() => Date, { nullable: true, description: 'When the outcome was recorded.' })
  decidedAt!: Date | null;

  @Field(() => [AuditMeetingCheck], { description: "The meetings under verification and the counterparts' answers." })
  meetings!: AuditMeetingCheck[];

  @Field(() => String, {
    nullable: true,
    description: "The member's own answer to the audit, once submitted (their supporting documents are then final).",
  })
  memberAnswer!: string | null;

  @Field(() => Date, { nullable: true, description: 'When the member submitted their answer.' })
  answeredAt!: Date | null;
}

export function toAuditSelection(s: SelectionRow, checks: AuditMeetingCheck[]): AuditSelection {
  return Object.assign(new AuditSelection(), {
    id: s.id,
    auditId: s.auditId,
    person: Object.assign(new User(), { id: s.userId }),
    programmeId: s.programmeId,
    riskScore: Number(s.riskScore),
    claimedHours: Number(s.claimedHours),
    dueOn: s.dueOn,
    outcome: s.outcome as AuditOutcome | null,
    verifiedHours: s.verifiedHours === null ? null : Number(s.verifiedHours),
    reviewerNotes: s.reviewerNotes,
    reviewer: s.reviewerId ? Object.assign(new User(), { id: s.reviewerId }) : null,
    decidedAt: s.decidedAt,
    meetings: checks,
    memberAnswer: s.memberAnswer,
    answeredAt: s.answeredAt,
  });
}

@ObjectType({ description: 'An audit cycle: a reproducible sample of participants for a period.' })
export class Audit {
  @Field(() => ID, { description: 'The audit.' })
  id!: string;

  @Field(() => LocalDate, { description: 'First day of the audited period.' })
  from!: string;

  @Field(() => LocalDate, { description: 'Last day of the audited period.' })
  to!: string;

  @Field(() => Float, { description: 'Share of the population sampled (per stratum when stratified).' })
  sampleRate!: number;

  @Field(() => String, {
    description:
      'The seed, revealed with the selection: the same seed over the same population selects the same people.',
  })
  seed!: string;

  @Field(() => String, {
    description: "The commitment to the seed: sha256 of the seed's UTF-8 bytes in lowercase hex.",
  })
  seedCommitment!: string;

  @Field(() => ID, { nullable: true, description: 'The programme the cycle is scoped to, if any.' })
  programmeId!: string | null;

  @Field(() => ID, {
    nullable: true,
    description: 'The organisation the cycle is scoped to (its programmes), if any. Neither: the whole platform.',
  })
  organizationId!: string | null;

  populationRecorded!: boolean;

  @Field(() => AuditStrategy, { description: 'The sampling strategy.' })
  strategy!: AuditStrategy;

  @Field(() => Int, { description: 'Participants with CPD hours in the period (the population sampled from).' })
  population!: number;

  @Field(() => LocalDate, { description: 'Deadline for evidence and verifications.' })
  dueOn!: string;

  @Field(() => Date, { description: 'When the cycle was opened.' })
  openedAt!: Date;

  @Field(() => User, { description: 'The auditor who opened it.' })
  openedBy!: User;
}

export function toAudit(a: AuditRow): Audit {
  return Object.assign(new Audit(), {
    id: a.id,
    from: a.periodFrom,
    to: a.periodTo,
    sampleRate: Number(a.sampleRate),
    seed: a.seed,
    seedCommitment: a.seedCommitment,
    programmeId: a.programmeId,
    organizationId: a.organizationId,
    populationRecorded: a.populationRecorded,
    strategy: strategyNamed(a.strategy as AuditStrategy),
    population: a.population,
    dueOn: a.dueOn,
    openedAt: a.openedAt,
    openedBy: Object.assign(new User(), { id: a.openedBy }),
  });
}

@ObjectType({ description: 'One person of the population an audit cycle drew from, as the draw saw them.' })
export class AuditPopulationMember {
  @Field(() => ID, { description: "The person's id (the draw reads the population sorted by these ids)." })
  personId!: string;

  @Field(() => ID, {
    nullable: true,
    description: 'Their main programme in the scope and period (the stratum when stratified).',
  })
  programmeId!: string | null;

  @Field(() => Float, { description: 'The risk score the draw used (the weight when risk-weighted).' })
  riskScore!: number;

  @Field(() => Boolean, { description: 'Whether the draw selected them.' })
  selected!: boolean;
}

export const toAuditPopulationMember = (m: PublishedMemberRow): AuditPopulationMember =>
  Object.assign(new AuditPopulationMember(), {
    personId: m.userId,
    programmeId: m.programmeId,
    riskScore: Number(m.riskScore),
    selected: m.selected,
  });

@ObjectType({
  description: 'What a counterpart is asked to verify for one selected participant: only the meetings with them.',
})
export class AuditVerificationRequest {
  @Field(() => ID, { description: 'The selection to answer for.' })
  selectionId!: string;

  @Field(() => User, { description: 'The participant under audit.' })
  subject!: User;

  @Field(() => LocalDate, { description: 'Deadline.' })
  dueOn!: string;

  @Field(() => Boolean, { description: 'True once the audit recorded its outcome (answers are closed).' })
  closed!: boolean;

  @Field(() => [AuditMeetingCheck], { description: 'The meetings with you, each to confirm or deny.' })
  meetings!: AuditMeetingCheck[];
}

export const { ConnectionType: AuditConnection } = connectionTypes(Audit, 'Audit', 'audit cycle');
export const { ConnectionType: AuditSelectionConnection } = connectionTypes(
  AuditSelection,
  'AuditSelection',
  'audit selection',
);
export const { ConnectionType: AuditVerificationRequestConnection } = connectionTypes(
  AuditVerificationRequest,
  'AuditVerificationRequest',
  'verification request',
);

@ObjectType({ description: 'The opened audit, or what is wrong with the input.' })
export class OpenAuditCycleResult {
  @Field(() => Audit, { nullable: true, description: 'The audit cycle with its selections.' })
  audit!: Audit | null;

  @Field(() => [FieldError], { description: 'Input problems (empty on success).' })
  errors!: FieldError[];
}

@ObjectType({ description: 'The request with its answers, or what was wrong.' })
export class AnswerAuditVerificationResult {
  @Field(() => AuditVerificationRequest, { nullable: true, description: 'The request as answered.' })
  request!: AuditVerificationRequest | null;

  @Field(() => [FieldError], { description: 'Problems (empty on success).' })
  errors!: FieldError[];
}

@ObjectType({ description: 'The decided selection, or why it could not be decided.' })
export class RecordAuditOutcomeResult {
  @Field(() => AuditSelection, { nullable: true, description: 'The selection with its outcome.' })
  selection!: AuditSelection | null;

  @Field(() => [FieldError], { description: 'CONFLICT_OF_INTEREST, ALREADY_DECIDED, ... (empty on success).' })
  errors!: FieldError[];
}

@ObjectType({
  description:
    'A supporting document a selected member uploaded for their audit. The bytes are stored outside the database and checked against `sha256` on every download.',
})
export class AuditDocument {
  @Field(() => ID, { description: 'The document.' })
  id!: string;

  @Field(() => ID, { description: 'The audit selection it supports.' })
  selectionId!: string;

  @Field(() => String, {
    description: "The name it downloads under: the uploaded name's base with the extension of its real type.",
  })
  filename!: string;

  @Field(() => String, {
    description: 'Its type as read from its content (application/pdf, image/png, image/jpeg, image/webp).',
  })
  mediaType!: string;

  @Field(() => Int, { description: 'Its size in bytes.' })
  sizeBytes!: number;

  @Field(() => String, { description: 'SHA-256 of its bytes (lowercase hex), verified on every download.' })
  sha256!: string;

  @Field(() => Date, { description: 'When it was uploaded.' })
  uploadedAt!: Date;

  @Field(() => String, {
    description:
      "Where to download it through the gateway (GET with the caller's bearer token; answered as an attachment).",
  })
  downloadPath!: string;
}

export function toAuditDocument(d: AuditDocumentRow): AuditDocument {
  return Object.assign(new AuditDocument(), {
    id: d.id,
    selectionId: d.selectionId,
    filename: d.filename,
    mediaType: d.mediaType,
    sizeBytes: Number(d.sizeBytes),
    sha256: d.sha256,
    uploadedAt: d.uploadedAt,
    downloadPath: `/files/audit-documents/${d.id}`,
  });
}

@ObjectType({ description: 'The selection after a document was removed, or why it could not be.' })
export class RemoveAuditDocumentResult {
  @Field(() => AuditSelection, { nullable: true, description: 'The selection with its remaining documents.' })
  selection!: AuditSelection | null;

  @Field(() => [FieldError], { description: 'ANSWER_SUBMITTED, AUDIT_CLOSED (empty on success).' })
  errors!: FieldError[];
}

@ObjectType({ description: "The selection with the member's answer, or why it was refused." })
export class SubmitAuditAnswerResult {
  @Field(() => AuditSelection, { nullable: true, description: 'The selection as answered.' })
  selection!: AuditSelection | null;

  @Field(() => [FieldError], { description: 'REQUIRED, TOO_LONG, ANSWER_SUBMITTED, AUDIT_CLOSED (empty on success).' })
  errors!: FieldError[];
}
