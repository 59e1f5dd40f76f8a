import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { SubgraphContext } from '@tandem/subgraph-kit';
import { Programme } from '../programmes/programme.type';
import type { ServedConnection } from '../shared/api';
import { PageArgs } from '../shared/page.args';
import { ProgrammeEnrolment, ProgrammeEnrolmentConnection } from '../enrolments/enrolment.type';
import { OrientationSessionInput } from './orientation.inputs';
import { OrientationService } from './orientation.service';
import { OrientationResult, OrientationSession, OrientationSessionConnection } from './orientation.type';

@Resolver(() => OrientationSession)
export class OrientationResolver {
  constructor(private readonly service: OrientationService) {}

  @Query(() => ProgrammeEnrolmentConnection, {
    description:
      "Orientation outstanding: enrolments whose programme requires orientation of their role (mentors; mentees too when it says so) and who attended none of its sessions, oldest enrolment first. Admins and programme admins see everyone's, a coach their organisation's people; FORBIDDEN for others.",
  })
  orientationOutstanding(
    @Ctx() ctx: SubgraphContext,
    @Args(() => PageArgs) page: PageArgs,
  ): Promise<ServedConnection<ProgrammeEnrolment>> {
    return this.service.outstanding(ctx, page);
  }

  @Mutation(() => OrientationResult, {
    description: 'Schedules an orientation session (PROGRAMME_ADMIN, ADMIN, COACH).',
  })
  createOrientationSession(
    @Arg('input', () => OrientationSessionInput) input: OrientationSessionInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<OrientationResult> {
    return this.service.schedule(ctx, input);
  }

  @Mutation(() => OrientationResult, {
    description:
      "Records who attended an orientation session (PROGRAMME_ADMIN, ADMIN; COACH for their organisation's people).",
  })
  recordOrientationAttendance(
    @Arg('sessionId', () => ID) sessionId: string,
    @Arg('userIds', () => [ID]) userIds: string[],
    @Ctx() ctx: SubgraphContext,
  ): Promise<OrientationResult> {
    return this.service.recordAttendance(ctx, sessionId, userIds);
  }

  @FieldResolver(() => Boolean, { nullable: true, description: 'Whether the signed-in person attended.' })
  attendedByMe(@Root() session: OrientationSession, @Ctx() ctx: SubgraphContext): Promise<boolean | null> {
    return this.service.attendedByMe(ctx, session);
  }
}

@Resolver(() => Programme)
export class ProgrammeOrientationResolver {
  constructor(private readonly service: OrientationService) {}

  @FieldResolver(() => [OrientationSession], {
    description: 'Its orientation sessions, by date.',
    deprecationReason: 'Use orientationSessionsConnection.',
  })
  orientationSessions(@Root() programme: Programme, @Ctx() ctx: SubgraphContext): Promise<OrientationSession[]> {
    return this.service.ofProgramme(ctx, programme);
  }

  @FieldResolver(() => OrientationSessionConnection, {
    description: 'Its orientation sessions, by date, a page at a time.',
  })
  orientationSessionsConnection(
    @Root() programme: Programme,
    @Ctx() ctx: SubgraphContext,
    @Args(() => PageArgs) page: PageArgs,
  ): Promise<ServedConnection<OrientationSession>> {
    return this.service.pageOfProgramme(ctx, programme, page);
  }
}
