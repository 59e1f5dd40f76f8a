import { Arg, Ctx, FieldResolver, ID, Mutation, Resolver, Root } from 'type-graphql';
import type { SubgraphContext } from '@tandem/subgraph-kit';
import { AuthResult } from '../auth/auth.types';
import { Organization, OrganizationResult } from '../organizations/organization.type';
import { User } from '../users/user.type';
import { SecondFactorService } from './second-factor.service';
import {
  ConfirmSecondFactorEnrolmentResult,
  RecoveryCodesResult,
  SecondFactorChangeResult,
  SecondFactorStatus,
  StartSecondFactorEnrolmentResult,
} from './second-factor.type';

@Resolver()
export class SecondFactorResolver {
  constructor(private readonly service: SecondFactorService) {}

  @Mutation(() => AuthResult, {
    description:
      'The second step of a staff sign-in: the challenge login answered with (kind CODE) and a code of the authenticator app or a recovery code (each recovery code works once). Wrong codes count as failed sign-ins (RATE_LIMITED once locked); a code already used is refused.',
  })
  completeSignIn(
    @Arg('challenge', () => String) challenge: string,
    @Arg('code', () => String) code: string,
    @Ctx() ctx: SubgraphContext,
  ): Promise<AuthResult> {
    return this.service.completeSignIn(ctx, challenge, code);
  }

  @Mutation(() => StartSecondFactorEnrolmentResult, {
    description:
      'Starts setting up a second factor: a TOTP secret to add to an authenticator app (shown this once). Signed-in staff, or with the challenge of a login that requires one (kind ENROL).',
  })
  startSecondFactorEnrolment(
    @Arg('challenge', () => String, { nullable: true }) challenge: string | null,
    @Ctx() ctx: SubgraphContext,
  ): Promise<StartSecondFactorEnrolmentResult> {
    return this.service.startEnrolment(ctx, challenge ?? null);
  }

  @Mutation(() => ConfirmSecondFactorEnrolmentResult, {
    description:
      'Confirms the secret with a first code: the factor is in use and 10 recovery codes are returned (shown once). With an ENROL challenge it also completes the sign-in (session).',
  })
  confirmSecondFactorEnrolment(
    @Arg('code', () => String) code: string,
    @Arg('challenge', () => String, { nullable: true }) challenge: string | null,
    @Ctx() ctx: SubgraphContext,
  ): Promise<ConfirmSecondFactorEnrolmentResult> {
    return this.service.confirmEnrolment(ctx, challenge ?? null, code);
  }

  @Mutation(() => RecoveryCodesResult, {
    description: 'Replaces your recovery codes with 10 new ones (shown once), given a current code of the app.',
  })
  renewRecoveryCodes(
    @Arg('code', () => String) code: string,
    @Ctx() ctx: SubgraphContext,
  ): Promise<RecoveryCodesResult> {
    return this.service.renewRecoveryCodes(ctx, code);
  }

  @Mutation(() => SecondFactorChangeResult, {
    description:
      'Removes your own second factor: your password and a code (or a recovery code). Where one is required, the next sign-in asks to set it up again.',
  })
  removeSecondFactor(
    @Arg('password', () => String) password: string,
    @Arg('code', () => String) code: string,
    @Ctx() ctx: SubgraphContext,
  ): Promise<SecondFactorChangeResult> {
    return this.service.remove(ctx, password, code);
  }

  @Mutation(() => SecondFactorChangeResult, {
    description:
      'ADMIN: removes another person’s second factor (a lost phone); they set one up again at their next sign-in where it is required.',
  })
  resetSecondFactor(
    @Arg('userId', () => ID) userId: string,
    @Ctx() ctx: SubgraphContext,
  ): Promise<SecondFactorChangeResult> {
    return this.service.reset(ctx, userId);
  }

  @Mutation(() => OrganizationResult, {
    description:
      'Whether the organisation’s coaches must sign in with a second factor (ADMIN and PROGRAMME_ADMIN always must). PROGRAMME_ADMIN, ADMIN.',
  })
  setCoachSecondFactorRequirement(
    @Arg('organizationId', () => ID) organizationId: string,
    @Arg('required', () => Boolean) required: boolean,
    @Ctx() ctx: SubgraphContext,
  ): Promise<OrganizationResult> {
    return this.service.setCoachRequirement(ctx, organizationId, required);
  }
}

@Resolver(() => User)
export class UserSecondFactorResolver {
  constructor(private readonly service: SecondFactorService) {}

  @FieldResolver(() => SecondFactorStatus, {
    nullable: true,
    description: 'The person’s second factor (never its secret). The person and an ADMIN only; null to anyone else.',
  })
  secondFactor(@Root() user: User, @Ctx() ctx: SubgraphContext): Promise<SecondFactorStatus | null> {
    return this.service.status(ctx, user);
  }
}

@Resolver(() => Organization)
export class OrganizationSecondFactorResolver {
  constructor(private readonly service: SecondFactorService) {}

  @FieldResolver(() => Boolean, {
    description: 'Its coaches must sign in with a second factor (ADMIN and PROGRAMME_ADMIN always must).',
  })
  coachesRequireSecondFactor(@Root() organization: Organization, @Ctx() ctx: SubgraphContext): Promise<boolean> {
    return this.service.coachesRequire(ctx, organization.id);
  }
}
