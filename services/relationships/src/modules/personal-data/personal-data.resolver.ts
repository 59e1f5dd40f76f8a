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
      "Relationships' section: each relationship of the person with its agreement versions and signatures, action plan, goals with progress and " +
      "milestones, meetings (with the person's own private notes, never the counterpart's), messages and the feedback the person gave. Coach " +
      'check-ins are not included (the partners do not see them). The person or an ADMIN (without messages and private notes) only.',
  })
  relationships(@Root() exp: PersonalDataExport, @Ctx() ctx: SubgraphContext): Promise<Record<string, unknown>> {
    return this.service.section(ctx, exp.userId);
  }

  @FieldResolver(() => [PersonalDataExportPersonRef], {
    nullable: true,
    description:
      "The other people relationships' section mentions, by id, with the names the exported person may see (from identity).",
  })
  async relationshipsPeople(
    @Root() exp: PersonalDataExport,
    @Ctx() ctx: SubgraphContext,
  ): Promise<PersonalDataExportPersonRef[]> {
    return personRefs(exp.userId, await this.service.people(ctx, exp.userId));
  }
}
