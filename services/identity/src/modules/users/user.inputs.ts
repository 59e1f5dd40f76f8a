import { Field, ID, InputType } from 'type-graphql';
import type { Role } from '@tandem/contracts';
import { RoleEnum } from './user.type';

@InputType({
  description: 'Staff roles to grant or revoke (ADMIN only). A coach needs the organisation they work for.',
})
export class ChangeRolesInput {
  @Field(() => ID)
  userId!: string;

  @Field(() => [RoleEnum])
  roles!: Role[];

  @Field(() => ID, {
    nullable: true,
    description: "Sets the person's organisation (required when granting COACH unless they already have one).",
  })
  organizationId?: string | null;
}

@InputType({ description: 'Name and contact details of the signed-in person.' })
export class UpdateContactDetailsInput {
  @Field(() => String, { nullable: true })
  displayName?: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      'The current sign-in email (a change of letter case only); any other address is refused with USE_CHANGE_EMAIL.',
    deprecationReason: 'Use requestEmailChange: the sign-in email changes only with the password and a confirmation.',
  })
  email?: string | null;

  @Field(() => String, { nullable: true, description: 'Phone number; an empty string removes it.' })
  phone?: string | null;
}
