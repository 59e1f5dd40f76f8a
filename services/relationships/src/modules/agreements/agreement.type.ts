import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { FieldError } from '@tandem/subgraph-kit';
import { AgreementConfidentiality, AgreementInitiator, AgreementSigner } from '../shared/enums';
import { User } from '../users/user.type';
import type { AgreementRow, AgreementVersionRow } from './agreement.repository';
import { awaitingSides } from './agreement.rules';

@ObjectType({
  description:
    'The schedule as data: every `everyWeeks` weeks on `weekday` at `startTime` in `timeZone`. Once the version binds, the platform proposes each next meeting from it.',
})
export class AgreementSchedule {
  @Field(() => Int, { description: 'The weekday, ISO: 1 = Monday … 7 = Sunday.' })
  weekday!: number;

  @Field(() => String, { description: 'The local start time, HH:MM.' })
  startTime!: string;

  @Field(() => Int, { description: 'Every how many weeks.' })
  everyWeeks!: number;

  @Field(() => String, { description: 'The IANA zone the weekday and time are read in.' })
  timeZone!: string;
}

@ObjectType({
  description:
    'One version of the agreement with its signatures; a change after signing is a new version needing both signatures again.',
})
export class AgreementVersion {
  @Field(() => Int, { description: 'Version number, from 1.' })
  version!: number;

  @Field(() => [String], { description: 'The top goals.' })
  topGoals!: string[];

  @Field(() => String, { description: 'Where they meet.' })
  meetingPlace!: string;

  @Field(() => String, { description: 'When they meet.' })
  meetingTime!: string;

  @Field(() => Int, { description: 'How long a meeting lasts, in minutes.' })
  meetingLengthMinutes!: number;

  @Field(() => String, { description: 'How often they meet.' })
  meetingFrequency!: string;

  @Field(() => AgreementInitiator, { description: 'Who initiates meetings.' })
  initiator!: AgreementInitiator;

  @Field(() => AgreementSchedule, {
    nullable: true,
    description: 'The schedule as data, when the pair gave one: the platform proposes each next meeting from it.',
  })
  schedule!: AgreementSchedule | null;

  @Field(() => AgreementConfidentiality, { description: 'Confidentiality terms.' })
  confidentiality!: AgreementConfidentiality;

  @Field(() => Int, { description: 'Planned duration in weeks.' })
  durationWeeks!: number;

  @Field(() => User, { description: 'Who drafted this version.' })
  draftedBy!: User;

  @Field(() => Date)
  draftedAt!: Date;

  @Field(() => Date, { nullable: true, description: 'When the mentor signed this version.' })
  mentorSignedAt!: Date | null;

  @Field(() => Date, { nullable: true, description: 'When the mentee signed this version.' })
  menteeSignedAt!: Date | null;

  @Field(() => Boolean, {
    description:
      "Drafted under a programme that has the coach of the relationship's organisation sign too (a third signature).",
  })
  coachSignatureRequired!: boolean;

  @Field(() => Date, { nullable: true, description: 'When a coach signed this version.' })
  coachSignedAt!: Date | null;

  @Field(() => User, { nullable: true, description: 'The coach who signed this version.' })
  coachSigner!: User | null;

  @Field(() => [AgreementSigner], {
    description: 'Who still has to sign this version (empty once it binds).',
  })
  awaitingSignatures!: AgreementSigner[];

  @Field(() => Boolean, { description: 'Signed by everyone it needs: both partners, and the coach when required.' })
  fullySigned!: boolean;
}

@ObjectType({ description: 'The Mentoring Partnership Agreement of a relationship, with every version.' })
@Directive('@key(fields: "id")')
export class Agreement {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  relationshipId!: string;

  @Field(() => AgreementVersion, { description: 'The latest version (the one to sign).' })
  current!: AgreementVersion;

  @Field(() => Int, { nullable: true, description: 'The latest version signed by everyone it needed, if any.' })
  signedVersion!: number | null;

  @Field(() => Boolean, { description: 'Whether the current version is signed by everyone it needs.' })
  fullySigned!: boolean;

  @Field(() => Date, { nullable: true, description: 'When a version was first signed by everyone it needed.' })
  firstFullySignedAt!: Date | null;

  @Field(() => [AgreementVersion], { description: 'Every version, oldest first.' })
  versions!: AgreementVersion[];
}

export function toAgreementVersion({
  coachSignerId,
  scheduleWeekday,
  scheduleStartTime,
  scheduleEveryWeeks,
  scheduleTimeZone,
  ...v
}: AgreementVersionRow): AgreementVersion {
  const awaiting = awaitingSides(v);
  const schedule =
    scheduleWeekday === null
      ? null
      : Object.assign(new AgreementSchedule(), {
          weekday: scheduleWeekday,
          startTime: scheduleStartTime!,
          everyWeeks: scheduleEveryWeeks!,
          timeZone: scheduleTimeZone!,
        });
  return Object.assign(new AgreementVersion(), {
    ...v,
    schedule,
    initiator: v.initiator as AgreementInitiator,
    confidentiality: v.confidentiality as AgreementConfidentiality,
    draftedBy: Object.assign(new User(), { id: v.draftedBy }),
    coachSigner: coachSignerId ? Object.assign(new User(), { id: coachSignerId }) : null,
    awaitingSignatures: awaiting.map((side) => AgreementSigner[side]),
    fullySigned: awaiting.length === 0,
  });
}

export function toAgreement(a: AgreementRow, versions: AgreementVersionRow[]): Agreement {
  const mapped = versions.map(toAgreementVersion);
  const current = mapped.find((v) => v.version === a.currentVersion)!;
  return Object.assign(new Agreement(), {
    id: a.id,
    relationshipId: a.relationshipId,
    current,
    signedVersion: a.signedVersion,
    fullySigned: current.fullySigned,
    firstFullySignedAt: a.firstFullySignedAt,
    versions: mapped,
  });
}

@ObjectType({ description: 'The outcome of drafting or signing the agreement.' })
export class AgreementResult {
  @Field(() => Agreement, { nullable: true, description: 'The agreement after the change.' })
  agreement!: Agreement | null;

  @Field(() => [FieldError], { description: 'Why the change was refused (empty on success).' })
  errors!: FieldError[];
}
