import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import type { SubgraphContext } from '@tandem/subgraph-kit';
import { RequestEmailChangeInput } from './email-change.inputs';
import { EmailChangeService } from './email-change.service';
import { CancelEmailChangeResult, ConfirmEmailChangeResult, RequestEmailChangeResult } from './email-change.type';

@Resolver()
export class EmailChangeResolver {
  constructor(private readonly service: EmailChangeService) {}

  @Mutation(() => RequestEmailChangeResult, {
    description:
      'Asks to sign in with another email: a confirmation link goes to the new address (nothing changes until it is followed, within 24 hours) ' +
      'and a notice to the current one with a "this wasn\'t me" link. A wrong current password counts as a failed sign-in.',
  })
  requestEmailChange(
    @Arg('input', () => RequestEmailChangeInput) input: RequestEmailChangeInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<RequestEmailChangeResult> {
    return this.service.request(ctx, input);
  }

  @Mutation(() => ConfirmEmailChangeResult, {
    description:
      'Confirms a change of sign-in email with the token from the link sent to the new address (no sign-in needed). Every session of the account is signed out.',
  })
  confirmEmailChange(
    @Arg('token', () => String, { description: 'The `token` query parameter of the confirmation link.' }) token: string,
    @Ctx() ctx: SubgraphContext,
  ): Promise<ConfirmEmailChangeResult> {
    return this.service.confirm(ctx, token);
  }

  @Mutation(() => CancelEmailChangeResult, {
    description:
      '"This wasn\'t me", with the token from the notice sent to the old address (no sign-in needed): blocks the change, or undoes it if it was ' +
      'already confirmed; every session is signed out and the password must be chosen anew ("Forgot your password?").',
  })
  cancelEmailChange(
    @Arg('token', () => String, { description: 'The `token` query parameter of the notice’s link.' }) token: string,
    @Ctx() ctx: SubgraphContext,
  ): Promise<CancelEmailChangeResult> {
    return this.service.cancel(ctx, token);
  }
}
