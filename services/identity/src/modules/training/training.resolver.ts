import { Arg, Ctx, FieldResolver, ID, Mutation, Resolver, Root } from 'type-graphql';
import type { SubgraphContext } from '@tandem/subgraph-kit';
import { MentorProfile } from '../profiles/profile.type';
import { Programme } from '../programmes/programme.type';
import { User } from '../users/user.type';
import {
  CreateTrainingModuleInput,
  TrainingModuleInput,
  TrainingModuleVersionInput,
  TrainingNeedsInput,
} from './training.inputs';
import { TrainingService } from './training.service';
import {
  TrainingCompletion,
  TrainingCompletionResult,
  TrainingModule,
  TrainingModuleResult,
  TrainingModuleVersion,
  TrainingNeeds,
  TrainingNeedsResult,
  TrainingStatus,
} from './training.type';

@Resolver(() => TrainingModule)
export class TrainingResolver {
  constructor(private readonly service: TrainingService) {}

  @Mutation(() => TrainingModuleResult, {
    description: 'Adds a training module to a programme (ADMIN, PROGRAMME_ADMIN).',
  })
  createTrainingModule(
    @Arg('input', () => CreateTrainingModuleInput) input: CreateTrainingModuleInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<TrainingModuleResult> {
    return this.service.create(ctx, input);
  }

  @Mutation(() => TrainingModuleResult, { description: 'Rewrites a training module (ADMIN, PROGRAMME_ADMIN).' })
  updateTrainingModule(
    @Arg('moduleId', () => ID) moduleId: string,
    @Arg('input', () => TrainingModuleInput) input: TrainingModuleInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<TrainingModuleResult> {
    return this.service.update(ctx, moduleId, input);
  }

  @Mutation(() => TrainingModuleResult, {
    description:
      'Writes a training module’s text in another language, replacing that language’s version (ADMIN, PROGRAMME_ADMIN).',
  })
  setTrainingModuleVersion(
    @Arg('moduleId', () => ID) moduleId: string,
    @Arg('input', () => TrainingModuleVersionInput) input: TrainingModuleVersionInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<TrainingModuleResult> {
    return this.service.setVersion(ctx, moduleId, input);
  }

  @Mutation(() => TrainingModuleResult, {
    description:
      'Removes a training module’s version in a language; its readers then get the text it is written in (ADMIN, PROGRAMME_ADMIN).',
  })
  removeTrainingModuleVersion(
    @Arg('moduleId', () => ID) moduleId: string,
    @Arg('language', () => String, { description: 'The version’s language: en or fr-CA.' }) language: string,
    @Ctx() ctx: SubgraphContext,
  ): Promise<TrainingModuleResult> {
    return this.service.removeVersion(ctx, moduleId, language);
  }

  @Mutation(() => TrainingModuleResult, {
    description:
      'Retires a training module: no longer offered nor required; completions stay (ADMIN, PROGRAMME_ADMIN).',
  })
  retireTrainingModule(
    @Arg('moduleId', () => ID) moduleId: string,
    @Ctx() ctx: SubgraphContext,
  ): Promise<TrainingModuleResult> {
    return this.service.retire(ctx, moduleId);
  }

  @Mutation(() => TrainingCompletionResult, {
    description: 'The signed-in mentor or mentee says they completed a training module meant for them.',
  })
  completeTrainingModule(
    @Arg('moduleId', () => ID) moduleId: string,
    @Arg('confirmation', () => String, { nullable: true, description: 'A short note, if they wish (500 characters).' })
    confirmation: string | null,
    @Ctx() ctx: SubgraphContext,
  ): Promise<TrainingCompletionResult> {
    return this.service.complete(ctx, moduleId, confirmation);
  }

  @Mutation(() => TrainingCompletionResult, {
    description:
      "Records that a person completed a training module (ADMIN, PROGRAMME_ADMIN; COACH for their organisation's people).",
  })
  recordTrainingCompletion(
    @Arg('moduleId', () => ID) moduleId: string,
    @Arg('userId', () => ID) userId: string,
    @Ctx() ctx: SubgraphContext,
  ): Promise<TrainingCompletionResult> {
    return this.service.recordFor(ctx, moduleId, userId);
  }

  @Mutation(() => TrainingNeedsResult, {
    description: 'The signed-in mentor writes what they would like training in (seen by them, admins, their coach).',
  })
  updateTrainingNeeds(
    @Arg('input', () => TrainingNeedsInput) input: TrainingNeedsInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<TrainingNeedsResult> {
    return this.service.updateNeeds(ctx, input);
  }

  @FieldResolver(() => TrainingCompletion, {
    nullable: true,
    description: 'The signed-in person’s completion of it; null while outstanding.',
  })
  myCompletion(@Root() module: TrainingModule, @Ctx() ctx: SubgraphContext): Promise<TrainingCompletion | null> {
    return this.service.myCompletion(ctx, module);
  }

  @FieldResolver(() => [TrainingModuleVersion], {
    nullable: true,
    description:
      'Every language it can be read in, the text it is written in first: ADMIN and PROGRAMME_ADMIN; null to others.',
  })
  versions(@Root() module: TrainingModule, @Ctx() ctx: SubgraphContext): Promise<TrainingModuleVersion[] | null> {
    return this.service.versions(ctx, module);
  }
}

@Resolver(() => TrainingCompletion)
export class TrainingCompletionResolver {
  constructor(private readonly service: TrainingService) {}

  @FieldResolver(() => TrainingModule, { nullable: true, description: 'The module completed.' })
  module(@Root() completion: TrainingCompletion, @Ctx() ctx: SubgraphContext): Promise<TrainingModule | null> {
    return this.service.moduleOf(ctx, completion);
  }
}

@Resolver(() => Programme)
export class ProgrammeTrainingResolver {
  constructor(private readonly service: TrainingService) {}

  @FieldResolver(() => [TrainingModule], { description: 'Its training modules, oldest first.' })
  trainingModules(
    @Root() programme: Programme,
    @Ctx() ctx: SubgraphContext,
    @Arg('includeRetired', () => Boolean, {
      defaultValue: false,
      description: 'Retired modules too (ADMIN and PROGRAMME_ADMIN only; ignored for others).',
    })
    includeRetired: boolean,
    @Arg('language', () => String, {
      nullable: true,
      description:
        'The reader’s language (en or fr-CA): each module’s version in it where it has one, else as written; omitted: as written.',
    })
    language: string | null,
  ): Promise<TrainingModule[]> {
    return this.service.ofProgramme(ctx, programme, includeRetired, language ?? null);
  }
}

@Resolver(() => User)
export class UserTrainingResolver {
  constructor(private readonly service: TrainingService) {}

  @FieldResolver(() => [TrainingStatus], {
    nullable: true,
    description:
      'The training modules the person is asked to complete (their programmes’, for their role) and where they stand: the person, admins, their coach; null otherwise.',
  })
  training(
    @Root() user: User,
    @Ctx() ctx: SubgraphContext,
    @Arg('language', () => String, {
      nullable: true,
      description:
        'The reader’s language (en or fr-CA): each module’s version in it where it has one, else as written; omitted: as written.',
    })
    language: string | null,
  ): Promise<TrainingStatus[] | null> {
    return this.service.statusOf(ctx, user, language ?? null);
  }

  @FieldResolver(() => [TrainingCompletion], {
    nullable: true,
    description: 'Every training module the person completed: the person, admins, their coach; null otherwise.',
  })
  trainingCompletions(@Root() user: User, @Ctx() ctx: SubgraphContext): Promise<TrainingCompletion[] | null> {
    return this.service.completionsOfUser(ctx, user);
  }
}

@Resolver(() => MentorProfile)
export class MentorTrainingNeedsResolver {
  constructor(private readonly service: TrainingService) {}

  @FieldResolver(() => TrainingNeeds, {
    nullable: true,
    description: 'What the mentor would like training in: to the mentor, admins and their coach; null otherwise.',
  })
  trainingNeeds(@Root() profile: MentorProfile, @Ctx() ctx: SubgraphContext): Promise<TrainingNeeds | null> {
    return this.service.needsOf(ctx, profile.userId, profile.full);
  }
}
