import { Arg, Ctx, ID, Int, Query, Resolver } from 'type-graphql';
import type { SubgraphContext } from '@tandem/subgraph-kit';
import { CaseloadService } from './caseload.service';
import { CaseloadConnection } from './caseload.type';

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
}
