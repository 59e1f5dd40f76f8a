import { Field, ObjectType } from 'type-graphql';
import { FieldError } from '@tandem/subgraph-kit';
import { User } from '../users/user.type';

@ObjectType({
  description:
    'The outcome of requestEmailChange: the pending change (nothing changes until the new address confirms it), or the errors.',
})
export class RequestEmailChangeResult {
  @Field(() => String, {
    nullable: true,
    description: 'The address a confirmation link was sent to; null when refused.',
  })
  pendingEmail!: string | null;

  @Field(() => Date, { nullable: true, description: 'When the confirmation link stops working; null when refused.' })
  expiresAt!: Date | null;

  @Field(() => [FieldError], {
    description:
      'Why nothing was sent: `input.currentPassword` INCORRECT_PASSWORD; `input.newEmail` REQUIRED, INVALID_EMAIL or SAME_AS_CURRENT; ' +
      '`input` TOO_MANY_REQUESTS (3 an hour).',
  })
  errors!: FieldError[];
}

@ObjectType({
  description:
    'The outcome of confirmEmailChange: the account now signs in with the new address (every session was signed out), or the errors.',
})
export class ConfirmEmailChangeResult {
  @Field(() => User, { nullable: true, description: 'The person whose sign-in email changed; null when refused.' })
  user!: User | null;

  @Field(() => [FieldError], {
    description:
      'Why nothing changed: `token` EMAIL_CHANGE_TOKEN_INVALID (unknown, expired, used, cancelled or replaced, alike) or TAKEN (another account signs in with the address).',
  })
  errors!: FieldError[];
}

@ObjectType({
  description:
    'The outcome of cancelEmailChange ("this wasn\'t me"): the change is blocked or undone, every session is signed out and the password must be chosen anew, or the errors.',
})
export class CancelEmailChangeResult {
  @Field(() => String, {
    nullable: true,
    description: 'The address the account signs in with now (choose a new password for it); null when refused.',
  })
  email!: string | null;

  @Field(() => [FieldError], {
    description: 'Why nothing happened: `token` EMAIL_CHANGE_TOKEN_INVALID (unknown, expired or already used, alike).',
  })
  errors!: FieldError[];
}

@ObjectType({ description: 'A change of sign-in email asked for and not yet confirmed from the new address.' })
export class PendingEmailChange {
  @Field(() => String, { description: 'The address the confirmation link was sent to.' })
  email!: string;

  @Field(() => Date, { description: 'When the confirmation link stops working.' })
  expiresAt!: Date;
}
