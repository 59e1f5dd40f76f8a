import { Field, InputType } from 'type-graphql';

@InputType({ description: 'A new sign-in email for the signed-in person, with their current password.' })
export class RequestEmailChangeInput {
  @Field(() => String, { description: 'The address to sign in with from now on (it confirms the change).' })
  newEmail!: string;

  @Field(() => String, { description: 'The password in use now (a wrong one counts as a failed sign-in).' })
  currentPassword!: string;
}
