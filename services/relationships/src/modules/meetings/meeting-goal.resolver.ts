import { Arg, Ctx, FieldResolver, ID, Mutation, Resolver, Root } from 'type-graphql';
import { outcome, type SubgraphContext } from '@tandem/subgraph-kit';
import { Goal } from '../goals/goal.type';
import { MeetingGoalService } from './meeting-goal.service';
import { Meeting, MeetingResult } from './meeting.type';

@Resolver(() => Meeting)
export class MeetingGoalsResolver {
  constructor(private readonly service: MeetingGoalService) {}

  @FieldResolver(() => [Goal], { description: 'The goals of the relationship this meeting worked on.' })
  goals(@Root() meeting: Meeting, @Ctx() ctx: SubgraphContext): Promise<Goal[]> {
    return this.service.goalsOf(ctx, meeting.id);
  }

  @Mutation(() => MeetingResult, {
    description:
      'A partner says which goals of the relationship a meeting worked on (replacing the list), while it awaits confirmation. A goal of another relationship is refused (NOT_IN_RELATIONSHIP).',
  })
  setMeetingGoals(
    @Arg('meetingId', () => ID) meetingId: string,
    @Arg('goalIds', () => [ID], { description: 'The goals worked on (empty: none).' }) goalIds: string[],
    @Ctx() ctx: SubgraphContext,
  ) {
    return outcome('meeting', () => this.service.setGoals(ctx, meetingId, goalIds));
  }
}

@Resolver(() => Goal)
export class GoalMeetingsResolver {
  constructor(private readonly service: MeetingGoalService) {}

  @FieldResolver(() => [Meeting], {
    description: 'The meetings that worked on this goal (amended revisions left out), oldest first.',
  })
  meetings(@Root() goal: Goal, @Ctx() ctx: SubgraphContext): Promise<Meeting[]> {
    return this.service.meetingsOf(ctx, goal.id);
  }
}
