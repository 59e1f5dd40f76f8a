import { Arg, Ctx, FieldResolver, ID, Mutation, Resolver, Root } from 'type-graphql';
import { outcome, type SubgraphContext } from '@tandem/subgraph-kit';
import { MeetingLogService } from './meeting-log.service';
import { MeetingInput } from './meeting.inputs';
import { MeetingService } from './meeting.service';
import { Meeting, MeetingResult } from './meeting.type';

@Resolver(() => Meeting)
export class MeetingResolver {
  constructor(
    private readonly service: MeetingService,
    private readonly meetingLog: MeetingLogService,
  ) {}

  @FieldResolver(() => String, {
    nullable: true,
    description: "The signed-in user's own private note on this meeting: visible only to its author.",
  })
  myPrivateNote(@Root() meeting: Meeting, @Ctx() ctx: SubgraphContext): Promise<string | null> {
    return this.service.privateNote(ctx, meeting.id);
  }

  @FieldResolver(() => Meeting, {
    nullable: true,
    description: 'The revision this one amends (history of corrections).',
  })
  previousRevision(@Root() meeting: Meeting): Promise<Meeting | null> {
    return this.service.previous(meeting);
  }

  @Mutation(() => MeetingResult, {
    description: 'A partner logs a meeting; it counts once the other side confirms it.',
  })
  logMeeting(
    @Arg('relationshipId', () => ID) relationshipId: string,
    @Arg('input', () => MeetingInput) input: MeetingInput,
    @Ctx() ctx: SubgraphContext,
  ) {
    return outcome('meeting', () => this.meetingLog.log(ctx, relationshipId, input));
  }

  @Mutation(() => MeetingResult, { description: 'The other side confirms a logged meeting (or amendment).' })
  confirmMeeting(@Arg('meetingId', () => ID) meetingId: string, @Ctx() ctx: SubgraphContext) {
    return outcome('meeting', () => this.meetingLog.confirm(ctx, meetingId));
  }

  @Mutation(() => MeetingResult, { description: 'The other side disputes a logged meeting, with a reason.' })
  disputeMeeting(
    @Arg('meetingId', () => ID) meetingId: string,
    @Arg('reason', () => String) reason: string,
    @Ctx() ctx: SubgraphContext,
  ) {
    return outcome('meeting', () => this.meetingLog.dispute(ctx, meetingId, reason));
  }

  @Mutation(() => MeetingResult, {
    description: 'Proposes a correction of a confirmed meeting: a new revision both confirm; the history is kept.',
  })
  amendMeeting(
    @Arg('meetingId', () => ID) meetingId: string,
    @Arg('input', () => MeetingInput) input: MeetingInput,
    @Ctx() ctx: SubgraphContext,
  ) {
    return outcome('meeting', () => this.meetingLog.amend(ctx, meetingId, input));
  }

  @Mutation(() => MeetingResult, { description: "Sets (or clears with null) the caller's private note on a meeting." })
  setMeetingPrivateNote(
    @Arg('meetingId', () => ID) meetingId: string,
    @Arg('note', () => String, { nullable: true }) note: string | null,
    @Ctx() ctx: SubgraphContext,
  ) {
    return outcome('meeting', () => this.service.setPrivateNote(ctx, meetingId, note));
  }
}
