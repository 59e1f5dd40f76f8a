import { Arg, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import type { SubgraphContext } from '@tandem/subgraph-kit';
import { AuthResult } from '../auth/auth.types';
import { SetOrganizationSingleSignOnInput } from './single-sign-on.inputs';
import { OrganizationSignInService } from './organization-sign-in.service';
import { SingleSignOnService } from './single-sign-on.service';
import {
  OrganizationSingleSignOn,
  OrganizationSingleSignOnResult,
  StartOrganizationSignInResult,
} from './single-sign-on.type';

@Resolver()
export class SingleSignOnResolver {
  constructor(
    private readonly settings: SingleSignOnService,
    private readonly signIn: OrganizationSignInService,
  ) {}

  @Query(() => OrganizationSingleSignOn, {
    nullable: true,
    description:
      "The organisation's single sign-on (ADMIN); null when it has none. The client secret is never answered.",
  })
  organizationSingleSignOn(
    @Arg('organizationId', () => ID) organizationId: string,
    @Ctx() ctx: SubgraphContext,
  ): Promise<OrganizationSingleSignOn | null> {
    return this.settings.ofOrganization(ctx, organizationId);
  }

  @Mutation(() => OrganizationSingleSignOnResult, {
    description:
      "Sets the organisation's OpenID Connect provider (ADMIN): issuer (its discovery must answer, else ISSUER_UNREACHABLE), client id and secret, the email domains it covers (DOMAIN_TAKEN when another organisation has one), groups to staff roles, and whether its staff may still use a password.",
  })
  setOrganizationSingleSignOn(
    @Arg('input', () => SetOrganizationSingleSignOnInput) input: SetOrganizationSingleSignOnInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<OrganizationSingleSignOnResult> {
    return this.settings.set(ctx, input);
  }

  @Mutation(() => OrganizationSingleSignOnResult, {
    description: "Removes the organisation's single sign-on (ADMIN): its staff sign in with a password again.",
  })
  removeOrganizationSingleSignOn(
    @Arg('organizationId', () => ID) organizationId: string,
    @Ctx() ctx: SubgraphContext,
  ): Promise<OrganizationSingleSignOnResult> {
    return this.settings.remove(ctx, organizationId);
  }

  @Mutation(() => StartOrganizationSignInResult, {
    description:
      "Starts signing in with one's organisation: the organisation is found by the email's domain (NO_ORGANIZATION_SIGN_IN otherwise) and the answer is the provider's URL to send the browser to. Anyone may call it.",
  })
  startOrganizationSignIn(
    @Arg('email', () => String) email: string,
    @Ctx() ctx: SubgraphContext,
  ): Promise<StartOrganizationSignInResult> {
    return this.signIn.start(ctx, email);
  }

  @Mutation(() => AuthResult, {
    description:
      "Completes signing in with one's organisation with the full URL the provider sent the browser back to (the redirect URI with its code and state). Refusals on callbackUrl: SIGN_IN_EXPIRED (unknown, used or expired state), SIGN_IN_NOT_VERIFIED (the ID token or the exchange did not verify, or the userinfo answer the groups were read from is about another subject), SIGN_IN_DENIED, EMAIL_NOT_VERIFIED, EMAIL_OUTSIDE_DOMAINS, NO_ROLE (a new account whose groups map to no role, or an account of the organisation its groups left with none: its sessions end). An account of the organisation gets and loses the mapped staff roles its groups give or no longer give at every sign-in (UserRolesChanged via SSO). No second factor is asked: the provider is the organisation's strong authentication.",
  })
  completeOrganizationSignIn(
    @Arg('callbackUrl', () => String) callbackUrl: string,
    @Ctx() ctx: SubgraphContext,
  ): Promise<AuthResult> {
    return this.signIn.complete(ctx, callbackUrl);
  }
}
