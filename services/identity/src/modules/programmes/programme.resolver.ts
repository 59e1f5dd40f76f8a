import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { SubgraphContext } from '@tandem/subgraph-kit';
import { User } from '../users/user.type';
import { CohortInput, EnrollInput, OrganizationInput, OrientationSessionInput, ProgramInput } from './programme.inputs';
import { ProgrammeService } from './programme.service';
import {
  Cohort,
  EnrollmentResult,
  Organization,
  OrganizationResult,
  OrientationResult,
  OrientationSession,
  Program,
  ProgramEnrollment,
  ProgramResult,
} from './programme.type';

@Resolver()
export class ProgrammeResolver {
  constructor(private readonly service: ProgrammeService) {}

  @Query(() => [Organization], { description: 'Partner organisations, by name.' })
  organizations(@Ctx() ctx: SubgraphContext): Promise<Organization[]> {
    return this.service.organizations(ctx);
  }

  @Query(() => Organization, { description: 'An organisation by id (NOT_FOUND when unknown).' })
  organization(@Arg('id', () => ID) id: string, @Ctx() ctx: SubgraphContext): Promise<Organization> {
    return this.service.organization(ctx, id);
  }

  @Query(() => [Program], { description: 'Programmes, by name.' })
  programs(@Ctx() ctx: SubgraphContext): Promise<Program[]> {
    return this.service.programs(ctx);
  }

  @Query(() => Program, { description: 'A programme by id (NOT_FOUND when unknown).' })
  program(@Arg('id', () => ID) id: string, @Ctx() ctx: SubgraphContext): Promise<Program> {
    return this.service.program(ctx, id);
  }

  @Mutation(() => OrganizationResult, { description: 'Creates a partner organisation (PROGRAMME_ADMIN, ADMIN).' })
  createOrganization(
    @Arg('input', () => OrganizationInput) input: OrganizationInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<OrganizationResult> {
    return this.service.saveOrganization(ctx, null, input);
  }

  @Mutation(() => OrganizationResult, { description: 'Changes an organisation (PROGRAMME_ADMIN, ADMIN).' })
  updateOrganization(
    @Arg('id', () => ID) id: string,
    @Arg('input', () => OrganizationInput) input: OrganizationInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<OrganizationResult> {
    return this.service.saveOrganization(ctx, id, input);
  }

  @Mutation(() => ProgramResult, { description: 'Creates a programme (PROGRAMME_ADMIN, ADMIN).' })
  createProgram(
    @Arg('input', () => ProgramInput) input: ProgramInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<ProgramResult> {
    return this.service.saveProgram(ctx, null, input);
  }

  @Mutation(() => ProgramResult, { description: "Changes a programme's terms and rules (PROGRAMME_ADMIN, ADMIN)." })
  updateProgram(
    @Arg('id', () => ID) id: string,
    @Arg('input', () => ProgramInput) input: ProgramInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<ProgramResult> {
    return this.service.saveProgram(ctx, id, input);
  }

  @Mutation(() => ProgramResult, { description: 'Adds a cohort to a programme (PROGRAMME_ADMIN, ADMIN).' })
  addCohort(
    @Arg('programId', () => ID) programId: string,
    @Arg('input', () => CohortInput) input: CohortInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<ProgramResult> {
    return this.service.saveCohort(ctx, programId, null, input);
  }

  @Mutation(() => ProgramResult, { description: 'Changes a cohort (PROGRAMME_ADMIN, ADMIN).' })
  updateCohort(
    @Arg('cohortId', () => ID) cohortId: string,
    @Arg('input', () => CohortInput) input: CohortInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<ProgramResult> {
    return this.service.saveCohort(ctx, null, cohortId, input);
  }

  @Mutation(() => EnrollmentResult, {
    description:
      "Enrols a person in a programme as MENTOR or MENTEE: oneself (in a role one holds), or anyone by PROGRAMME_ADMIN/ADMIN, or a coach's organisation member.",
  })
  enrollInProgram(
    @Arg('input', () => EnrollInput) input: EnrollInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<EnrollmentResult> {
    return this.service.enroll(ctx, input);
  }

  @Mutation(() => OrientationResult, {
    description: 'Schedules an orientation session (PROGRAMME_ADMIN, ADMIN, COACH).',
  })
  createOrientationSession(
    @Arg('input', () => OrientationSessionInput) input: OrientationSessionInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<OrientationResult> {
    return this.service.createSession(ctx, input);
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
}

@Resolver(() => Program)
export class ProgramFieldResolver {
  constructor(private readonly service: ProgrammeService) {}

  @FieldResolver(() => [Organization], { description: 'The partner organisations running it.' })
  organizations(@Root() program: Program, @Ctx() ctx: SubgraphContext): Promise<Organization[]> {
    return this.service.programOrganizations(ctx, program);
  }

  @FieldResolver(() => [Cohort], { description: 'Its cohorts, by start date.' })
  cohorts(@Root() program: Program, @Ctx() ctx: SubgraphContext): Promise<Cohort[]> {
    return this.service.cohorts(ctx, program);
  }

  @FieldResolver(() => [OrientationSession], { description: 'Its orientation sessions, by date.' })
  orientationSessions(@Root() program: Program, @Ctx() ctx: SubgraphContext): Promise<OrientationSession[]> {
    return this.service.orientationSessions(ctx, program);
  }

  @FieldResolver(() => [ProgramEnrollment], {
    nullable: true,
    description: "Who is enrolled: staff only (coaches see their organisation's people); null for others.",
  })
  enrollments(@Root() program: Program, @Ctx() ctx: SubgraphContext): Promise<ProgramEnrollment[] | null> {
    return this.service.programEnrollments(ctx, program);
  }
}

@Resolver(() => OrientationSession)
export class OrientationSessionResolver {
  constructor(private readonly service: ProgrammeService) {}

  @FieldResolver(() => Boolean, { nullable: true, description: 'Whether the signed-in person attended.' })
  attendedByMe(@Root() session: OrientationSession, @Ctx() ctx: SubgraphContext): Promise<boolean | null> {
    return this.service.attended(ctx, session);
  }
}

@Resolver(() => User)
export class UserProgrammeResolver {
  constructor(private readonly service: ProgrammeService) {}

  @FieldResolver(() => Organization, {
    nullable: true,
    description: 'The partner organisation the person belongs to. Null when the caller may not see this person.',
  })
  organization(@Root() user: User, @Ctx() ctx: SubgraphContext): Promise<Organization | null> {
    return this.service.userOrganization(ctx, user);
  }

  @FieldResolver(() => [ProgramEnrollment], {
    nullable: true,
    description: 'Programmes the person is enrolled in: the person, admins, their coach; null otherwise.',
  })
  enrollments(@Root() user: User, @Ctx() ctx: SubgraphContext): Promise<ProgramEnrollment[] | null> {
    return this.service.userEnrollments(ctx, user);
  }
}
