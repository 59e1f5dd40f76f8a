import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** Identity's personal data export, extended here with matching's section. */
@ObjectType({ description: 'Everything the platform stores about or by one person (owned by identity; matching adds its section).' })
@Directive('@key(fields: "userId")')
export class PersonalDataExport {
  @Field(() => ID)
  userId!: string;
}

/** Identity's person mentioned in an export, referenced by key: identity names them as the exported person may see them. */
@ObjectType('PersonalDataExportPerson')
@Directive('@key(fields: "exportedUserId id", resolvable: false)')
export class PersonalDataExportPersonRef {
  @Field(() => ID)
  exportedUserId!: string;

  @Field(() => ID)
  id!: string;
}

export const personRefs = (exportedUserId: string, ids: string[]) => ids.map((id) => Object.assign(new PersonalDataExportPersonRef(), { exportedUserId, id }));

export const toPersonalDataExport = (userId: string) => Object.assign(new PersonalDataExport(), { userId });
