import { Field, ID, Int, ObjectType } from 'type-graphql';
import { FieldError } from '@tandem/subgraph-kit';
import type { ApiKeyRow } from './api-key.repository';

@ObjectType({
  description:
    "An organisation's API key for its own systems (server to server): it reads that organisation's data only " +
    '(its aggregates, as an analyst would, scoped to the organisation) and every mutation it sends is refused. The key ' +
    'itself is shown once, when it is created.',
})
export class ApiKey {
  @Field(() => ID)
  id!: string;

  @Field(() => ID, { description: 'The organisation whose data it reads.' })
  organizationId!: string;

  @Field(() => String, { description: 'What it is for, as its creator named it.' })
  name!: string;

  @Field(() => String, { description: 'The start of the key (`tdk_` and 8 characters), to recognise it by.' })
  prefix!: string;

  @Field(() => Int, { description: 'Requests per minute it may make (its own limit, apart from people’s).' })
  requestsPerMinute!: number;

  @Field(() => Date)
  createdAt!: Date;

  @Field(() => Date, { nullable: true, description: 'When it was last used (to the minute); null if never.' })
  lastUsedAt!: Date | null;

  @Field(() => Date, { nullable: true, description: 'When it was revoked; null while it works.' })
  revokedAt!: Date | null;
}

@ObjectType({ description: 'The outcome of createApiKey.' })
export class CreateApiKeyResult {
  @Field(() => ApiKey, { nullable: true })
  apiKey!: ApiKey | null;

  @Field(() => String, {
    nullable: true,
    description: 'The key (`tdk_…`), shown this once: Tandem keeps only its hash and cannot show it again.',
  })
  key!: string | null;

  @Field(() => [FieldError], { description: 'What to fix; empty on success.' })
  errors!: FieldError[];
}

@ObjectType({ description: 'The outcome of revokeApiKey.' })
export class ApiKeyResult {
  @Field(() => ApiKey, { nullable: true })
  apiKey!: ApiKey | null;

  @Field(() => [FieldError], { description: 'What to fix; empty on success.' })
  errors!: FieldError[];
}

export function toApiKey(r: ApiKeyRow): ApiKey {
  return Object.assign(new ApiKey(), {
    id: r.id,
    organizationId: r.organizationId,
    name: r.name,
    prefix: r.keyPrefix,
    requestsPerMinute: r.requestsPerMinute,
    createdAt: r.createdAt,
    lastUsedAt: r.lastUsedAt,
    revokedAt: r.revokedAt,
  });
}
