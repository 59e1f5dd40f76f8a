import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Resolver, Root } from 'type-graphql';
import { outcome, type SubgraphContext } from '@tandem/subgraph-kit';
import { Relationship } from '../relationships/relationship.type';
import { AgreementInput } from './agreement.inputs';
import { AgreementService } from './agreement.service';
import { Agreement, AgreementResult } from './agreement.type';

@Resolver(() => Relationship)
export class AgreementResolver {
  constructor(private readonly service: AgreementService) {}

  @FieldResolver(() => Agreement, { nullable: true, description: 'The partnership agreement, once drafted.' })
  agreement(@Root() r: Relationship, @Ctx() ctx: SubgraphContext): Promise<Agreement | null> {
    return this.service.forRelationship(ctx, r.id);
  }

  @Mutation(() => AgreementResult, {
    description: 'Either partner drafts the agreement; every draft is a new version that both must sign.',
  })
  draftAgreement(
    @Arg('relationshipId', () => ID) relationshipId: string,
    @Arg('input', () => AgreementInput) input: AgreementInput,
    @Ctx() ctx: SubgraphContext,
  ) {
    return outcome('agreement', () => this.service.draft(ctx, relationshipId, input));
  }

  @Mutation(() => AgreementResult, {
    description: 'The caller signs a specific version (STALE_VERSION if it is not the current one).',
  })
  signAgreement(
    @Arg('relationshipId', () => ID) relationshipId: string,
    @Arg('version', () => Int) version: number,
    @Ctx() ctx: SubgraphContext,
  ) {
    return outcome('agreement', () => this.service.sign(ctx, relationshipId, version));
  }
}
