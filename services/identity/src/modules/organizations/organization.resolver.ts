import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { SubgraphContext } from '@tandem/subgraph-kit';
import type { ServedConnection } from '../shared/api';
import { PageArgs } from '../shared/page.args';
import { User } from '../users/user.type';
import { OrganizationInput } from './organization.inputs';
import { OrganizationService } from './organization.service';
import { Organization, OrganizationConnection, OrganizationResult } from './organization.type';

@Resolver()
export class OrganizationResolver {
  constructor(private readonly service: OrganizationService) {}

  @Query(() => [Organization], {
    description: 'Partner organisations, by name.',
    deprecationReason: 'Use organizationsConnection.',
  })
  organizations(@Ctx() ctx: SubgraphContext): Promise<Organization[]> {
    return this.service.all(ctx);
  }

  @Query(() => OrganizationConnection, { description: 'Partner organisations, by name, a page at a time.' })
  organizationsConnection(
    @Ctx() ctx: SubgraphContext,
    @Args(() => PageArgs) page: PageArgs,
  ): Promise<ServedConnection<Organization>> {
    return this.service.page(ctx, page);
  }

  @Query(() => Organization, { description: 'An organisation by id (NOT_FOUND when unknown).' })
  organization(@Arg('id', () => ID) id: string, @Ctx() ctx: SubgraphContext): Promise<Organization> {
    return this.service.organization(ctx, id);
  }

  @Mutation(() => OrganizationResult, { description: 'Creates a partner organisation (PROGRAMME_ADMIN, ADMIN).' })
  createOrganization(
    @Arg('input', () => OrganizationInput) input: OrganizationInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<OrganizationResult> {
    return this.service.save(ctx, null, input);
  }

  @Mutation(() => OrganizationResult, { description: 'Changes an organisation (PROGRAMME_ADMIN, ADMIN).' })
  updateOrganization(
    @Arg('id', () => ID) id: string,
    @Arg('input', () => OrganizationInput) input: OrganizationInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<OrganizationResult> {
    return this.service.save(ctx, id, input);
  }
}

@Resolver(() => User)
export class UserOrganizationResolver {
  constructor(private readonly service: OrganizationService) {}

  @FieldResolver(() => Organization, {
    nullable: true,
    description: 'The partner organisation the person belongs to. Null when the caller may not see this person.',
  })
  organization(@Root() user: User, @Ctx() ctx: SubgraphContext): Promise<Organization | null> {
    return this.service.ofUser(ctx, user);
  }
}
