import { Directive, Field, Float, ID, ObjectType, registerEnumType } from 'type-graphql';
import { FieldError, type Connection, connectionTypes } from '@tandem/subgraph-kit';
import { User, userRef } from '../users/user.type';
import { ProgrammeRef, programmeRef } from '../shared/stubs';
import {
  MENTORING_REQUEST_STATUSES,
  type MentoringRequestMessageRow,
  type MentoringRequestRow,
  type MentoringRequestStatus,
} from './mentoring-request.repository';

export const MentoringRequestStatusEnum = Object.fromEntries(MENTORING_REQUEST_STATUSES.map((s) => [s, s])) as {
  [K in MentoringRequestStatus]: K;
};
registerEnumType(MentoringRequestStatusEnum, {
  name: 'MentoringRequestStatus',
  description:
    'PENDING until the mentor answers; ACCEPTED starts the relationship; DECLINED (with reason), WITHDRAWN by the mentee, EXPIRED after the programme’s expiry days.',
});

const days = (from: Date | null, to: Date | null) => (from && to ? (to.getTime() - from.getTime()) / 86_400_000 : null);

@ObjectType({ description: 'A mentee asks a mentor to mentor them in a programme.' })
@Directive('@key(fields: "id")')
export class MentoringRequest {
  @Field(() => ID)
  id!: string;

  @Field(() => User, { description: 'Who asks.' })
  mentee!: User;

  @Field(() => User, { description: 'Who is asked.' })
  mentor!: User;

  @Field(() => ID, { description: 'The programme it is for.' })
  programmeId!: string;

  @Field(() => ProgrammeRef, { description: 'The programme it is for (resolved by identity).' })
  programme!: ProgrammeRef;

  @Field(() => ProgrammeRef, {
    description: 'The programme it is for (resolved by identity).',
    deprecationReason: 'Use programme.',
  })
  program!: ProgrammeRef;

  @Field(() => MentoringRequestStatusEnum, { description: 'Where it stands.' })
  status!: MentoringRequestStatus;

  @Field(() => String, { description: 'What the mentee wrote.' })
  message!: string;

  @Field(() => String, { nullable: true, description: 'Why the mentor declined.' })
  declineReason!: string | null;

  @Field(() => Date, { description: 'When it was sent.' })
  sentAt!: Date;

  @Field(() => Date, { description: 'When it expires if still pending.' })
  expiresAt!: Date;

  @Field(() => Date, { nullable: true, description: 'When it was accepted, declined, withdrawn or expired.' })
  respondedAt!: Date | null;

  @Field(() => Date, { nullable: true, description: 'When the mentee enrolled in the programme, if known.' })
  menteeEnrolledAt!: Date | null;

  @Field(() => Float, {
    nullable: true,
    description: 'Days from the mentee’s enrolment to the acceptance (time to match).',
  })
  daysToMatch!: number | null;
}

export function toMentoringRequest(row: MentoringRequestRow): MentoringRequest {
  return Object.assign(new MentoringRequest(), {
    id: row.id,
    mentee: userRef(row.menteeId),
    mentor: userRef(row.mentorId),
    programmeId: row.programmeId,
    programme: programmeRef(row.programmeId),
    program: programmeRef(row.programmeId),
    status: row.status,
    message: row.message,
    declineReason: row.declineReason,
    sentAt: row.sentAt,
    expiresAt: row.expiresAt,
    respondedAt: row.respondedAt,
    menteeEnrolledAt: row.menteeEnrolledAt,
    daysToMatch: row.status === 'ACCEPTED' ? days(row.menteeEnrolledAt, row.respondedAt) : null,
  });
}

@ObjectType({ description: 'An earlier wording of a request, replaced by its mentee while the request was pending.' })
export class MentoringRequestEdit {
  @Field(() => String, { description: 'The message as it read before this edit.' })
  previousMessage!: string;

  @Field(() => Date, { description: 'When the mentee replaced it.' })
  editedAt!: Date;
}

@ObjectType({ description: 'A message on a pending request, between the mentee and the mentor.' })
export class MentoringRequestMessage {
  @Field(() => ID)
  id!: string;

  @Field(() => User, { description: 'Who wrote it.' })
  author!: User;

  @Field(() => String, { description: 'The text.' })
  body!: string;

  @Field(() => Date, { description: 'When it was posted.' })
  postedAt!: Date;
}

export const toMentoringRequestMessage = (row: MentoringRequestMessageRow): MentoringRequestMessage =>
  Object.assign(new MentoringRequestMessage(), {
    id: row.id,
    author: userRef(row.authorId),
    body: row.body,
    postedAt: row.postedAt,
  });

@ObjectType({ description: 'The outcome of a change to a request: the request, or what to fix.' })
export class MentoringRequestResult {
  @Field(() => MentoringRequest, { nullable: true, description: 'The request after the change; null when refused.' })
  request!: MentoringRequest | null;

  @Field(() => [FieldError], {
    description:
      'Why it was refused (`CAPACITY_REACHED`, `TOO_MANY_OPEN_REQUESTS`, `DUPLICATE_REQUEST`, `NOT_PENDING`…).',
  })
  errors!: FieldError[];
}

@ObjectType({ description: 'The outcome of posting a message on a request.' })
export class MentoringRequestMessageResult {
  @Field(() => MentoringRequestMessage, { nullable: true, description: 'The message; null when refused.' })
  message!: MentoringRequestMessage | null;

  @Field(() => [FieldError], { description: 'Why it was refused.' })
  errors!: FieldError[];
}

export const { ConnectionType: MentoringRequestConnection } = connectionTypes(
  MentoringRequest,
  'MentoringRequest',
  'request',
);
export type MentoringRequestConnection = Connection<MentoringRequest>;

export const { ConnectionType: MentoringRequestMessageConnection } = connectionTypes(
  MentoringRequestMessage,
  'MentoringRequestMessage',
  'message',
);
export type MentoringRequestMessageConnection = Connection<MentoringRequestMessage>;
