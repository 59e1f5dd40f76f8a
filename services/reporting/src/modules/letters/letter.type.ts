import { Field, ID, InputType, ObjectType, registerEnumType } from 'type-graphql';
import { FieldError, LocalDate } from '@tandem/subgraph-kit';
import type { LetterRow } from './letter.repository';

export enum LetterStatus {
  REQUESTED = 'REQUESTED',
  ISSUED = 'ISSUED',
  DECLINED = 'DECLINED',
  REVOKED = 'REVOKED',
}
registerEnumType(LetterStatus, { name: 'LetterStatus', description: 'Where a letter request stands.' });

@ObjectType({ description: 'A letter confirming hours, requested by a member and issued (or declined) by staff.' })
export class Letter {
  @Field(() => ID, { description: 'The request.' })
  id!: string;

  @Field(() => String, { description: 'The reference printed on the letter and used by its verification page.' })
  reference!: string;

  @Field(() => ID, { description: 'The member the letter is about.' })
  userId!: string;

  @Field(() => ID, { description: 'The programme whose hours it confirms.' })
  programmeId!: string;

  @Field(() => LocalDate, { description: 'First day of the period.' })
  periodFrom!: string;

  @Field(() => LocalDate, { description: 'Last day of the period.' })
  periodTo!: string;

  @Field(() => LetterStatus, { description: 'Requested, issued, declined or revoked.' })
  status!: LetterStatus;

  @Field(() => Date, { description: 'When the member asked for it.' })
  requestedAt!: Date;

  @Field(() => String, { nullable: true, description: 'Why staff declined the request.' })
  declineReason!: string | null;

  @Field(() => String, { nullable: true, description: 'Who signed the issued letter.' })
  signatoryName!: string | null;

  @Field(() => String, { nullable: true, description: "The signatory's role, as printed." })
  signatoryRole!: string | null;

  @Field(() => Number, { nullable: true, description: 'Hours the issued letter confirms.' })
  hours!: number | null;

  @Field(() => Date, { nullable: true, description: 'When it was issued.' })
  issuedAt!: Date | null;

  @Field(() => String, { nullable: true, description: 'SHA-256 (hex) of the issued PDF.' })
  sha256!: string | null;

  @Field(() => Date, { nullable: true, description: 'When it was revoked.' })
  revokedAt!: Date | null;

  @Field(() => String, { nullable: true, description: 'Why it was revoked.' })
  revokeReason!: string | null;

  /** the PDF is loaded by its own field resolver */
  pdfRow?: undefined;
}

export const toLetter = (r: LetterRow): Letter =>
  Object.assign(new Letter(), {
    id: r.id,
    reference: r.reference,
    userId: r.userId,
    programmeId: r.programmeId,
    periodFrom: r.periodFrom,
    periodTo: r.periodTo,
    status: r.status as LetterStatus,
    requestedAt: r.requestedAt,
    declineReason: r.declineReason,
    signatoryName: r.signatoryName,
    signatoryRole: r.signatoryRole,
    hours: r.hours,
    issuedAt: r.issuedAt,
    sha256: r.sha256,
    revokedAt: r.revokedAt,
    revokeReason: r.revokeReason,
  });

@ObjectType({
  description:
    'What the public verification page shows of a letter: what it states, who issued it and when, whether it was revoked. No contact details.',
})
export class LetterVerification {
  @Field(() => String, { description: 'The reference printed on the letter.' })
  reference!: string;

  @Field(() => LetterStatus, { description: 'ISSUED (valid) or REVOKED.' })
  status!: LetterStatus;

  @Field(() => String, { description: 'The member the letter is about, as printed.' })
  personName!: string;

  @Field(() => String, { description: 'The issuing organisation.' })
  organizationName!: string;

  @Field(() => String, { description: 'The programme.' })
  programmeName!: string;

  @Field(() => String, { description: 'MENTOR, MENTEE or MIXED.' })
  participantRole!: string;

  @Field(() => LocalDate, { description: 'First day of the period.' })
  periodFrom!: string;

  @Field(() => LocalDate, { description: 'Last day of the period.' })
  periodTo!: string;

  @Field(() => Number, { description: 'Hours confirmed.' })
  hours!: number;

  @Field(() => Number, { description: 'Meetings confirmed.' })
  meetings!: number;

  @Field(() => String, { description: 'Who signed it.' })
  signatoryName!: string;

  @Field(() => String, { description: "The signatory's role." })
  signatoryRole!: string;

  @Field(() => Date, { description: 'When it was issued.' })
  issuedAt!: Date;

  @Field(() => String, { description: 'SHA-256 (hex) of the PDF as issued: a file whose hash differs was altered.' })
  sha256!: string;

  @Field(() => Date, { nullable: true, description: 'When it was revoked.' })
  revokedAt!: Date | null;

  @Field(() => String, { nullable: true, description: 'Why it was revoked.' })
  revokeReason!: string | null;
}

@InputType({ description: 'A letter confirming the hours of one programme in a period.' })
export class RequestLetterInput {
  @Field(() => ID, { description: 'The programme.' })
  programmeId!: string;

  @Field(() => LocalDate, { description: 'First day of the period.' })
  from!: string;

  @Field(() => LocalDate, { description: 'Last day of the period.' })
  to!: string;
}

@InputType({ description: 'Approve a request: the letter is issued, signed by the caller.' })
export class ApproveLetterInput {
  @Field(() => ID, { description: 'The request.' })
  letterId!: string;

  @Field(() => String, { description: 'The signatory’s name as it should be printed.' })
  signatoryName!: string;

  @Field(() => String, { description: 'The signatory’s role as printed (e.g. Programme coordinator).' })
  signatoryRole!: string;

  @Field(() => String, { description: 'The typed signature printed above the name.' })
  typedSignature!: string;
}

@InputType({ description: 'Decline a request, or revoke an issued letter, with a reason.' })
export class LetterReasonInput {
  @Field(() => ID, { description: 'The letter.' })
  letterId!: string;

  @Field(() => String, { description: 'The reason (shown to the member; for a revocation, on the verification page).' })
  reason!: string;
}

@ObjectType({ description: 'The letter, or why the change was refused.' })
export class LetterResult {
  @Field(() => Letter, { nullable: true, description: 'The letter after the change.' })
  letter!: Letter | null;

  @Field(() => [FieldError], { description: 'Problems with the input (empty on success).' })
  errors!: FieldError[];
}
