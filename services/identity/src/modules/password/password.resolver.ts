import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import type { SubgraphContext } from '@tandem/subgraph-kit';
import { ChangePasswordResult, RequestPasswordResetResult, ResetPasswordResult } from './password.type';
import { PasswordService } from './password.service';

@Resolver()
export class PasswordResolver {
  constructor(private readonly service: PasswordService) {}

  @Mutation(() => ChangePasswordResult, {
    description:
      'The signed-in person replaces their password. A wrong current password counts as a failed sign-in (RATE_LIMITED once the account or address is locked). ' +
      'Every other session is signed out; the result carries a new session for this device; the person is told by email.',
  })
  changePassword(
    @Arg('currentPassword', () => String, { description: 'The password in use now.' }) currentPassword: string,
    @Arg('newPassword', () => String, {
      description: 'At least 10 characters, not a common password, not containing the email name, not the current one.',
    })
    newPassword: string,
    @Ctx() ctx: SubgraphContext,
  ): Promise<ChangePasswordResult> {
    return this.service.changePassword(ctx, currentPassword, newPassword);
  }

  @Mutation(() => RequestPasswordResetResult, {
    description:
      'Asks for a password reset link by email. Answers the same whether or not an account has the address; an account gets at most 3 links an hour, ' +
      'each working once within 30 minutes, and a new link replaces the earlier ones.',
  })
  requestPasswordReset(
    @Arg('email', () => String, { description: 'The email address the person signs in with.' }) email: string,
    @Ctx() ctx: SubgraphContext,
  ): RequestPasswordResetResult {
    return this.service.requestPasswordReset(ctx, email);
  }

  @Mutation(() => ResetPasswordResult, {
    description:
      'Sets a new password with the token of a reset link. Every session of the account is signed out; it does not sign in (sign in with the new password).',
  })
  resetPassword(
    @Arg('token', () => String, { description: 'The token from the reset link (its `token` query parameter).' })
    token: string,
    @Arg('newPassword', () => String, {
      description: 'At least 10 characters, not a common password, not containing the email name.',
    })
    newPassword: string,
    @Ctx() ctx: SubgraphContext,
  ): Promise<ResetPasswordResult> {
    return this.service.resetPassword(ctx, token, newPassword);
  }
}
