import { Arg, Ctx, Directive, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import type { SubgraphContext } from '@tandem/subgraph-kit';
import { PersonalDataService } from './personal-data.service';
import { JSONObject, PersonalDataExport, PersonalDataExportPerson } from './personal-data.type';

@Resolver(() => PersonalDataExport)
export class PersonalDataResolver {
  constructor(private readonly service: PersonalDataService) {}

  @Directive('@cost(weight: 50)')
  @Query(() => PersonalDataExport, {
    description:
      'Everything the platform stores about or by a person, as JSON sections (download all my data). Without userId: the signed-in person. ' +
      'An ADMIN may ask for anyone (a data-subject request); anyone else gets NOT_FOUND.',
  })
  personalDataExport(
    @Ctx() ctx: SubgraphContext,
    @Arg('userId', () => ID, { nullable: true, description: 'Whose data (ADMIN only for someone else).' })
    userId?: string | null,
  ): Promise<PersonalDataExport> {
    return this.service.export(ctx, userId);
  }

  @FieldResolver(() => JSONObject, {
    description:
      "Identity's section: account (name, email, phone, roles, organisation, created), sessions as metadata, sign-in attempts, password reset links as metadata, mentor profile with the " +
      'application and its review, mentee profile with the needs assessment, enrolments, orientation attendance, who the profile is shared with, notifications. ' +
      'Never a password hash, a token or a token hash.',
  })
  identity(@Root() exp: PersonalDataExport, @Ctx() ctx: SubgraphContext): Promise<Record<string, unknown>> {
    return this.service.section(ctx, exp.userId);
  }

  @FieldResolver(() => [PersonalDataExportPerson], {
    description: "The other people identity's section mentions, by id, with the names the exported person may see.",
  })
  identityPeople(@Root() exp: PersonalDataExport, @Ctx() ctx: SubgraphContext): Promise<PersonalDataExportPerson[]> {
    return this.service.people(ctx, exp.userId);
  }
}
