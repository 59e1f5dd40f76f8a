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
      "Reporting's section: the CPD ledger (every entry, hours net of reversals, by category), the audits of the person with their outcome and " +
      'the meetings checked, and the verifications the person was asked for as a counterpart with their answers. Statements and letters are ' +
      'generated on request and not stored. The person or an ADMIN only.',
  })
  reporting(@Root() exp: PersonalDataExport, @Ctx() ctx: SubgraphContext): Promise<Record<string, unknown>> {
    return this.service.section(ctx, exp.userId);
  }

  @FieldResolver(() => [PersonalDataExportPersonRef], {
    nullable: true,
    description:
      "The other people reporting's section mentions, by id, with the names the exported person may see (from identity).",
  })
  async reportingPeople(
    @Root() exp: PersonalDataExport,
    @Ctx() ctx: SubgraphContext,
  ): Promise<PersonalDataExportPersonRef[]> {
    return personRefs(exp.userId, await this.service.people(ctx, exp.userId));
  }
}
