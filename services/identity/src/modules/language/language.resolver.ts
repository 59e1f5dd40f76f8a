import { Arg, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import type { SubgraphContext } from '@tandem/subgraph-kit';
import { User, UserResult } from '../users/user.type';
import type { Language } from './language';
import type { LanguageService } from './language.service';
import { LanguageEnum } from './language.type';

@Resolver(() => User)
export class LanguageResolver {
  constructor(private readonly service: LanguageService) {}

  @FieldResolver(() => LanguageEnum, {
    nullable: true,
    description:
      'The language the person chose: their notifications, in the app and by email, are written in it (English until they choose: null). Only the person sees it.',
  })
  language(@Root() user: User, @Ctx() ctx: SubgraphContext): Promise<Language | null> {
    return this.service.of(ctx, user);
  }

  @Mutation(() => UserResult, {
    description: "Saves the signed-in person's language: what the platform writes to them from now on follows it.",
  })
  setLanguage(
    @Arg('language', () => LanguageEnum) language: LanguageEnum,
    @Ctx() ctx: SubgraphContext,
  ): Promise<UserResult> {
    return this.service.set(ctx, language as Language);
  }
}
