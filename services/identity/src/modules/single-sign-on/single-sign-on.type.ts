import { Field, ID, ObjectType } from 'type-graphql';
import { FieldError } from '@tandem/subgraph-kit';
import type { Role } from '@tandem/contracts';
import { RoleEnum } from '../users/user.type';
import type { RoleMappingRow, SingleSignOnRow } from './single-sign-on.repository';

@ObjectType({
  description:
    'Which staff roles an account of the organisation holds while the provider puts it in one of its groups (checked at every sign-in with the provider).',
})
export class SingleSignOnRoleMapping {
  @Field(() => String, { description: "A value of the provider's groups claim, exactly as it sends it." })
  group!: string;

  @Field(() => [RoleEnum], { description: 'Staff roles (COACH, PROGRAMME_ADMIN, ANALYST, ADMIN) its members get.' })
  roles!: Role[];
}

@ObjectType({
  description:
    "An organisation's single sign-on: its staff sign in with the organisation's OpenID Connect provider. The client secret is write-only: it is never answered, only whether one is set.",
})
export class OrganizationSingleSignOn {
  @Field(() => ID)
  organizationId!: string;

  @Field(() => String, {
    description: "The provider's issuer URL (its discovery document is at /.well-known/openid-configuration).",
  })
  issuer!: string;

  @Field(() => String, { description: 'The client id Tandem is registered under at the provider.' })
  clientId!: string;

  @Field(() => Boolean, { description: 'A client secret is stored (sealed; it is never shown again).' })
  clientSecretSet!: boolean;

  @Field(() => [String], {
    description: 'The email domains whose people sign in with this provider (each belongs to one organisation).',
  })
  emailDomains!: string[];

  @Field(() => [SingleSignOnRoleMapping], {
    description:
      "How the provider's groups map to staff roles. At every sign-in with the provider, an account of the organisation gets the mapped roles its groups give and loses the mapped roles they no longer give; roles no mapping names (granted by hand) and MENTEE/MENTOR are left as they are.",
  })
  roleMappings!: SingleSignOnRoleMapping[];

  @Field(() => String, {
    description:
      'The claim that holds a person’s groups (`groups` unless set): read from the ID token, else from the provider’s userinfo answer (whose subject must be the ID token’s).',
  })
  groupsClaim!: string;

  @Field(() => Boolean, {
    description:
      "Whether this organisation's staff may also sign in with a password (false by default: they use the provider).",
  })
  passwordAllowed!: boolean;

  @Field(() => String, { description: 'The redirect URI to register at the provider for Tandem’s client.' })
  redirectUri!: string;

  @Field(() => Date)
  updatedAt!: Date;
}

@ObjectType({ description: 'The outcome of setting or removing an organisation’s single sign-on.' })
export class OrganizationSingleSignOnResult {
  @Field(() => [FieldError], { description: 'What to fix; empty on success.' })
  errors!: FieldError[];

  @Field(() => OrganizationSingleSignOn, {
    nullable: true,
    description: 'The single sign-on as saved; null when refused or removed.',
  })
  singleSignOn!: OrganizationSingleSignOn | null;
}

@ObjectType({ description: "The first step of signing in with one's organisation: where to send the browser." })
export class StartOrganizationSignInResult {
  @Field(() => [FieldError], { description: 'What to fix; empty on success.' })
  errors!: FieldError[];

  @Field(() => String, {
    nullable: true,
    description:
      "The provider's authorisation URL (code flow with PKCE, a state and a nonce of this attempt, valid 10 minutes); null when refused.",
  })
  authorizationUrl!: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      'The state of this attempt: the app keeps it and completes the sign-in only with a callback carrying the same state (it ties the answer to this browser).',
  })
  state!: string | null;
}

export const toSingleSignOn = (row: SingleSignOnRow, redirectUri: string): OrganizationSingleSignOn =>
  Object.assign(new OrganizationSingleSignOn(), {
    organizationId: row.organizationId,
    issuer: row.issuer,
    clientId: row.clientId,
    clientSecretSet: row.clientSecretSealed.length > 0,
    emailDomains: row.emailDomains,
    roleMappings: row.roleMappings.map((m: RoleMappingRow) =>
      Object.assign(new SingleSignOnRoleMapping(), { group: m.group, roles: m.roles }),
    ),
    groupsClaim: row.groupsClaim,
    passwordAllowed: row.passwordAllowed,
    redirectUri,
    updatedAt: row.updatedAt,
  });
