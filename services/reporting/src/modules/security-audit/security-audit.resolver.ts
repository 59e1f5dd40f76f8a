import { Arg, Args, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import type { SubgraphContext } from '@tandem/subgraph-kit';
import { ConnectionArgs } from '../shared/connection';
import { RecordListExportResult, SecurityAuditEventConnection } from './security-audit.type';
import { RecordListExportInput, SecurityAuditFilter } from './security-audit.inputs';
import { recordListExport, type SecurityAuditService } from './security-audit.service';

@Resolver()
export class SecurityAuditResolver {
  constructor(private readonly audit: SecurityAuditService) {}

  @Query(() => SecurityAuditEventConnection, {
    description:
      'The staff audit log, newest first: staff sign-ins, role grants and revocations, erasures, suspensions, second-factor changes and exports made by staff. ADMIN only.',
  })
  securityAuditLog(
    @Args(() => ConnectionArgs) args: ConnectionArgs,
    @Arg('filter', () => SecurityAuditFilter, { nullable: true, description: 'Which lines (all when omitted).' })
    filter: SecurityAuditFilter | null | undefined,
    @Ctx() ctx: SubgraphContext,
  ) {
    return this.audit.list(ctx, args, filter);
  }

  @Mutation(() => RecordListExportResult, {
    description:
      'Records on the staff audit log that a staff member exports a list of the admin app (which list, format, rows, filters). Staff only (COACH, PROGRAMME_ADMIN, ANALYST, ADMIN); the admin app calls it before writing each file.',
  })
  recordListExport(
    @Arg('input', () => RecordListExportInput) input: RecordListExportInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<RecordListExportResult> {
    return recordListExport(this.audit, ctx, input);
  }
}
