import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { JSONObject } from '@tandem/subgraph-kit';

@ObjectType({
  description:
    'Everything the platform stores about or by one person, as plain JSON (ISO dates), one section per subgraph: identity here; ' +
    "matching, relationships and reporting add theirs. The person may download their own; an ADMIN may export anyone's (a data-subject " +
    'request), without the parts kept between the person and their counterpart (listed under `withheld` in each section). ' +
    "Other people appear by id only; each section's `...People` list names them as far as the exported person may see their names.",
})
@Directive('@key(fields: "userId")')
export class PersonalDataExport {
  @Field(() => ID, { description: 'The person whose data this is.' })
  userId!: string;

  @Field(() => Date, { description: 'When the export was made.' })
  generatedAt!: Date;
}

/**
 * Another person a section of someone's export mentions. Keyed by both ids, so that identity (which owns
 * names) names them as the exported person may see them, whichever subgraph's section mentions them.
 */
@ObjectType({
  description:
    'Another person mentioned in a personal data export: their id, and their name when the exported person may see it. Never contact details.',
})
@Directive('@key(fields: "exportedUserId id")')
export class PersonalDataExportPerson {
  @Field(() => ID, { description: 'Whose export mentions them.' })
  exportedUserId!: string;

  @Field(() => ID, { description: 'The person, as the sections refer to them.' })
  id!: string;

  @Field(() => String, {
    nullable: true,
    description:
      'Their display name, when the exported person may see it under the usual rules (staff, for one, stay unnamed to participants).',
  })
  displayName!: string | null;
}

export { JSONObject };
