import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { FieldError } from '@tandem/subgraph-kit';
import { CredentialRole } from './credential.type';
import type { CredentialRequestRow } from './credential-request.repository';

/** The longest note a partner may add to a request, and a decline's reason. */
export const MAX_REQUEST_NOTE = 1_000;

export enum CredentialRequestResolution {
  ISSUED = 'ISSUED',
  DECLINED = 'DECLINED',
}
registerEnumType(CredentialRequestResolution, {
  name: 'CredentialRequestResolution',
  description: 'How staff answered a credential request.',
});

@ObjectType({
  description:
    'A partner’s request for an Open Badges credential for the hours they have confirmed in a relationship. Read by the person who made it and by the staff who may issue for the relationship’s organisation.',
})
export class CredentialRequest {
  @Field(() => ID)
  id!: string;

  @Field(() => ID, { description: 'Who asked.' })
  userId!: string;

  @Field(() => String, { nullable: true, description: 'Their name as reporting knows it (staff view).' })
  personName!: string | null;

  @Field(() => ID, { description: 'The relationship whose hours it is about.' })
  relationshipId!: string;

  @Field(() => String, { nullable: true, description: 'The programme’s name.' })
  programmeName!: string | null;

  @Field(() => CredentialRole, { description: 'The part they took.' })
  role!: CredentialRole;

  @Field(() => Number, { description: 'Their confirmed hours in the relationship when they asked.' })
  hours!: number;

  @Field(() => String, { nullable: true, description: 'What they added (at most 1,000 characters).' })
  note!: string | null;

  @Field(() => Date, { description: 'When they asked.' })
  requestedAt!: Date;

  @Field(() => CredentialRequestResolution, { nullable: true, description: 'Null while it waits for staff.' })
  resolution!: CredentialRequestResolution | null;

  @Field(() => Date, { nullable: true, description: 'When staff answered.' })
  resolvedAt!: Date | null;

  @Field(() => String, { nullable: true, description: 'Why staff declined (the person sees it).' })
  declineReason!: string | null;
}

export const toCredentialRequest = (r: CredentialRequestRow): CredentialRequest =>
  Object.assign(new CredentialRequest(), {
    id: r.id,
    userId: r.userId,
    personName: r.personName,
    relationshipId: r.relationshipId,
    programmeName: r.programmeName,
    role: r.role as CredentialRole,
    hours: r.hours,
    note: r.note,
    requestedAt: r.requestedAt,
    resolution: r.resolution as CredentialRequestResolution | null,
    resolvedAt: r.resolvedAt,
    declineReason: r.declineReason,
  });

@ObjectType({
  description:
    'A relationship in which you have confirmed hours, and where you stand on a credential for them: the credential that states them, your open request, or the last answer to one.',
})
export class CredentialOption {
  @Field(() => ID)
  relationshipId!: string;

  @Field(() => String, { nullable: true, description: 'The programme’s name.' })
  programmeName!: string | null;

  @Field(() => CredentialRole)
  role!: CredentialRole;

  @Field(() => Number, { description: 'Your confirmed hours in it (reversed entries do not count).' })
  hours!: number;

  @Field(() => Int, { description: 'Your confirmed meetings in it.' })
  meetings!: number;

  @Field(() => ID, {
    nullable: true,
    description: 'A valid credential you hold that states these hours (or more): nothing to ask for.',
  })
  currentCredentialId!: string | null;

  @Field(() => CredentialRequest, {
    nullable: true,
    description: 'Your latest request for this relationship: open (waiting for staff), or its answer.',
  })
  latestRequest!: CredentialRequest | null;
}

@InputType({ description: 'Ask your organisation for a credential for your confirmed hours in a relationship.' })
export class RequestCredentialInput {
  @Field(() => ID, { description: 'One of your relationships.' })
  relationshipId!: string;

  @Field(() => String, {
    nullable: true,
    description: 'Anything staff should know, e.g. who asks for it (at most 1,000 characters).',
  })
  note?: string | null;
}

@InputType({ description: 'Decline a credential request, with a reason the person sees.' })
export class DeclineCredentialRequestInput {
  @Field(() => ID)
  requestId!: string;

  @Field(() => String, { description: 'Why (at most 1,000 characters).' })
  reason!: string;
}

@ObjectType({ description: 'The request after the change, or why it was refused.' })
export class CredentialRequestResult {
  @Field(() => CredentialRequest, { nullable: true })
  request!: CredentialRequest | null;

  @Field(() => [FieldError], {
    description:
      'NO_HOURS, NO_ISSUER, ALREADY_SUBMITTED, UP_TO_DATE, TOO_LONG, REQUIRED, NOT_PENDING (empty on success).',
  })
  errors!: FieldError[];
}
