import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { connectionTypes, FieldError } from '@tandem/subgraph-kit';
import { OK_DEPRECATED } from '../shared/api';
import type { OrganizationRow } from './organization.repository';

@ObjectType({
  description:
    'A partner organisation (for example a service-delivery partner). Coaches belong to one and see its participants.',
})
@Directive('@key(fields: "id")')
export class Organization {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  name!: string;

  @Field(() => String, { nullable: true })
  city!: string | null;

  @Field(() => String, { nullable: true, description: 'ISO 3166-1 alpha-2.' })
  country!: string | null;
}

export const { EdgeType: OrganizationEdge, ConnectionType: OrganizationConnection } = connectionTypes(
  Organization,
  'Organization',
  'organisation',
);

@ObjectType({ description: 'The outcome of an organisation change.' })
export class OrganizationResult {
  @Field(() => Boolean, { deprecationReason: OK_DEPRECATED }) ok!: boolean;
  @Field(() => [FieldError], { description: 'What to fix; empty on success.' }) errors!: FieldError[];
  @Field(() => Organization, { nullable: true, description: 'The organisation as saved; null when refused.' })
  organization!: Organization | null;
}

export const toOrganization = (r: Omit<OrganizationRow, 'sortName'>) =>
  Object.assign(new Organization(), { id: r.id, name: r.name, city: r.city, country: r.country });

export const organizationResult = (organization: Organization | null, errors: FieldError[]) =>
  Object.assign(new OrganizationResult(), { ok: errors.length === 0, errors, organization });
