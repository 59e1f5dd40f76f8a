import { Field, Int, ObjectType } from 'type-graphql';
import { connectionTypes, FieldError, type Connection } from '@tandem/subgraph-kit';
import { Relationship } from '../relationships/relationship.type';

// decorated so CaseloadConnection inherits its fields; not itself reachable, so not in the schema
@ObjectType({ description: 'What a page of the caseload says about the whole caseload.' })
class CaseloadCounts {
  @Field(() => Int, { description: 'Pairs the at-risk scan flagged.' })
  atRiskCount!: number;

  @Field(() => Int, { description: 'Pairs owed a check-in (due or overdue).' })
  checkInsDueCount!: number;

  @Field(() => Int, { description: 'Pairs paused.' })
  pausedCount!: number;
}

export const { ConnectionType: CaseloadConnection } = connectionTypes(Relationship, 'Caseload', 'pair', CaseloadCounts);
/** A page of the caseload, most urgent first, with the counts of the whole caseload. */
export type CaseloadConnection = Connection<Relationship> & CaseloadCounts;

@ObjectType({
  description:
    'The caseload for a file: every pair, in the order of the caseload, after the export was recorded on the staff audit log.',
})
export class CaseloadExportResult {
  @Field(() => [Relationship], {
    nullable: true,
    description: 'Every running pair of the caseload, most urgent first (null when refused).',
  })
  pairs!: Relationship[] | null;

  @Field(() => [FieldError], { description: 'Why it was refused (empty on success).' })
  errors!: FieldError[];
}
