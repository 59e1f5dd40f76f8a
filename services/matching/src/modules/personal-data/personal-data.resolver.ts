import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { JSONObject, type SubgraphContext } from '@tandem/subgraph-kit';
import { PersonalDataService } from './personal-data.service';
import { PersonalDataExport, PersonalDataExportPersonRef, personRefs } from './personal-data.type';

@Resolver(() => PersonalDataExport)
export class PersonalDataResolver {
  constructor(private readonly service: PersonalDataService) {}

  @FieldResolver(() => JSONObject, {
    nullable: true,
    description:
      "Matching's section: questions asked and received with their answers, mentoring requests sent and received with their message threads, " +
      'coach proposals about the person (as mentee or as mentor), mentor load. Other people by id. The person or an ADMIN (without request threads) only.',
  })
  matching(@Root() exp: PersonalDataExport, @Ctx() ctx: SubgraphContext): Promise<Record<string, unknown>> {
    return this.service.section(ctx, exp.userId);
  }

  @FieldResolver(() => [PersonalDataExportPersonRef], {
    nullable: true,
    description:
      "The other people matching's section mentions, by id, with the names the exported person may see (from identity).",
  })
  async matchingPeople(
    @Root() exp: PersonalDataExport,
    @Ctx() ctx: SubgraphContext,
  ): Promise<PersonalDataExportPersonRef[]> {
    return personRefs(exp.userId, await this.service.people(ctx, exp.userId));
  }
}
