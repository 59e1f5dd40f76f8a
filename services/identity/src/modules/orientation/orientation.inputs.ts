import { Field, ID, InputType } from 'type-graphql';

@InputType({
  description:
    'An orientation session. Name the programme with programmeId (programId, its former name, still works; both given and different: AMBIGUOUS).',
})
export class OrientationSessionInput {
  @Field(() => ID, { nullable: true, description: 'The programme.' }) programmeId?: string | null;
  @Field(() => ID, { nullable: true, deprecationReason: 'Use programmeId.' }) programId?: string | null;
  @Field(() => Date) startsAt!: Date;
  @Field(() => String, { nullable: true, description: 'Where it takes place (or give a link).' }) location?:
    string | null;
  @Field(() => String, { nullable: true, description: 'A full http(s) link, for online sessions.' }) link?:
    string | null;
  @Field(() => String, {
    nullable: true,
    description: 'The IANA time zone the session is announced in, e.g. America/Toronto (omitted: none).',
  })
  timeZone?: string | null;
}
