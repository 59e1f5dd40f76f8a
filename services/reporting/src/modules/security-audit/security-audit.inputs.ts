import { Field, ID, InputType, Int } from 'type-graphql';
import { JSONObject } from '@tandem/subgraph-kit';
import { ExportedList, ListExportFormat, SecurityAuditKind } from './security-audit.type';

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

@InputType({ description: 'A list export the admin app is about to hand to a staff member, for the staff audit log.' })
export class RecordListExportInput {
  @Field(() => ExportedList, { description: 'Which list.' })
  list!: ExportedList;

  @Field(() => ListExportFormat, { description: 'CSV or XLSX.' })
  format!: ListExportFormat;

  @Field(() => Int, { description: 'How many rows the file holds (0 to 10,000).' })
  rowCount!: number;

  @Field(() => JSONObject, {
    nullable: true,
    description: "The page's filters as the app applied them (ids, statuses, dates; at most 2,000 characters).",
  })
  filters?: Record<string, unknown> | null;
}
