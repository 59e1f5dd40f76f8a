import { Arg, Ctx, FieldResolver, ID, Mutation, Resolver, Root } from 'type-graphql';
import type { SubgraphContext } from '@tandem/subgraph-kit';
import { Programme } from '../programmes/programme.type';
import { LearningResourceInput } from './learning.inputs';
import { LearningService } from './learning.service';
import { LearningResource, LearningResourceResult, LearningResourcesResult, LearningStage } from './learning.type';

const STAFF = "ADMIN, PROGRAMME_ADMIN, or a COACH of one of the programme's partner organisations";

@Resolver(() => LearningResource)
export class LearningResolver {
  constructor(private readonly service: LearningService) {}

  @Mutation(() => LearningResourceResult, {
    description: `Adds a learning resource to a programme, last of its stage (${STAFF}).`,
  })
  createLearningResource(
    @Arg('programmeId', () => ID, { description: 'The programme.' }) programmeId: string,
    @Arg('input', () => LearningResourceInput) input: LearningResourceInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<LearningResourceResult> {
    return this.service.create(ctx, programmeId, input);
  }

  @Mutation(() => LearningResourceResult, {
    description: `Changes a learning resource; moved to another stage, it goes last there (${STAFF}).`,
  })
  updateLearningResource(
    @Arg('id', () => ID) id: string,
    @Arg('input', () => LearningResourceInput) input: LearningResourceInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<LearningResourceResult> {
    return this.service.update(ctx, id, input);
  }

  @Mutation(() => LearningResourceResult, { description: `Deletes a learning resource (${STAFF}).` })
  deleteLearningResource(
    @Arg('id', () => ID) id: string,
    @Ctx() ctx: SubgraphContext,
  ): Promise<LearningResourceResult> {
    return this.service.delete(ctx, id);
  }

  @Mutation(() => LearningResourcesResult, {
    description: `Orders the learning resources of one stage of a programme: ids names each of them once, first first (${STAFF}).`,
  })
  reorderLearningResources(
    @Arg('programmeId', () => ID, { description: 'The programme.' }) programmeId: string,
    @Arg('stage', () => LearningStage, { description: 'The stage whose resources are ordered.' }) stage: LearningStage,
    @Arg('ids', () => [ID], { description: "The stage's resources, in their new order." }) ids: string[],
    @Ctx() ctx: SubgraphContext,
  ): Promise<LearningResourcesResult> {
    return this.service.reorder(ctx, programmeId, stage, ids);
  }
}

@Resolver(() => Programme)
export class ProgrammeLearningResolver {
  constructor(private readonly service: LearningService) {}

  @FieldResolver(() => [LearningResource], {
    nullable: true,
    description:
      "Its learning resources, by stage then position. Read by its participants (enrolled, proposed, or partners of one of its relationships) and staff (ADMIN, PROGRAMME_ADMIN, ANALYST, its partner organisations' coaches); null for anyone else.",
  })
  learningResources(
    @Root() programme: Programme,
    @Ctx() ctx: SubgraphContext,
    @Arg('stage', () => LearningStage, { nullable: true, description: 'Only this stage.' })
    stage?: LearningStage | null,
    @Arg('language', () => String, {
      nullable: true,
      description:
        'Only this language (en or fr-CA), falling back to English for a stage that has nothing in it; omitted: every language.',
    })
    language?: string | null,
  ): Promise<LearningResource[] | null> {
    return this.service.ofProgramme(ctx, programme, stage ?? null, language ?? null);
  }
}
