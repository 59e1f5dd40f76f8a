import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Ctx, FieldResolver, ID, Info, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Role } from '@tandem/contracts';
import { selectedFields, type SubgraphContext } from '@tandem/subgraph-kit';
import { MentorStatusEnum } from '../profiles/profile.type';
import type { ServedConnection } from '../shared/api';
import { ChangeRolesInput, UpdateContactDetailsInput } from './user.inputs';
import { ContactDetails, EraseAccountResult, RoleEnum, User, UserConnection, UserResult } from './user.type';
import { UserService } from './user.service';

@Resolver(() => User)
export class UserResolver {
  constructor(private readonly service: UserService) {}

  @Query(() => User, { description: 'The signed-in user.' })
  me(@Ctx() ctx: SubgraphContext, @Info() info: GraphQLResolveInfo): Promise<User> {
    return this.service.me(ctx, selectedFields(info));
  }

  @Query(() => User, {
    description: 'A person by id. NOT_FOUND when unknown or when the caller may see nothing of them.',
  })
  user(@Arg('id', () => ID) id: string, @Ctx() ctx: SubgraphContext): Promise<User> {
    return this.service.user(ctx, id);
  }

  @Query(() => UserConnection, {
    description: 'People, newest first (ADMIN and PROGRAMME_ADMIN: everyone; COACH: their organisation).',
  })
  users(
    @Ctx() ctx: SubgraphContext,
    @Arg('first', () => Int, { nullable: true }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
    @Arg('role', () => RoleEnum, { nullable: true }) role?: Role,
    @Arg('organizationId', () => ID, { nullable: true }) organizationId?: string,
    @Arg('search', () => String, {
      nullable: true,
      description:
        'Part of the name, or of the email for ADMIN and PROGRAMME_ADMIN (a coach cannot see addresses, so never matches on them); taken literally (% and _ are characters).',
    })
    search?: string,
    @Arg('mentorStatus', () => MentorStatusEnum, {
      nullable: true,
      description: 'Only mentors whose application has this status.',
    })
    mentorStatus?: string,
  ): Promise<ServedConnection<User>> {
    return this.service.list(ctx, { first, after, role, organizationId, search, mentorStatus });
  }

  @Mutation(() => UserResult, {
    description: 'Grants staff roles (COACH, PROGRAMME_ADMIN, ANALYST, ADMIN); ADMIN only.',
  })
  grantRoles(
    @Arg('input', () => ChangeRolesInput) input: ChangeRolesInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<UserResult> {
    return this.service.grantRoles(ctx, input);
  }

  @Mutation(() => UserResult, { description: 'Revokes roles; ADMIN only.' })
  revokeRoles(
    @Arg('input', () => ChangeRolesInput) input: ChangeRolesInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<UserResult> {
    return this.service.revokeRoles(ctx, input);
  }

  @Mutation(() => UserResult, {
    description: "Changes the signed-in person's name or phone (the sign-in email changes with requestEmailChange).",
  })
  updateContactDetails(
    @Arg('input', () => UpdateContactDetailsInput) input: UpdateContactDetailsInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<UserResult> {
    return this.service.updateContactDetails(ctx, input);
  }

  @Mutation(() => EraseAccountResult, {
    description:
      "Erases a person's personal data (oneself, or anyone by an ADMIN); the id stays under a pseudonym and UserErased is published.",
  })
  eraseAccount(@Arg('userId', () => ID) userId: string, @Ctx() ctx: SubgraphContext): Promise<EraseAccountResult> {
    return this.service.eraseAccount(ctx, userId);
  }

  @FieldResolver(() => String, {
    nullable: true,
    description: 'The name shown to other people. Null when the caller may not see this person (analysts never do).',
  })
  displayName(@Root() user: User, @Ctx() ctx: SubgraphContext): Promise<string | null> {
    return this.service.displayName(ctx, user);
  }

  @FieldResolver(() => [RoleEnum], {
    nullable: true,
    description: "Roles held. Visible to the person, admins and their organisation's coaches; null otherwise.",
  })
  roles(@Root() user: User, @Ctx() ctx: SubgraphContext): Promise<Role[] | null> {
    return this.service.roles(ctx, user);
  }

  @FieldResolver(() => ID, {
    nullable: true,
    description: 'The partner organisation the person belongs to. Null when the caller may not see this person.',
  })
  organizationId(@Root() user: User, @Ctx() ctx: SubgraphContext): Promise<string | null> {
    return this.service.organizationId(ctx, user);
  }

  @FieldResolver(() => ContactDetails, {
    nullable: true,
    description:
      'Email and phone: the person, admins, and the counterpart of an active or completed relationship; null to anyone else.',
  })
  contact(@Root() user: User, @Ctx() ctx: SubgraphContext): Promise<ContactDetails | null> {
    return this.service.contact(ctx, user);
  }

  @FieldResolver(() => Date, { nullable: true, description: 'When the account was created. Same visibility as roles.' })
  createdAt(@Root() user: User, @Ctx() ctx: SubgraphContext): Promise<Date | null> {
    return this.service.createdAt(ctx, user);
  }
}
