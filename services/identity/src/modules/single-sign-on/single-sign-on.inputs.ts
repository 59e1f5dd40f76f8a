import { Field, ID, InputType } from 'type-graphql';
import type { Role } from '@tandem/contracts';
import { RoleEnum } from '../users/user.type';

@InputType({ description: "Staff roles for the members of one of the provider's groups." })
export class SingleSignOnRoleMappingInput {
  @Field(() => String, {
    description: 'The group as the provider sends it in its groups claim (at most 200 characters).',
  })
  group!: string;

  @Field(() => [RoleEnum], { description: 'One or more staff roles (COACH, PROGRAMME_ADMIN, ANALYST, ADMIN).' })
  roles!: Role[];
}

@InputType({ description: "An organisation's OpenID Connect provider (replaces what was set)." })
export class SetOrganizationSingleSignOnInput {
  @Field(() => ID)
  organizationId!: string;

  @Field(() => String, { description: 'The issuer URL (https); its discovery document must answer when saving.' })
  issuer!: string;

  @Field(() => String, { description: 'The client id Tandem is registered under (at most 200 characters).' })
  clientId!: string;

  @Field(() => String, {
    nullable: true,
    description: 'The client secret: required the first time; omit (or null) to keep the stored one. Never answered.',
  })
  clientSecret?: string | null;

  @Field(() => [String], {
    description: 'One to 20 email domains (example.org); each can belong to one organisation only.',
  })
  emailDomains!: string[];

  @Field(() => [SingleSignOnRoleMappingInput], { description: 'At most 50 mappings, one per group.' })
  roleMappings!: SingleSignOnRoleMappingInput[];

  @Field(() => String, {
    nullable: true,
    description:
      'The claim that holds a person’s groups, read from the ID token, else from the provider’s userinfo answer: a top-level claim name (1 to 100 characters, no spaces; INVALID_CLAIM otherwise, or when it is one that identifies the person such as sub or email). Omit (or null) for `groups`.',
  })
  groupsClaim?: string | null;

  @Field(() => Boolean, {
    nullable: true,
    description: "Whether the organisation's staff may also sign in with a password. Default false.",
  })
  passwordAllowed?: boolean | null;
}
