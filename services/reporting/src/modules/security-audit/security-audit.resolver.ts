import { Arg, Args, Ctx, Query, Resolver } from 'type-graphql';
import type { SubgraphContext } from '@tandem/subgraph-kit';
import { ConnectionArgs } from '../shared/connection';
import { SecurityAuditEventConnection } from './security-audit.type';
import { SecurityAuditFilter } from './security-audit.inputs';
import type { SecurityAuditService } from './security-audit.service';

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
}
