import { Arg, Args, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import type { SubgraphContext } from '@tandem/subgraph-kit';
import { ProgrammeService } from '../programmes/programme.service';
import { Programme } from '../programmes/programme.type';
import type { ServedConnection } from '../shared/api';
import { PageArgs } from '../shared/page.args';
import { UserService } from '../users/user.service';
import { User } from '../users/user.type';
import { EnrollInput } from './enrolment.inputs';
import { EnrolmentService } from './enrolment.service';
import { EnrollmentResult, ProgrammeEnrolment, ProgrammeEnrolmentConnection } from './enrolment.type';

const ENROL =
  "Enrols a person in a programme as MENTOR or MENTEE: oneself (in a role one holds), or anyone by PROGRAMME_ADMIN/ADMIN, or a coach's organisation member.";

@Resolver(() => ProgrammeEnrolment)
export class EnrolmentResolver {
  constructor(
    private readonly service: EnrolmentService,
    private readonly programmes: ProgrammeService,
    private readonly users: UserService,
  ) {}

  @Mutation(() => EnrollmentResult, { description: ENROL })
  enrolInProgramme(
    @Arg('input', () => EnrollInput) input: EnrollInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<EnrollmentResult> {
    return this.service.enrol(ctx, input);
  }

  @Mutation(() => EnrollmentResult, { description: ENROL, deprecationReason: 'Use enrolInProgramme.' })
  enrollInProgram(
    @Arg('input', () => EnrollInput) input: EnrollInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<EnrollmentResult> {
    return this.service.enrol(ctx, input);
  }

  @FieldResolver(() => Programme, { description: 'The programme.' })
  async programme(@Root() enrolment: ProgrammeEnrolment, @Ctx() ctx: SubgraphContext): Promise<Programme> {
    return (await this.programmes.load(ctx, [enrolment.row.programmeId]))[0]!;
  }

  @FieldResolver(() => Programme, { deprecationReason: 'Use programme.' })
  async program(@Root() enrolment: ProgrammeEnrolment, @Ctx() ctx: SubgraphContext): Promise<Programme> {
    return (await this.programmes.load(ctx, [enrolment.row.programmeId]))[0]!;
  }

  @FieldResolver(() => User, { description: 'The person enrolled.' })
  async user(@Root() enrolment: ProgrammeEnrolment, @Ctx() ctx: SubgraphContext): Promise<User> {
    return (await this.users.load(ctx, [enrolment.row.userId]))[0]!;
  }
}

@Resolver(() => Programme)
export class ProgrammeEnrolmentsResolver {
  constructor(private readonly service: EnrolmentService) {}

  @FieldResolver(() => [ProgrammeEnrolment], {
    nullable: true,
    description: "Who is enrolled: staff only (coaches see their organisation's people); null for others.",
    deprecationReason: 'Use enrollmentsConnection.',
  })
  enrollments(@Root() programme: Programme, @Ctx() ctx: SubgraphContext): Promise<ProgrammeEnrolment[] | null> {
    return this.service.ofProgramme(ctx, programme);
  }

  @FieldResolver(() => ProgrammeEnrolmentConnection, {
    nullable: true,
    description:
      "Who is enrolled, in the order they enrolled: staff only (coaches see their organisation's people); null for others.",
  })
  enrollmentsConnection(
    @Root() programme: Programme,
    @Ctx() ctx: SubgraphContext,
    @Args(() => PageArgs) page: PageArgs,
  ): Promise<ServedConnection<ProgrammeEnrolment> | null> {
    return this.service.pageOfProgramme(ctx, programme, page);
  }
}

@Resolver(() => User)
export class UserEnrolmentsResolver {
  constructor(private readonly service: EnrolmentService) {}

  @FieldResolver(() => [ProgrammeEnrolment], {
    nullable: true,
    description: 'Programmes the person is enrolled in: the person, admins, their coach; null otherwise.',
    deprecationReason: 'Use enrollmentsConnection.',
  })
  enrollments(@Root() user: User, @Ctx() ctx: SubgraphContext): Promise<ProgrammeEnrolment[] | null> {
    return this.service.ofUser(ctx, user);
  }

  @FieldResolver(() => ProgrammeEnrolmentConnection, {
    nullable: true,
    description:
      'Programmes the person is enrolled in, in the order they enrolled: the person, admins, their coach; null otherwise.',
  })
  enrollmentsConnection(
    @Root() user: User,
    @Ctx() ctx: SubgraphContext,
    @Args(() => PageArgs) page: PageArgs,
  ): Promise<ServedConnection<ProgrammeEnrolment> | null> {
    return this.service.pageOfUser(ctx, user, page);
  }
}
