import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { SubgraphContext } from '@tandem/subgraph-kit';
import type { MentoringRequestStatus } from './mentoring-request.repository';
import { MentoringRequestService } from './mentoring-request.service';
import { MentoringRequestThreadService } from './mentoring-request-thread.service';
import {
  MentoringRequest,
  MentoringRequestConnection,
  MentoringRequestEdit,
  MentoringRequestMessage,
  MentoringRequestMessageConnection,
  MentoringRequestMessageResult,
  MentoringRequestResult,
  MentoringRequestStatusEnum,
} from './mentoring-request.type';

@Resolver(() => MentoringRequest)
export class MentoringRequestResolver {
  constructor(
    private readonly service: MentoringRequestService,
    private readonly thread: MentoringRequestThreadService,
  ) {}

  @Query(() => MentoringRequest, {
    description:
      'One request: its two parties, a coach of the mentee’s organisation, admins; NOT_FOUND for anyone else.',
  })
  mentoringRequest(@Ctx() ctx: SubgraphContext, @Arg('id', () => ID) id: string): Promise<MentoringRequest> {
    return this.service.get(ctx, id);
  }

  @Query(() => MentoringRequestConnection, {
    description: 'Requests the caller may see (their own; a coach’s organisation; all for admins), newest first.',
  })
  mentoringRequests(
    @Ctx() ctx: SubgraphContext,
    @Arg('status', () => MentoringRequestStatusEnum, { nullable: true, description: 'Only this status.' })
    status: MentoringRequestStatus | null,
    @Arg('programmeId', () => ID, { nullable: true, description: 'Only this programme.' }) programmeId: string | null,
    @Arg('menteeId', () => ID, { nullable: true, description: 'Only this mentee’s requests.' }) menteeId: string | null,
    @Arg('first', () => Int, { nullable: true }) first: number | null,
    @Arg('after', () => String, { nullable: true }) after: string | null,
    @Arg('expiringWithinDays', () => Int, {
      nullable: true,
      description:
        'Only pending requests that expire within this many days (1 to 30), as a coach’s caseload lists them.',
    })
    expiringWithinDays: number | null,
  ): Promise<MentoringRequestConnection> {
    return this.service.list(ctx, { status, programmeId, menteeId }, first, after, expiringWithinDays);
  }

  @Mutation(() => MentoringRequestResult, { description: 'A mentee asks a mentor for mentoring in a programme.' })
  sendMentoringRequest(
    @Ctx() ctx: SubgraphContext,
    @Arg('mentorId', () => ID) mentorId: string,
    @Arg('message', () => String, { description: 'What support the mentee is looking for.' }) message: string,
    @Arg('programmeId', () => ID) programmeId: string,
  ): Promise<MentoringRequestResult> {
    return this.service.send(ctx, mentorId, message, programmeId);
  }

  @Mutation(() => MentoringRequestResult, {
    description: 'The mentor accepts (only with a free place): the relationship starts.',
  })
  acceptMentoringRequest(
    @Ctx() ctx: SubgraphContext,
    @Arg('requestId', () => ID) requestId: string,
  ): Promise<MentoringRequestResult> {
    return this.service.accept(ctx, requestId);
  }

  @Mutation(() => MentoringRequestResult, {
    description: 'The mentor declines with a reason; the mentee is told and can choose another mentor.',
  })
  declineMentoringRequest(
    @Ctx() ctx: SubgraphContext,
    @Arg('requestId', () => ID) requestId: string,
    @Arg('reason', () => String) reason: string,
  ): Promise<MentoringRequestResult> {
    return this.service.decline(ctx, requestId, reason);
  }

  @Mutation(() => MentoringRequestResult, { description: 'The mentee withdraws a pending request.' })
  withdrawMentoringRequest(
    @Ctx() ctx: SubgraphContext,
    @Arg('requestId', () => ID) requestId: string,
  ): Promise<MentoringRequestResult> {
    return this.service.withdraw(ctx, requestId);
  }

  @Mutation(() => MentoringRequestMessageResult, {
    description: 'A message on a pending request, between its mentee and mentor.',
  })
  postMentoringRequestMessage(
    @Ctx() ctx: SubgraphContext,
    @Arg('requestId', () => ID) requestId: string,
    @Arg('body', () => String) body: string,
  ): Promise<MentoringRequestMessageResult> {
    return this.thread.post(ctx, requestId, body);
  }

  @Mutation(() => MentoringRequestResult, {
    description:
      'The mentee rewords a pending request (the mentor sees each earlier wording under `edits`). ' +
      'Errors: `message` REQUIRED, TOO_LONG or UNCHANGED; `requestId` NOT_PENDING.',
  })
  editMentoringRequest(
    @Ctx() ctx: SubgraphContext,
    @Arg('requestId', () => ID) requestId: string,
    @Arg('message', () => String) message: string,
  ): Promise<MentoringRequestResult> {
    return this.thread.edit(ctx, requestId, message);
  }

  @FieldResolver(() => [MentoringRequestEdit], {
    nullable: true,
    description:
      'Earlier wordings of the message, oldest first, each replaced by the mentee while the request was pending; ' +
      'visible to its mentee and mentor only (null to anyone else).',
  })
  edits(@Root() request: MentoringRequest, @Ctx() ctx: SubgraphContext): Promise<MentoringRequestEdit[] | null> {
    return this.thread.edits(ctx, request);
  }

  @FieldResolver(() => [MentoringRequestMessage], {
    nullable: true,
    description: 'The thread on the request; visible to its mentee and mentor only.',
    deprecationReason: 'Use messagesConnection.',
  })
  messages(@Root() request: MentoringRequest, @Ctx() ctx: SubgraphContext): Promise<MentoringRequestMessage[] | null> {
    return this.thread.messages(ctx, request);
  }

  @FieldResolver(() => MentoringRequestMessageConnection, {
    nullable: true,
    description:
      'The thread on the request, oldest first; visible to its mentee and mentor only (null to anyone else).',
  })
  messagesConnection(
    @Root() request: MentoringRequest,
    @Ctx() ctx: SubgraphContext,
    @Arg('first', () => Int, { nullable: true, description: 'Page size (default 20, at most 100).' })
    first: number | null,
    @Arg('after', () => String, { nullable: true, description: 'The cursor after which to continue.' })
    after: string | null,
  ): Promise<MentoringRequestMessageConnection | null> {
    return this.thread.page(ctx, request, first ?? null, after ?? null);
  }
}
