import { Field, ObjectType } from 'type-graphql';
import { FieldError } from '@tandem/subgraph-kit';
import { AuthSession } from '../auth/auth.types';
import { OK_DEPRECATED } from '../shared/api';

@ObjectType({
  description:
    'The outcome of changePassword: `ok` with a new session for this device (every other session is signed out), or the input errors.',
})
export class ChangePasswordResult {
  @Field(() => Boolean, { description: 'True when the password was changed.', deprecationReason: OK_DEPRECATED })
  ok!: boolean;

  @Field(() => [FieldError], {
    description:
      'Why it was not changed: `currentPassword` INCORRECT_PASSWORD; `newPassword` TOO_SHORT, TOO_LONG, TOO_COMMON, CONTAINS_EMAIL or SAME_AS_CURRENT.',
  })
  errors!: FieldError[];

  @Field(() => AuthSession, {
    nullable: true,
    description: 'The session that replaces the caller’s (all earlier refresh tokens are revoked); null when not ok.',
  })
  session!: AuthSession | null;
}

@ObjectType({
  description:
    'The outcome of requestPasswordReset: the same for every well-formed address, whether or not it has an account.',
})
export class RequestPasswordResetResult {
  @Field(() => Boolean, {
    description:
      'True for every well-formed address: it never says whether an account has it or whether an email went out.',
    deprecationReason: OK_DEPRECATED,
  })
  ok!: boolean;

  @Field(() => [FieldError], { description: 'Only a malformed address: `email` REQUIRED or INVALID_EMAIL.' })
  errors!: FieldError[];
}

@ObjectType({
  description: 'The outcome of resetPassword: `ok` (then sign in with the new password), or the input errors.',
})
export class ResetPasswordResult {
  @Field(() => Boolean, {
    description: 'True when the new password was set; every session of the account has been signed out.',
    deprecationReason: OK_DEPRECATED,
  })
  ok!: boolean;

  @Field(() => [FieldError], {
    description:
      'Why it was not set: `token` RESET_TOKEN_INVALID (unknown, expired, already used or replaced by a newer link, alike); ' +
      '`newPassword` TOO_SHORT, TOO_LONG, TOO_COMMON or CONTAINS_EMAIL (the link still works then).',
  })
  errors!: FieldError[];
}

export function changePasswordResult(errors: FieldError[], session: AuthSession | null = null): ChangePasswordResult {
  return Object.assign(new ChangePasswordResult(), {
    ok: errors.length === 0,
    errors,
    session: errors.length === 0 ? session : null,
  });
}

export function requestPasswordResetResult(errors: FieldError[]): RequestPasswordResetResult {
  return Object.assign(new RequestPasswordResetResult(), { ok: errors.length === 0, errors });
}

export function resetPasswordResult(errors: FieldError[]): ResetPasswordResult {
  return Object.assign(new ResetPasswordResult(), { ok: errors.length === 0, errors });
}
