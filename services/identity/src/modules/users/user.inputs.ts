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
    description: 'New email (also the login); must not belong to another account.',
  })
  email?: string | null;

  @Field(() => String, { nullable: true, description: 'Phone number; an empty string removes it.' })
  phone?: string | null;
}
