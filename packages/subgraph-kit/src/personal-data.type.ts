/**
 * The two identity types a subgraph extends to add its section to the personal data export. Each subgraph gets
 * classes of its own (type-graphql keeps one metadata store per process, and the tests run every subgraph in
 * one: a class shared between them would carry all of their field resolvers).
 */
import { Directive, Field, ID, ObjectType } from 'type-graphql';

export function personalDataTypes(service: string) {
  /** Identity's personal data export, extended here with this subgraph's section. */
  @ObjectType('PersonalDataExport', {
    description: `Everything the platform stores about or by one person (owned by identity; ${service} adds its section).`,
  })
  @Directive('@key(fields: "userId")')
  class PersonalDataExport {
    @Field(() => ID)
    userId!: string;
  }

  /** Identity's person mentioned in an export, referenced by key: identity names them as the exported person may see them. */
  @ObjectType('PersonalDataExportPerson')
  @Directive('@key(fields: "exportedUserId id", resolvable: false)')
  class PersonalDataExportPersonRef {
    @Field(() => ID)
    exportedUserId!: string;

    @Field(() => ID)
    id!: string;
  }

  return {
    PersonalDataExport,
    PersonalDataExportPersonRef,
    personRefs: (exportedUserId: string, ids: string[]) =>
      ids.map((id) => Object.assign(new PersonalDataExportPersonRef(), { exportedUserId, id })),
    toPersonalDataExport: (userId: string) => Object.assign(new PersonalDataExport(), { userId }),
  };
}
