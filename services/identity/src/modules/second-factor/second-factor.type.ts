import { Field, Int, ObjectType } from 'type-graphql';
import { FieldError } from '@tandem/subgraph-kit';
import { AuthSession } from '../auth/auth.types';
import { User } from '../users/user.type';

@ObjectType({ description: 'A person’s second factor (TOTP), as the person or an ADMIN sees it. Never the secret.' })
export class SecondFactorStatus {
  @Field(() => Boolean, { description: 'A confirmed TOTP factor exists: sign-in asks for a code.' })
  enabled!: boolean;

  @Field(() => Boolean, {
    description:
      'Sign-in requires one (ADMIN and PROGRAMME_ADMIN always; a COACH when their organisation says so); without one, the next sign-in asks to set it up.',
  })
  required!: boolean;

  @Field(() => Date, { nullable: true, description: 'When it was set up; null when there is none.' })
  enrolledAt!: Date | null;

  @Field(() => Int, { description: 'Unused recovery codes left (each works once).' })
  recoveryCodesLeft!: number;
}

@ObjectType({
  description:
    'A TOTP secret to add to an authenticator app. Shown only here, before the first code confirms it; never again.',
})
export class SecondFactorEnrolment {
  @Field(() => String, { description: 'The secret in base32, to type into the app by hand.' })
  secret!: string;

  @Field(() => String, { description: 'The otpauth:// URI the app scans (show it as a QR code).' })
  otpauthUri!: string;
}

@ObjectType({ description: 'The outcome of startSecondFactorEnrolment.' })
export class StartSecondFactorEnrolmentResult {
  @Field(() => SecondFactorEnrolment, { nullable: true, description: 'The secret to add; null when refused.' })
  enrolment!: SecondFactorEnrolment | null;

  @Field(() => [FieldError], { description: 'What to fix; empty on success.' })
  errors!: FieldError[];
}

@ObjectType({
  description:
    'New recovery codes (enrolment or renewal): shown once, only their hashes are kept; each works once in place of a code.',
})
export class RecoveryCodesResult {
  @Field(() => [String], { nullable: true, description: 'The 10 codes; null when refused. Store them now.' })
  recoveryCodes!: string[] | null;

  @Field(() => [FieldError], { description: 'What to fix; empty on success.' })
  errors!: FieldError[];
}

@ObjectType({ description: 'The outcome of confirmSecondFactorEnrolment.' })
export class ConfirmSecondFactorEnrolmentResult extends RecoveryCodesResult {
  @Field(() => AuthSession, {
    nullable: true,
    description: 'When confirmed with a sign-in challenge (kind ENROL): the session it completes; null otherwise.',
  })
  session!: AuthSession | null;
}

@ObjectType({ description: 'The outcome of removing or resetting a second factor.' })
export class SecondFactorChangeResult {
  @Field(() => User, { nullable: true, description: 'The person whose factor was removed; null when refused.' })
  user!: User | null;

  @Field(() => [FieldError], { description: 'What to fix; empty on success.' })
  errors!: FieldError[];
}
