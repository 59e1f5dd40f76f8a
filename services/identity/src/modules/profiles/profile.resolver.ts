import { Arg, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import { LocalDate, requirePrincipal, type SubgraphContext } from '@tandem/subgraph-kit';
import { listIndustries, listOccupations } from '../classification/classification';
import { User } from '../users/user.type';
import {
  MenteeProfileInput,
  MentorProfileInput,
  ReviewMentorApplicationInput,
  ReviewMentorApplicationsInput,
} from './profile.inputs';
import { MentorApplicationService } from './mentor-application.service';
import { ProfileService } from './profile.service';
import {
  ClassificationCode,
  MenteeProfile,
  MentorProfile,
  MentorReviewBulkResult,
  ProfileResult,
  toClassificationCode,
} from './profile.type';

@Resolver(() => User)
export class ProfileResolver {
  constructor(
    private readonly service: ProfileService,
    private readonly applications: MentorApplicationService,
  ) {}

  @Query(() => [ClassificationCode], {
    description: 'NAICS-style industries for forms: two-digit sectors (families) and four-digit industries.',
  })
  industries(
    @Ctx() ctx: SubgraphContext,
    @Arg('family', () => String, { nullable: true, description: 'Only this sector (first two digits).' })
    family?: string,
  ): ClassificationCode[] {
    requirePrincipal(ctx);
    return listIndustries(family).map(toClassificationCode);
  }

  @Query(() => [ClassificationCode], {
    description: 'NOC-style occupations for forms: two-digit major groups (families) and five-digit unit groups.',
  })
  occupations(
    @Ctx() ctx: SubgraphContext,
    @Arg('family', () => String, { nullable: true, description: 'Only this major group (first two digits).' })
    family?: string,
  ): ClassificationCode[] {
    requirePrincipal(ctx);
    return listOccupations(family).map(toClassificationCode);
  }

  @Mutation(() => ProfileResult, {
    description:
      "Creates or updates the signed-in mentor's profile (MENTOR role). The first save is an application, PENDING_REVIEW.",
  })
  updateMentorProfile(
    @Arg('input', () => MentorProfileInput) input: MentorProfileInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<ProfileResult> {
    return this.service.updateMentorProfile(ctx, input);
  }

  @Mutation(() => ProfileResult, {
    description: "Creates or updates the signed-in mentee's profile and needs assessment (MENTEE role).",
  })
  updateMenteeProfile(
    @Arg('input', () => MenteeProfileInput) input: MenteeProfileInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<ProfileResult> {
    return this.service.updateMenteeProfile(ctx, input);
  }

  @Mutation(() => ProfileResult, {
    description: 'Approves (with a note) or rejects (with a reason) a pending mentor application.',
  })
  reviewMentorApplication(
    @Arg('input', () => ReviewMentorApplicationInput) input: ReviewMentorApplicationInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<ProfileResult> {
    return this.applications.review(ctx, input);
  }

  @Mutation(() => MentorReviewBulkResult, {
    description:
      'Approves (with a note) or rejects (with a reason) several pending mentor applications: each by the single review’s rules (a coach, their organisation’s), succeeding or refused on its own. 1 to 100.',
  })
  reviewMentorApplications(
    @Arg('input', () => ReviewMentorApplicationsInput) input: ReviewMentorApplicationsInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<MentorReviewBulkResult> {
    return this.applications.reviewMany(ctx, input);
  }

  @Mutation(() => ProfileResult, { description: 'The signed-in mentor takes no new mentees until this date.' })
  pauseMentorAvailability(
    @Arg('until', () => LocalDate) until: string,
    @Ctx() ctx: SubgraphContext,
  ): Promise<ProfileResult> {
    return this.service.pause(ctx, until);
  }

  @Mutation(() => ProfileResult, { description: "Ends the signed-in mentor's pause." })
  resumeMentorAvailability(@Ctx() ctx: SubgraphContext): Promise<ProfileResult> {
    return this.service.resume(ctx);
  }

  @FieldResolver(() => MentorProfile, {
    nullable: true,
    description:
      'The mentor facet. Whole to the mentor, admins and their coach; public fields of an approved mentor to signed-in participants; null otherwise.',
  })
  mentorProfile(@Root() user: User, @Ctx() ctx: SubgraphContext): Promise<MentorProfile | null> {
    return this.service.mentorProfile(ctx, user);
  }

  @FieldResolver(() => MenteeProfile, {
    nullable: true,
    description:
      'The mentee facet: to the mentee, mentors they asked or were proposed to, relationship counterparts, their coach, admins; null otherwise.',
  })
  menteeProfile(@Root() user: User, @Ctx() ctx: SubgraphContext): Promise<MenteeProfile | null> {
    return this.service.menteeProfile(ctx, user);
  }
}
