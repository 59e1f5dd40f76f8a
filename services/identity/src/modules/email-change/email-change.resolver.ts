import { Arg, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import type { SubgraphContext } from '@tandem/subgraph-kit';
import { RequestEmailChangeInput } from './email-change.inputs';
import { EmailChangeService } from './email-change.service';
import { User } from '../users/user.type';
import {
  CancelEmailChangeResult,
  ConfirmEmailChangeResult,
  PendingEmailChange,
  RequestEmailChangeResult,
} from './email-change.type';

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

@Resolver(() => User)
export class UserEmailChangeResolver {
  constructor(private readonly service: EmailChangeService) {}

  @FieldResolver(() => PendingEmailChange, {
    nullable: true,
    description:
      'The sign-in email change the person asked for and has not yet confirmed from the new address (until its link expires). ' +
      'The person only; null to anyone else, an ADMIN included.',
  })
  pendingEmailChange(@Root() user: User, @Ctx() ctx: SubgraphContext): Promise<PendingEmailChange | null> {
    return this.service.pending(ctx, user.id);
  }
}
