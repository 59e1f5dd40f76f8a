import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { SubgraphContext } from '@tandem/subgraph-kit';
import { LearningStage } from '../shared/enums';
import { RelationshipStageService } from './relationship-stage.service';
import { Relationship } from './relationship.type';

@Resolver(() => Relationship)
export class RelationshipStageResolver {
  constructor(private readonly service: RelationshipStageService) {}

  @FieldResolver(() => LearningStage, {
    description:
      "The stage the relationship is at, for the programme's learning resources: COMPLETING once ended, completing, its terms met or within 14 days of its planned end; else PREPARING_FIRST_MEETING until a meeting is confirmed by both; else WRITING_AGREEMENT until the agreement is signed by both; else ACTION_PLAN until a plan or goal exists and half the duration has passed; then MID_WAY.",
  })
  stage(@Root() r: Relationship, @Ctx() ctx: SubgraphContext): Promise<LearningStage> {
    return this.service.stage(ctx, r.row) as Promise<LearningStage>;
  }
}
