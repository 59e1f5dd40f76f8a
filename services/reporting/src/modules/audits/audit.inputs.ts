import { Field, Float, ID, InputType, Int } from 'type-graphql';
import { LocalDate } from '@tandem/subgraph-kit';
import { AuditOutcome, AuditStrategy, AuditVerificationAnswer } from './audit.type';

@InputType({ description: 'Open an audit cycle.' })
export class OpenAuditCycleInput {
  @Field(() => LocalDate, { description: 'First day of the audited period.' })
  from!: string;

  @Field(() => LocalDate, { description: 'Last day of the audited period.' })
  to!: string;

  @Field(() => Float, { description: 'Share to sample, in (0, 1].' })
  sampleRate!: number;

  @Field(() => String, {
    nullable: true,
    description:
      'Any string; the same seed over the same population reproduces the same selection. Leave it out for 32 random bytes drawn by the platform (recommended: a seed chosen by the auditor could be tried until it picks whom they want).',
  })
  seed?: string | null;

  @Field(() => ID, {
    nullable: true,
    description: 'Audit this programme only: its participants, their hours in it. Not with organizationId.',
  })
  programmeId?: string | null;

  @Field(() => ID, {
    nullable: true,
    description:
      "Audit this organisation's programmes only. Not with programmeId. Neither: every programme on the platform.",
  })
  organizationId?: string | null;

  @Field(() => AuditStrategy, { description: 'Sampling strategy.' })
  strategy!: AuditStrategy;

  @Field(() => Int, { nullable: true, description: 'Days to respond (default 30).' })
  dueInDays?: number | null;
}

@InputType({ description: "A counterpart's answer about one meeting." })
export class AuditMeetingAnswerInput {
  @Field(() => ID, { description: 'The meeting.' })
  meetingId!: string;

  @Field(() => AuditVerificationAnswer, { description: 'CONFIRMED or DENIED.' })
  answer!: AuditVerificationAnswer;

  @Field(() => String, { nullable: true, description: 'Why, especially when denying.' })
  note?: string | null;
}

@InputType({ description: "A counterpart's answers for one selection." })
export class AnswerAuditVerificationInput {
  @Field(() => ID, { description: 'The selection.' })
  selectionId!: string;

  @Field(() => [AuditMeetingAnswerInput], {
    description: 'One answer per meeting (meetings not listed keep their current answer).',
  })
  answers!: AuditMeetingAnswerInput[];
}

@InputType({ description: "The reviewer's decision on a selection." })
export class RecordAuditOutcomeInput {
  @Field(() => ID, { description: 'The selection.' })
  selectionId!: string;

  @Field(() => AuditOutcome, {
    nullable: true,
    description: 'Override the outcome the answers imply (default: derived from the answers).',
  })
  outcome?: AuditOutcome | null;

  @Field(() => String, { description: 'Reviewer notes.' })
  notes!: string;
}

@InputType({ description: "A selected member's answer to their audit." })
export class SubmitAuditAnswerInput {
  @Field(() => ID, { description: 'The selection (one of your own).' })
  selectionId!: string;

  @Field(() => String, {
    description:
      'What you want the auditor to know about the hours claimed (at most 5,000 characters). Final once sent.',
  })
  answer!: string;
}
