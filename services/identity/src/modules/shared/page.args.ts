import { ArgsType, Field, Int } from 'type-graphql';

/** The arguments of every connection field: `first` (20 unless given, at most 100) and `after`. */
@ArgsType()
export class PageArgs {
  @Field(() => Int, { nullable: true, description: 'Page size: 20 unless given, at most 100.' })
  first?: number | null;

  @Field(() => String, { nullable: true, description: 'The cursor of the item the page starts after.' })
  after?: string | null;
}
