import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Resolver, Root } from 'type-graphql';
import { outcome, type Connection, type SubgraphContext } from '@tandem/subgraph-kit';
import { Goal } from '../goals/goal.type';
import { Relationship } from '../relationships/relationship.type';
import { MeetingPlanChangeInput, MeetingPlanInput, MeetingPlanTimeInput } from './meeting-plan.inputs';
import { MeetingPlanService } from './meeting-plan.service';
import { MeetingInput } from './meeting.inputs';
import { Meeting } from './meeting.type';
import { MeetingPlan, MeetingPlanConnection, MeetingPlanResult } from './meeting-plan.type';

@Resolver(() => MeetingPlan)
export class MeetingPlanResolver {
  constructor(private readonly service: MeetingPlanService) {}

  @FieldResolver(() => [Goal], { description: 'The goals of the relationship its agenda names.' })
  goals(@Root() plan: MeetingPlan, @Ctx() ctx: SubgraphContext): Promise<Goal[]> {
    return this.service.goalsOf(ctx, plan);
  }

  @FieldResolver(() => Boolean, { description: 'Its end has passed.' })
  ended(@Root() plan: MeetingPlan): boolean {
    return this.service.ended(plan);
  }

  @FieldResolver(() => Meeting, {
    nullable: true,
    description: 'The logged meeting that recorded it (recordPlannedMeeting); null until recorded.',
  })
  meeting(@Root() plan: MeetingPlan): Promise<Meeting | null> {
    return this.service.meetingOf(plan);
  }

  @FieldResolver(() => Boolean, {
    description:
      'Accepted, ended and not recorded: shown as not held, and it counts for nothing (record it to log the meeting).',
  })
  notHeld(@Root() plan: MeetingPlan): boolean {
    return plan.status === 'ACCEPTED' && !plan.row.meetingId && this.service.ended(plan);
  }

  @Mutation(() => MeetingPlanResult, {
    description:
      'A partner records an accepted planned meeting once its end has passed: the meeting is logged like logMeeting (the other partner confirms it), takes the plan’s goals, and the plan points to it (NOT_ENDED before its end, ALREADY_RECORDED).',
  })
  recordPlannedMeeting(
    @Arg('planId', () => ID) planId: string,
    @Arg('input', () => MeetingInput) input: MeetingInput,
    @Ctx() ctx: SubgraphContext,
  ) {
    return outcome('meetingPlan', () => this.service.record(ctx, planId, input));
  }

  @Mutation(() => MeetingPlanResult, {
    description:
      'A partner of an active relationship proposes a meeting ahead; the other partner accepts, declines or proposes another time. The start must be in the future (NOT_IN_THE_FUTURE), in the proposer’s zone unless the input names one; 15 to 480 minutes (OUT_OF_RANGE).',
  })
  proposeMeeting(
    @Arg('relationshipId', () => ID) relationshipId: string,
    @Arg('input', () => MeetingPlanInput) input: MeetingPlanInput,
    @Ctx() ctx: SubgraphContext,
  ) {
    return outcome('meetingPlan', () => this.service.propose(ctx, relationshipId, input));
  }

  @Mutation(() => MeetingPlanResult, {
    description: 'The partner awaited accepts the planned meeting (NOT_AWAITING_YOU for the other partner).',
  })
  acceptMeetingPlan(@Arg('planId', () => ID) planId: string, @Ctx() ctx: SubgraphContext) {
    return outcome('meetingPlan', () => this.service.accept(ctx, planId));
  }

  @Mutation(() => MeetingPlanResult, {
    description: 'The partner awaited declines the planned meeting, with a reason.',
  })
  declineMeetingPlan(
    @Arg('planId', () => ID) planId: string,
    @Arg('reason', () => String) reason: string,
    @Ctx() ctx: SubgraphContext,
  ) {
    return outcome('meetingPlan', () => this.service.decline(ctx, planId, reason));
  }

  @Mutation(() => MeetingPlanResult, {
    description: 'The partner awaited proposes another time instead; it goes back to the other partner to answer.',
  })
  proposeAnotherMeetingTime(
    @Arg('planId', () => ID) planId: string,
    @Arg('input', () => MeetingPlanTimeInput) input: MeetingPlanTimeInput,
    @Ctx() ctx: SubgraphContext,
  ) {
    return outcome('meetingPlan', () => this.service.retime(ctx, planId, input, true));
  }

  @Mutation(() => MeetingPlanResult, {
    description:
      "Either partner moves a planned meeting (awaiting an answer or accepted) to new times, and may change how, where and its agenda (`details`); it then awaits the other partner. The partners' calendars are updated.",
  })
  rescheduleMeetingPlan(
    @Arg('planId', () => ID) planId: string,
    @Arg('input', () => MeetingPlanTimeInput) input: MeetingPlanTimeInput,
    @Ctx() ctx: SubgraphContext,
    @Arg('details', () => MeetingPlanChangeInput, {
      nullable: true,
      description: 'New way, place or link and agenda (replacing the old ones); omitted: they stay.',
    })
    details?: MeetingPlanChangeInput | null,
  ) {
    return outcome('meetingPlan', () => this.service.retime(ctx, planId, input, false, details ?? null));
  }

  @Mutation(() => MeetingPlanResult, {
    description: 'Either partner cancels a planned meeting (awaiting an answer or accepted), with a reason.',
  })
  cancelMeetingPlan(
    @Arg('planId', () => ID) planId: string,
    @Arg('reason', () => String) reason: string,
    @Ctx() ctx: SubgraphContext,
  ) {
    return outcome('meetingPlan', () => this.service.cancel(ctx, planId, reason));
  }
}

@Resolver(() => Relationship)
export class RelationshipMeetingPlansResolver {
  constructor(private readonly service: MeetingPlanService) {}

  @FieldResolver(() => MeetingPlanConnection, {
    description:
      'Meetings planned ahead: upcoming ones (not yet ended), soonest first; with `past`, the ended ones, latest first. The partners, the coach of its organisation and admins see them.',
  })
  plannedMeetings(
    @Root() r: Relationship,
    @Ctx() ctx: SubgraphContext,
    @Arg('past', () => Boolean, { defaultValue: false, description: 'The plans whose end has passed instead.' })
    past: boolean,
    @Arg('first', () => Int, { nullable: true, description: 'Page size, 1..100 (default 20).' }) first?: number | null,
    @Arg('after', () => String, { nullable: true, description: 'The endCursor of the previous page.' })
    after?: string | null,
  ): Promise<Connection<MeetingPlan>> {
    return this.service.page(ctx, r.id, past, { first: first ?? null, after: after ?? null });
  }
}
