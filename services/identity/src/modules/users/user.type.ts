import { Directive, Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { connectionTypes, FieldError } from '@tandem/subgraph-kit';
import { ROLES, type Role } from '@tandem/contracts';
import { OK_DEPRECATED } from '../shared/api';
import type { UserRow } from './user.repository';

/**
 * The roles, and the former name PROGRAM_ADMIN read as PROGRAMME_ADMIN (listed first: graphql-js answers with the
 * last name of a value, so PROGRAMME_ADMIN is what clients see).
 */
export const RoleEnum = {
  PROGRAM_ADMIN: 'PROGRAMME_ADMIN',
  ...Object.fromEntries(ROLES.map((r) => [r, r])),
} as { [K in Role]: K } & { PROGRAM_ADMIN: 'PROGRAMME_ADMIN' };
registerEnumType(RoleEnum, {
  name: 'Role',
  description: 'What a person may do on the platform.',
  valuesConfig: { PROGRAM_ADMIN: { deprecationReason: 'Use PROGRAMME_ADMIN (the same role).' } },
});

@ObjectType({
  description:
    'A person on the platform: mentee, mentor, coach, programme admin, analyst or admin. Fields the caller may not see resolve to null ' +
    '(the person can always be referenced by id; what is shown depends on who asks).',
})
@Directive('@key(fields: "id")')
export class User {
  @Field(() => ID)
  id!: string;

  /** The row behind the type (not exposed): field resolvers apply the access rules to it. */
  record!: UserRow;
}

@ObjectType({
  description:
    'How to reach a person. Shown to the person, admins, and the counterpart of an active or completed relationship; null to anyone else.',
})
export class ContactDetails {
  @Field(() => String, { description: 'Email address (also the login).' })
  email!: string;

  @Field(() => String, { nullable: true, description: 'Phone number, as the person typed it.' })
  phone!: string | null;
}

export const { EdgeType: UserEdge, ConnectionType: UserConnection } = connectionTypes(User, 'User', 'user');

@ObjectType({ description: 'The outcome of a change to a user: the user, or the input errors.' })
export class UserResult {
  @Field(() => Boolean, { deprecationReason: OK_DEPRECATED })
  ok!: boolean;

  @Field(() => [FieldError], { description: 'What to fix; empty on success.' })
  errors!: FieldError[];

  @Field(() => User, { nullable: true, description: 'The person as changed; null when refused.' })
  user!: User | null;
}

export function toUser(record: UserRow): User {
  return Object.assign(new User(), { id: record.id, record });
}

export function userResult(user: User | null, errors: FieldError[] = []): UserResult {
  return Object.assign(new UserResult(), { ok: errors.length === 0, errors, user: errors.length === 0 ? user : null });
}

@ObjectType({ description: 'The outcome of eraseAccount.' })
export class EraseAccountResult {
  @Field(() => Boolean, { deprecationReason: OK_DEPRECATED })
  ok!: boolean;

  @Field(() => [FieldError], { description: 'Why nothing was erased; empty on success.' })
  errors!: FieldError[];

  @Field(() => ID, { nullable: true, description: 'The erased person (the id stays; everything personal is gone).' })
  erasedUserId!: string | null;
}
