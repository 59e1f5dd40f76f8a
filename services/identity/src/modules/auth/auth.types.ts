import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { FieldError } from '@tandem/subgraph-kit';
import type { Role } from '@tandem/contracts';
import { OK_DEPRECATED } from '../shared/api';
import { RoleEnum, User } from '../users/user.type';

@ObjectType({
  description: 'A signed-in session: a short-lived access token for the gateway and a rotating refresh token.',
})
export class AuthSession {
  @Field(() => String, { description: 'Bearer token for the gateway (EdDSA JWT, 15 minutes).' })
  accessToken!: string;

  @Field(() => Date, { description: 'When the access token stops working; refresh before then.' })
  accessTokenExpiresAt!: Date;

  @Field(() => String, {
    description:
      'Single-use: exchange it with refreshSession for a new pair. Presenting a used one again ends the session everywhere.',
  })
  refreshToken!: string;

  @Field(() => Date)
  refreshTokenExpiresAt!: Date;

  @Field(() => User, { description: 'The signed-in person.' })
  user!: User;
}

@ObjectType({
  description: 'The outcome of register, login or refreshSession: a session, or the input errors.',
})
export class AuthResult {
  @Field(() => Boolean, { deprecationReason: OK_DEPRECATED })
  ok!: boolean;

  @Field(() => [FieldError], { description: 'What to fix; empty on success.' })
  errors!: FieldError[];

  @Field(() => AuthSession, { nullable: true, description: 'The new session; null when refused.' })
  session!: AuthSession | null;
}

@InputType({
  description:
    'A new account. Roles are chosen among MENTEE and MENTOR (both allowed); staff roles are granted by an admin.',
})
export class RegisterInput {
  @Field(() => String)
  email!: string;

  @Field(() => String, { description: 'At least 10 characters, not a common password.' })
  password!: string;

  @Field(() => String)
  displayName!: string;

  @Field(() => [RoleEnum])
  roles!: Role[];

  @Field(() => ID, { nullable: true, description: 'The partner organisation the person joins through, if any.' })
  organizationId?: string | null;
}

export function authResult(errors: FieldError[], session: AuthSession | null = null): AuthResult {
  return Object.assign(new AuthResult(), {
    ok: errors.length === 0,
    errors,
    session: errors.length === 0 ? session : null,
  });
}
