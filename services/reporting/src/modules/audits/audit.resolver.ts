import { Arg, Args, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { SubgraphContext } from '@tandem/subgraph-kit';
import { ConnectionArgs } from '../shared/connection';
import { AnswerAuditVerificationInput, OpenAuditCycleInput, RecordAuditOutcomeInput } from './audit.inputs';
import {
  AnswerAuditVerificationResult,
  Audit,
  AuditConnection,
  AuditPopulationMember,
  AuditSelection,
  AuditSelectionConnection,
  AuditVerificationRequest,
  AuditVerificationRequestConnection,
  OpenAuditCycleResult,
  RecordAuditOutcomeResult,
} from './audit.type';
import type { AuditService } from './audit.service';
import type { AuditCycleService } from './audit-cycle.service';
import type { AuditVerificationService } from './audit-verification.service';
import type { AuditOutcomeService } from './audit-outcome.service';

@Resolver(() => Audit)
export class AuditResolver {
  constructor(
    private readonly auditsService: AuditService,
    private readonly cycles: AuditCycleService,
    private readonly verificationsService: AuditVerificationService,
    private readonly outcomes: AuditOutcomeService,
  ) {}

  @Mutation(() => OpenAuditCycleResult, {
    description:
      'Opens an audit cycle: samples participants reproducibly, requests their evidence and asks each counterpart to verify. Auditors (programme admins, admins).',
  })
  openAuditCycle(
    @Arg('input', () => OpenAuditCycleInput) input: OpenAuditCycleInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<OpenAuditCycleResult> {
    return this.cycles.open(ctx, input);
  }

  @Query(() => [Audit], {
    description: 'Audit cycles, newest first. Auditors only.',
    deprecationReason: 'Use auditsConnection.',
  })
  audits(
    @Arg('first', () => Int, { defaultValue: 20, description: 'How many (at most 100).' }) first: number,
    @Ctx() ctx: SubgraphContext,
  ): Promise<Audit[]> {
    return this.auditsService.list(ctx, first);
  }

  @Query(() => AuditConnection, { description: 'Audit cycles, newest first. Auditors only.' })
  auditsConnection(@Args(() => ConnectionArgs) args: ConnectionArgs, @Ctx() ctx: SubgraphContext) {
    return this.auditsService.connection(ctx, args);
  }

  @Query(() => Audit, { description: 'One audit cycle. Auditors only.' })
  audit(@Arg('id', () => ID) id: string, @Ctx() ctx: SubgraphContext): Promise<Audit> {
    return this.auditsService.get(ctx, id);
  }

  @FieldResolver(() => [AuditSelection], {
    description: 'The selected participants, in the order of their ids.',
    deprecationReason: 'Use selectionsConnection.',
  })
  selections(@Root() audit: Audit, @Ctx() ctx: SubgraphContext): Promise<AuditSelection[]> {
    return this.auditsService.selectionsOf(ctx, audit.id);
  }

  @FieldResolver(() => [AuditPopulationMember], {
    nullable: true,
    description:
      'The population the cycle drew from, sorted by person id, with the stratum and risk the draw used: with the revealed seed, anyone can recompute the selection (null for cycles opened before it was kept).',
  })
  populationMembers(@Root() audit: Audit, @Ctx() ctx: SubgraphContext): Promise<AuditPopulationMember[] | null> {
    return this.auditsService.populationOf(ctx, audit);
  }

  @FieldResolver(() => AuditSelectionConnection, {
    description: 'The selected participants, in the order of their ids.',
  })
  selectionsConnection(
    @Root() audit: Audit,
    @Args(() => ConnectionArgs) args: ConnectionArgs,
    @Ctx() ctx: SubgraphContext,
  ) {
    return this.auditsService.selectionsPage(ctx, audit.id, args);
  }

  @Query(() => [AuditSelection], {
    description: "The signed-in person's own audit records.",
    deprecationReason: 'Use myAuditSelectionsConnection.',
  })
  myAuditSelections(@Ctx() ctx: SubgraphContext): Promise<AuditSelection[]> {
    return this.auditsService.mine(ctx);
  }

  @Query(() => AuditSelectionConnection, {
    description: "The signed-in person's own audit records, newest cycle first.",
  })
  myAuditSelectionsConnection(@Args(() => ConnectionArgs) args: ConnectionArgs, @Ctx() ctx: SubgraphContext) {
    return this.auditsService.minePage(ctx, args);
  }

  @Query(() => [AuditVerificationRequest], {
    description: 'Meetings the signed-in person is asked to verify as the counterpart of an audited participant.',
    deprecationReason: 'Use myAuditVerificationRequestsConnection.',
  })
  myAuditVerificationRequests(@Ctx() ctx: SubgraphContext): Promise<AuditVerificationRequest[]> {
    return this.verificationsService.requestsForMe(ctx);
  }

  @Query(() => AuditVerificationRequestConnection, {
    description:
      'Meetings the signed-in person is asked to verify as the counterpart of an audited participant, one request per audited participant, earliest deadline first.',
  })
  myAuditVerificationRequestsConnection(@Args(() => ConnectionArgs) args: ConnectionArgs, @Ctx() ctx: SubgraphContext) {
    return this.verificationsService.requestsForMePage(ctx, args);
  }

  @Mutation(() => AnswerAuditVerificationResult, {
    description: 'The counterpart confirms or denies each meeting listed for them.',
  })
  answerAuditVerification(
    @Arg('input', () => AnswerAuditVerificationInput) input: AnswerAuditVerificationInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<AnswerAuditVerificationResult> {
    return this.verificationsService.answer(ctx, input);
  }

  @Mutation(() => RecordAuditOutcomeResult, {
    description:
      'Records the outcome of a selection with reviewer notes. Auditors only, never on their own audit or one involving their own relationships.',
  })
  recordAuditOutcome(
    @Arg('input', () => RecordAuditOutcomeInput) input: RecordAuditOutcomeInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<RecordAuditOutcomeResult> {
    return this.outcomes.record(ctx, input);
  }
}
