import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import type { Role } from '@tandem/contracts';
import { connectionTypes, FieldError, type Connection } from '@tandem/subgraph-kit';
import { RoleEnum } from '../users/user.type';

export const InvitationStatusEnum = {
  PENDING: 'PENDING',
  ACCEPTED: 'ACCEPTED',
  EXPIRED: 'EXPIRED',
  REVOKED: 'REVOKED',
};
export type InvitationStatus = keyof typeof InvitationStatusEnum;
registerEnumType(InvitationStatusEnum, { name: 'InvitationStatus', description: 'Where an invitation stands.' });

@InputType({
  description:
    'A CSV file of people to invite (a header row naming the columns `email`, `name`, `role` and, for coaches, ' +
    '`organisation`), with the programme participants join and the organisation coaches belong to when the file ' +
    'does not say.',
})
export class InvitationBatchInput {
  @Field(() => String, { description: 'The file’s text (UTF-8; comma or semicolon separated; at most 1000 rows).' })
  csv!: string;

  @Field(() => ID, { nullable: true, description: 'The programme MENTEE and MENTOR rows join.' })
  programmeId?: string | null;

  @Field(() => ID, { nullable: true, description: 'The organisation of COACH rows without an `organisation` column.' })
  organizationId?: string | null;
}

@InputType({ description: 'One person to invite.' })
export class InviteInput {
  @Field(() => String)
  email!: string;

  @Field(() => String, { description: 'Their name, as the invitation greets them (they may change it).' })
  displayName!: string;

  @Field(() => RoleEnum, { description: 'A staff role, or MENTEE or MENTOR with a programme.' })
  role!: Role;

  @Field(() => ID, { nullable: true, description: 'The programme a MENTEE or MENTOR joins.' })
  programmeId?: string | null;

  @Field(() => ID, { nullable: true, description: 'The organisation a COACH belongs to.' })
  organizationId?: string | null;
}

@InputType({ description: 'Accepting an invitation: the name to go by and a password for the new account.' })
export class AcceptInvitationInput {
  @Field(() => String, { description: 'The `token` query parameter of the invitation’s link.' })
  token!: string;

  @Field(() => String)
  displayName!: string;

  @Field(() => String)
  password!: string;
}

@ObjectType({ description: 'One row of an invitation file as read, with what stops it (nothing: it can be sent).' })
export class InvitationRowCheck {
  @Field(() => Int, { description: 'The row’s line in the file (the header is line 1).' })
  line!: number;

  @Field(() => String, { nullable: true })
  email!: string | null;

  @Field(() => String, { nullable: true })
  displayName!: string | null;

  @Field(() => RoleEnum, { nullable: true })
  role!: Role | null;

  @Field(() => [FieldError], {
    description:
      'Why this row cannot be sent, each naming its column (`email` INVALID_EMAIL, DUPLICATE_IN_FILE, ALREADY_REGISTERED ' +
      'or ALREADY_INVITED; `name` REQUIRED or TOO_LONG; `role` UNKNOWN_ROLE or ROLE_NOT_ALLOWED; `programme` ' +
      'PROGRAMME_REQUIRED; `organisation` ORGANIZATION_REQUIRED or UNKNOWN_ORGANIZATION). Empty: ready.',
  })
  problems!: FieldError[];
}

@ObjectType({ description: 'An invitation file checked before anything is sent.' })
export class InvitationPreview {
  @Field(() => [InvitationRowCheck], { description: 'Every row, in the file’s order.' })
  rows!: InvitationRowCheck[];

  @Field(() => Int, { description: 'Rows that would be sent.' })
  ready!: number;

  @Field(() => Int, { description: 'Rows with a problem (left out if the file is sent).' })
  refused!: number;

  @Field(() => [FieldError], {
    description:
      'Problems of the whole file: `input.csv` EMPTY, MISSING_COLUMN, TOO_MANY_ROWS or UNREADABLE; `input.programmeId` ' +
      'UNKNOWN_PROGRAMME; `input.organizationId` UNKNOWN_ORGANIZATION.',
  })
  errors!: FieldError[];
}

@ObjectType({ description: 'The outcome of sending invitations: how many went out, and the rows left out with why.' })
export class SendInvitationsResult {
  @Field(() => Int)
  sent!: number;

  @Field(() => [InvitationRowCheck], { description: 'Rows not sent, with their problems.' })
  refusedRows!: InvitationRowCheck[];

  @Field(() => [FieldError], { description: 'Problems of the whole request (nothing was sent).' })
  errors!: FieldError[];
}

@ObjectType({ description: 'An invitation as staff see it (never its link).' })
export class Invitation {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  email!: string;

  @Field(() => String)
  displayName!: string;

  @Field(() => RoleEnum)
  role!: Role;

  @Field(() => ID, { nullable: true })
  programmeId!: string | null;

  @Field(() => ID, { nullable: true })
  organizationId!: string | null;

  @Field(() => InvitationStatusEnum)
  status!: InvitationStatus;

  @Field(() => Date)
  createdAt!: Date;

  @Field(() => Date)
  expiresAt!: Date;
}

export const { ConnectionType: InvitationConnection } = connectionTypes(Invitation, 'Invitation', 'invitation');
export type InvitationConnection = Connection<Invitation>;

@ObjectType({ description: 'What an invitation link offers, shown before it is accepted.' })
export class InvitationOffer {
  @Field(() => String)
  email!: string;

  @Field(() => String)
  displayName!: string;

  @Field(() => RoleEnum)
  role!: Role;

  @Field(() => String, { nullable: true, description: 'The programme a MENTEE or MENTOR joins.' })
  programmeName!: string | null;

  @Field(() => Date)
  expiresAt!: Date;
}

@ObjectType({ description: 'The outcome of acceptInvitation: the new account’s sign-in email, or the errors.' })
export class AcceptInvitationResult {
  @Field(() => String, { nullable: true, description: 'Sign in with this address and the new password.' })
  email!: string | null;

  @Field(() => [FieldError], {
    description:
      'Why no account was made: `input.token` INVITATION_INVALID (unknown, expired, used or revoked, alike) or ' +
      'ALREADY_REGISTERED; `input.password` and `input.displayName` as at registration.',
  })
  errors!: FieldError[];
}

@ObjectType({ description: 'The outcome of revokeInvitation.' })
export class RevokeInvitationResult {
  @Field(() => Boolean)
  revoked!: boolean;

  @Field(() => [FieldError], { description: '`id` NOT_OPEN: accepted or revoked already.' })
  errors!: FieldError[];
}
