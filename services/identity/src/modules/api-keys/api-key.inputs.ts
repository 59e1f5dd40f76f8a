import { Field, ID, InputType, Int } from 'type-graphql';

@InputType({ description: 'A new API key of an organisation, for one of its systems.' })
export class CreateApiKeyInput {
  @Field(() => ID, { description: 'The organisation whose data the key reads.' })
  organizationId!: string;

  @Field(() => String, { description: 'What it is for (1 to 100 characters), e.g. "HR reporting".' })
  name!: string;

  @Field(() => Int, {
    nullable: true,
    description: 'Requests per minute it may make, 1 to 6000 (default 120).',
  })
  requestsPerMinute?: number | null;
}
