import { Field, InputType } from 'type-graphql';

@InputType({ description: 'A partner organisation.' })
export class OrganizationInput {
  @Field(() => String, { description: 'Unique (case-insensitively), at most 200 characters.' }) name!: string;
  @Field(() => String, { nullable: true }) city?: string | null;
  @Field(() => String, { nullable: true, description: 'ISO 3166-1 alpha-2.' }) country?: string | null;
}
