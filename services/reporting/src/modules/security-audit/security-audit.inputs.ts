import { Field, ID, InputType } from 'type-graphql';
import { SecurityAuditKind } from './security-audit.type';

@InputType({ description: 'Which lines of the staff audit log to list (every condition given must hold).' })
export class SecurityAuditFilter {
  @Field(() => ID, { nullable: true, description: 'Lines of what this person did.' })
  actorId?: string | null;

  @Field(() => ID, { nullable: true, description: "Lines about this person's account or data." })
  subjectId?: string | null;

  @Field(() => SecurityAuditKind, { nullable: true, description: 'Lines of this kind.' })
  kind?: SecurityAuditKind | null;

  @Field(() => Date, { nullable: true, description: 'Lines from this instant on.' })
  from?: Date | null;

  @Field(() => Date, { nullable: true, description: 'Lines up to this instant.' })
  to?: Date | null;
}
