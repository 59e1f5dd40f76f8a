import { Arg, Ctx, Directive, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import { outcome, type SubgraphContext } from '@tandem/subgraph-kit';
import { ListExportFormat } from '../shared/enums';
import { CaseloadService } from './caseload.service';
import { CaseloadConnection, CaseloadExportResult } from './caseload.type';

@Resolver()
export class CaseloadResolver {
  constructor(private readonly service: CaseloadService) {}

  @Query(() => CaseloadConnection, {
    description:
      "The coach's caseload: the running (ACTIVE, PAUSED) relationships of their organisation, most urgent first (at-risk flags, then check-ins due, longest overdue first; ties: oldest start), with counts of the whole caseload. A coach sees only their own organisation's (another organisation answers NOT_FOUND); admins and programme admins all, or one organisation's; anyone else NOT_FOUND.",
  })
  caseload(
    @Ctx() ctx: SubgraphContext,
    @Arg('organizationId', () => ID, { nullable: true, description: 'Admins: one organisation only.' })
    organizationId?: string | null,
    @Arg('first', () => Int, { nullable: true, description: 'Page size, 1..100 (default 20).' }) first?: number | null,
    @Arg('after', () => String, { nullable: true, description: 'The endCursor of the previous page.' })
    after?: string | null,
  ): Promise<CaseloadConnection> {
    return this.service.page(ctx, {
      organizationId: organizationId ?? null,
      first: first ?? null,
      after: after ?? null,
    });
  }

  @Mutation(() => CaseloadExportResult, {
    description:
      "Every pair of the caseload for a file (CSV or XLSX, which the app writes), with the caseload's access and order; the export is recorded on the staff audit log by the server in the same request (who, which organisation, format, how many pairs). More than 10,000 pairs: TOO_MANY.",
  })
  // one organisation's running pairs: a hundred is a large caseload (the actual cost is counted on the answer)
  @Directive('@cost(weight: 20)')
  @Directive('@listSize(assumedSize: 100, sizedFields: ["pairs"])')
  exportCaseload(
    @Ctx() ctx: SubgraphContext,
    @Arg('format', () => ListExportFormat, { description: 'The file the app makes of the rows.' })
    format: ListExportFormat,
    @Arg('organizationId', () => ID, { nullable: true, description: 'Admins: one organisation only.' })
    organizationId?: string | null,
  ) {
    return outcome('pairs', () => this.service.export(ctx, { organizationId: organizationId ?? null, format }));
  }
}
