import {
  Arg,
  Args,
  Ctx,
  Directive,
  FieldResolver,
  Float,
  Info,
  ID,
  Int,
  Mutation,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import type { GraphQLResolveInfo } from 'graphql';
import { LocalDate, selectedFields, type SubgraphContext } from '@tandem/subgraph-kit';
import { User } from '../users/user.type';
import { ConnectionArgs } from '../shared/connection';
import {
  CpdCheckpoint,
  CpdEntryConnection,
  CpdLedgerVerification,
  CpdStatement,
  WriteCpdCheckpointResult,
} from './cpd.type';
import type { CpdService } from './cpd.service';
import type { CheckpointService } from './checkpoint.service';

@Resolver(() => User)
export class CpdResolver {
  constructor(private readonly cpd: CpdService) {}

  @FieldResolver(() => Float, {
    nullable: true,
    description:
      'CPD hours recorded from meetings confirmed by both sides (net of amendments). Visible to the person and to auditors (programme admins, admins).',
  })
  cpdHours(@Root() user: User, @Ctx() ctx: SubgraphContext): Promise<number | null> {
    return this.cpd.hours(ctx, user.id);
  }

  @Directive('@cost(weight: 20)')
  @FieldResolver(() => CpdStatement, {
    nullable: true,
    description:
      'CPD statement over a period: verified and pending, by category and by relationship, with the entries. Null for anyone but the person and auditors.',
  })
  cpdStatement(
    @Root() user: User,
    @Arg('from', () => LocalDate) from: string,
    @Arg('to', () => LocalDate) to: string,
    @Ctx() ctx: SubgraphContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<CpdStatement | null> {
    return this.cpd.statement(ctx, user.id, from, to, selectedFields(info));
  }

  @Directive('@cost(weight: 50)')
  @Query(() => CpdLedgerVerification, {
    description:
      "Recomputes a person's CPD hash chain and reports whether it is intact or where it first breaks. The person and auditors only.",
  })
  verifyCpdLedger(
    @Arg('userId', () => ID) userId: string,
    @Ctx() ctx: SubgraphContext,
  ): Promise<CpdLedgerVerification> {
    return this.cpd.verify(ctx, userId);
  }
}

@Resolver()
export class CpdCheckpointResolver {
  constructor(private readonly checkpoints: CheckpointService) {}

  @Query(() => CpdCheckpoint, {
    nullable: true,
    description:
      'The latest signed checkpoint of the CPD ledger (or the one numbered `sequence`), for an auditor to keep outside the platform and compare later. Programme admins and admins only; null when there is none.',
  })
  cpdCheckpoint(
    @Arg('sequence', () => Int, { nullable: true, description: 'A given checkpoint rather than the latest.' })
    sequence: number | null | undefined,
    @Ctx() ctx: SubgraphContext,
  ): Promise<CpdCheckpoint | null> {
    return this.checkpoints.checkpoint(ctx, sequence ?? null);
  }

  @Mutation(() => WriteCpdCheckpointResult, {
    description:
      'Writes a signed checkpoint of the CPD chains that moved since the last one now, rather than at the next scheduled run (every 10 minutes). ADMIN only.',
  })
  writeCpdCheckpoint(@Ctx() ctx: SubgraphContext): Promise<WriteCpdCheckpointResult> {
    return this.checkpoints.writeNow(ctx);
  }
}

@Resolver(() => CpdStatement)
export class CpdStatementResolver {
  constructor(private readonly cpd: CpdService) {}

  @FieldResolver(() => CpdEntryConnection, {
    description: 'The ledger entries dated in the period, in date order (then chain order).',
  })
  entriesConnection(@Root() statement: CpdStatement, @Args(() => ConnectionArgs) args: ConnectionArgs) {
    return this.cpd.entriesPage(statement, args);
  }
}
