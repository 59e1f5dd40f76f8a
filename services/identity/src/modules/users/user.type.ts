import { Directive, Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { ROLES, type Role } from '@tandem/contracts';
import type { UserEntity } from './user.entity';

export const RoleEnum = Object.fromEntries(ROLES.map((r) => [r, r])) as { [K in Role]: K };
registerEnumType(RoleEnum, { name: 'Role', description: 'What a person may do on the platform.' });

@ObjectType({ description: 'A person on the platform: mentee, mentor, coach, programme admin, analyst or admin.' })
@Directive('@key(fields: "id")')
export class User {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { description: 'The name shown to other people.' })
  displayName!: string;

  @Field(() => [RoleEnum], { description: 'Roles held. Visible to the person and to admins.', nullable: true })
  roles!: Role[] | null;
}

/** Maps a row to the API type; `revealRoles` decides whether roles are shown to this caller. */
export function toUser(entity: UserEntity, revealRoles: boolean): User {
  return Object.assign(new User(), { id: entity.id, displayName: entity.displayName, roles: revealRoles ? entity.roles : null });
}
