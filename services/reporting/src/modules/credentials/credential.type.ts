import { Field, ID, InputType, ObjectType, registerEnumType } from 'type-graphql';
import { FieldError, LocalDate } from '@tandem/subgraph-kit';
import type { CredentialRow } from './credential.repository';
import { envelopedCredential } from './open-badge';

export enum CredentialRole {
  MENTOR = 'MENTOR',
  MENTEE = 'MENTEE',
}
registerEnumType(CredentialRole, {
  name: 'CredentialRole',
  description: 'The part the person took in the relationship.',
});

@ObjectType({
  description:
    'An Open Badges 3.0 credential (W3C Verifiable Credential, secured as a VC-JWT signed EdDSA with the organisation’s key) stating one partner’s programme, role, period and confirmed hours. Read by the person it is about (myCredentials) and by the staff who may issue for the organisation (credentialsIssued).',
})
export class IssuedCredential {
  @Field(() => ID, { description: 'The credential (its `id` is urn:uuid:<this>).' })
  id!: string;

  @Field(() => ID, { description: 'The person it is about.' })
  userId!: string;

  @Field(() => ID, { description: 'The relationship whose confirmed meetings it states.' })
  relationshipId!: string;

  @Field(() => ID, { description: 'The issuing organisation.' })
  organizationId!: string;

  @Field(() => ID, { description: 'The programme.' })
  programmeId!: string;

  @Field(() => CredentialRole, { description: 'Mentor or mentee.' })
  role!: CredentialRole;

  @Field(() => String, { description: 'The person’s name as the credential states it.' })
  personName!: string;

  @Field(() => String, { description: 'The issuing organisation’s name.' })
  organizationName!: string;

  @Field(() => String, { description: 'The programme’s name.' })
  programmeName!: string;

  @Field(() => LocalDate, { description: 'The first confirmed meeting’s day.' })
  periodFrom!: string;

  @Field(() => LocalDate, { description: 'The last confirmed meeting’s day.' })
  periodTo!: string;

  @Field(() => Number, { description: 'Confirmed hours stated.' })
  hours!: number;

  @Field(() => Number, { description: 'Confirmed meetings stated.' })
  meetings!: number;

  @Field(() => Date, { description: 'When it was issued.' })
  issuedAt!: Date;

  @Field(() => Date, { nullable: true, description: 'When it was revoked (its status list bit is then set).' })
  revokedAt!: Date | null;

  @Field(() => String, { nullable: true, description: 'Why it was revoked.' })
  revokeReason!: string | null;

  @Field(() => String, { description: 'The signed credential: a compact JWS (application/vc+jwt).' })
  jwt!: string;

  @Field(() => String, {
    description:
      'The file to download and share: the credential as a VC Data Model 2.0 EnvelopedVerifiableCredential (JSON) holding the signed VC-JWT.',
  })
  json!: string;
}

export const toIssuedCredential = (r: CredentialRow): IssuedCredential =>
  Object.assign(new IssuedCredential(), {
    id: r.id,
    userId: r.userId,
    relationshipId: r.relationshipId,
    organizationId: r.organizationId,
    programmeId: r.programmeId,
    role: r.role as CredentialRole,
    personName: r.personName,
    organizationName: r.organizationName,
    programmeName: r.programmeName,
    periodFrom: r.periodFrom,
    periodTo: r.periodTo,
    hours: r.hours,
    meetings: r.meetings,
    issuedAt: r.issuedAt,
    revokedAt: r.revokedAt,
    revokeReason: r.revokeReason,
    jwt: r.jwt,
    json: JSON.stringify(envelopedCredential(r.jwt), null, 2),
  });

@InputType({ description: 'Issue a credential to each partner of a relationship for their confirmed hours.' })
export class IssueCredentialsInput {
  @Field(() => ID, { description: 'The relationship.' })
  relationshipId!: string;
}

@InputType({ description: 'Revoke an issued credential, with a reason.' })
export class RevokeCredentialInput {
  @Field(() => ID, { description: 'The credential.' })
  credentialId!: string;

  @Field(() => String, { description: 'Why (kept with the credential; the member sees it).' })
  reason!: string;
}

@ObjectType({ description: 'The credentials issued, or why issuing was refused.' })
export class IssueCredentialsResult {
  @Field(() => [IssuedCredential], {
    nullable: true,
    description: 'One per partner with confirmed hours in the relationship; null when refused.',
  })
  credentials!: IssuedCredential[] | null;

  @Field(() => [FieldError], { description: 'Problems with the input (empty on success).' })
  errors!: FieldError[];
}

@ObjectType({ description: 'The credential after the change, or why it was refused.' })
export class CredentialResult {
  @Field(() => IssuedCredential, { nullable: true, description: 'The credential.' })
  credential!: IssuedCredential | null;

  @Field(() => [FieldError], { description: 'Problems with the input (empty on success).' })
  errors!: FieldError[];
}
