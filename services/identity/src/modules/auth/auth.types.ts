import { Field, ID, InputType, ObjectType, registerEnumType } from 'type-graphql';
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

export enum SecondFactorChallengeKind {
  CODE = 'CODE',
  ENROL = 'ENROL',
}
registerEnumType(SecondFactorChallengeKind, {
  name: 'SecondFactorChallengeKind',
  description: 'What the second step of a sign-in asks for.',
  valuesConfig: {
    CODE: { description: 'A code of the authenticator app, or a recovery code: answer with completeSignIn.' },
    ENROL: {
      description:
        'A second factor is required and none is set up: startSecondFactorEnrolment, then confirmSecondFactorEnrolment with the first code (it signs in).',
    },
  },
});

@ObjectType({
  description:
    'The second step of a sign-in: a single-use ticket that proves the password was right, valid 5 minutes. It allows nothing but that step.',
})
export class SecondFactorChallenge {
  @Field(() => String, { description: 'Opaque; pass it to completeSignIn (or the enrolment mutations for ENROL).' })
  token!: string;

  @Field(() => SecondFactorChallengeKind)
  kind!: SecondFactorChallengeKind;

  @Field(() => Date, { description: 'When the ticket stops working; sign in again after.' })
  expiresAt!: Date;
}

@ObjectType({
  description:
    'The outcome of register, login, completeSignIn or refreshSession: a session, a second step to take (login of staff with a second factor), or the input errors. register never carries a session (see register).',
})
export class AuthResult {
  @Field(() => Boolean, { deprecationReason: OK_DEPRECATED })
  ok!: boolean;

  @Field(() => [FieldError], { description: 'What to fix; empty on success.' })
  errors!: FieldError[];

  @Field(() => AuthSession, {
    nullable: true,
    description: 'The new session; null when refused, when a second step is needed, and always for register.',
  })
  session!: AuthSession | null;

  @Field(() => SecondFactorChallenge, {
    nullable: true,
    description: 'Set when the password was right but a second factor must be given (or set up) before a session.',
  })
  secondFactorChallenge!: SecondFactorChallenge | null;
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

  @Field(() => String, {
    nullable: true,
    description:
      "The person's IANA time zone (America/Toronto), as the browser detects it and they confirm; INVALID_TIME_ZONE otherwise.",
  })
  timeZone?: string | null;
}

export function authResult(errors: FieldError[], session: AuthSession | null = null): AuthResult {
  return Object.assign(new AuthResult(), {
    ok: errors.length === 0,
    errors,
    session: errors.length === 0 ? session : null,
    secondFactorChallenge: null,
  });
}

/** A login whose password was right but which needs a second step before a session. */
export function challengeResult(challenge: SecondFactorChallenge): AuthResult {
  return Object.assign(new AuthResult(), { ok: true, errors: [], session: null, secondFactorChallenge: challenge });
}
