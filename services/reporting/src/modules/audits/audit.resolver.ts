import { Arg, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import type { SubgraphContext } from '@tandem/subgraph-kit';
import {
  AnswerAuditVerificationInput,
  AnswerAuditVerificationResult,
  Audit,
  AuditSelection,
  AuditVerificationRequest,
  OpenAuditCycleInput,
  OpenAuditCycleResult,
  RecordAuditOutcomeInput,
  RecordAuditOutcomeResult,
} from './audit.type';
import type { AuditService } from './audit.service';

@Resolver()
export class AuditResolver {
  constructor(private readonly auditsService: AuditService) {}

  @Mutation(() => OpenAuditCycleResult, {
    description:
      'Opens an audit cycle: samples participants reproducibly, requests their evidence and asks each counterpart to verify. Auditors (programme admins, admins).',
  })
  openAuditCycle(
    @Arg('input', () => OpenAuditCycleInput) input: OpenAuditCycleInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<OpenAuditCycleResult> {
    return this.auditsService.open(ctx, input);
  }

  @Query(() => [Audit], { description: 'Audit cycles, newest first. Auditors only.' })
  audits(
    @Arg('first', () => Int, { defaultValue: 20, description: 'How many (at most 100).' }) first: number,
    @Ctx() ctx: SubgraphContext,
  ): Promise<Audit[]> {
    return this.auditsService.list(ctx, first);
  }

  @Query(() => Audit, { description: 'One audit cycle. Auditors only.' })
  audit(@Arg('id', () => ID) id: string, @Ctx() ctx: SubgraphContext): Promise<Audit> {
    return this.auditsService.get(ctx, id);
  }

  @Query(() => [AuditSelection], { description: "The signed-in person's own audit records." })
  myAuditSelections(@Ctx() ctx: SubgraphContext): Promise<AuditSelection[]> {
    return this.auditsService.mine(ctx);
  }

  @Query(() => [AuditVerificationRequest], {
    description: 'Meetings the signed-in person is asked to verify as the counterpart of an audited participant.',
  })
  myAuditVerificationRequests(@Ctx() ctx: SubgraphContext): Promise<AuditVerificationRequest[]> {
    return this.auditsService.requestsForMe(ctx);
  }

  @Mutation(() => AnswerAuditVerificationResult, {
    description: 'The counterpart confirms or denies each meeting listed for them.',
  })
  answerAuditVerification(
    @Arg('input', () => AnswerAuditVerificationInput) input: AnswerAuditVerificationInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<AnswerAuditVerificationResult> {
    return this.auditsService.answer(ctx, input);
  }

  @Mutation(() => RecordAuditOutcomeResult, {
    description:
      'Records the outcome of a selection with reviewer notes. Auditors only, never on their own audit or one involving their own relationships.',
  })
  recordAuditOutcome(
    @Arg('input', () => RecordAuditOutcomeInput) input: RecordAuditOutcomeInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<RecordAuditOutcomeResult> {
    return this.auditsService.record(ctx, input);
  }
}
