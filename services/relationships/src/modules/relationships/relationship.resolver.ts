import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { LocalDate, outcome, type SubgraphContext } from '@tandem/subgraph-kit';
import type { ConnectionWithNodes } from '../shared/connections';
import { RelationshipStatus } from '../shared/enums';
import { SmartGoalInput } from '../goals/goal.inputs';
import { User } from '../users/user.type';
import { RelationshipLifecycleService } from './relationship-lifecycle.service';
import { RelationshipService } from './relationship.service';
import {
  Programme,
  Relationship,
  RelationshipConnection,
  RelationshipProgress,
  RelationshipResult,
} from './relationship.type';

@Resolver(() => Relationship)
export class RelationshipResolver {
  constructor(
    private readonly service: RelationshipService,
    private readonly lifecycle: RelationshipLifecycleService,
  ) {}

  @Query(() => Relationship, {
    description:
      'A relationship the caller is a partner in, coaches (same organisation) or administers; NOT_FOUND otherwise.',
  })
  relationship(@Arg('id', () => ID) id: string, @Ctx() ctx: SubgraphContext): Promise<Relationship> {
    return this.service.get(ctx, id);
  }

  @Query(() => RelationshipConnection, {
    description:
      "The coach's list: a coach sees only their own organisation's relationships (asking for another organisation answers NOT_FOUND); admins and programme admins see all, or one organisation's. Newest start first.",
  })
  organizationRelationships(
    @Ctx() ctx: SubgraphContext,
    @Arg('organizationId', () => ID, { nullable: true, description: 'Admins: one organisation only.' })
    organizationId?: string | null,
    @Arg('status', () => RelationshipStatus, { nullable: true }) status?: RelationshipStatus | null,
    @Arg('atRisk', () => Boolean, { nullable: true, description: 'Only flagged (true) or only unflagged (false).' })
    atRisk?: boolean | null,
    @Arg('first', () => Int, { nullable: true, description: 'Page size, 1..100 (default 20).' }) first?: number | null,
    @Arg('after', () => String, { nullable: true, description: 'The endCursor of the previous page.' })
    after?: string | null,
  ): Promise<ConnectionWithNodes<Relationship>> {
    return this.service.list(ctx, {
      organizationId: organizationId ?? null,
      status: status ?? null,
      atRisk: atRisk ?? null,
      first: first ?? null,
      after: after ?? null,
    });
  }

  @FieldResolver(() => User, { description: 'The mentor (name and profile from identity).' })
  mentor(@Root() r: Relationship): User {
    return Object.assign(new User(), { id: r.row.mentorId });
  }

  @FieldResolver(() => User, { description: 'The mentee (name and profile from identity).' })
  mentee(@Root() r: Relationship): User {
    return Object.assign(new User(), { id: r.row.menteeId });
  }

  @FieldResolver(() => Programme, { nullable: true, description: 'The programme (from identity).' })
  programme(@Root() r: Relationship): Programme | null {
    return r.row.programmeId ? Object.assign(new Programme(), { id: r.row.programmeId }) : null;
  }

  @FieldResolver(() => RelationshipProgress, {
    description: 'Confirmed hours and meetings against the terms, days left and pace.',
  })
  progress(@Root() r: Relationship, @Ctx() ctx: SubgraphContext): Promise<RelationshipProgress> {
    return this.service.progress(ctx, r.row);
  }

  @FieldResolver(() => LocalDate, {
    nullable: true,
    description: 'The day of the latest meeting confirmed by both sides (null before the first).',
  })
  async lastConfirmedMeetingOn(@Root() r: Relationship, @Ctx() ctx: SubgraphContext): Promise<string | null> {
    return (await this.service.totals(ctx, r.id)).lastConfirmedOn;
  }

  @Mutation(() => RelationshipResult, { description: 'Either partner pauses an active relationship.' })
  pauseRelationship(@Arg('id', () => ID) id: string, @Ctx() ctx: SubgraphContext) {
    return outcome('relationship', () => this.lifecycle.pause(ctx, id));
  }

  @Mutation(() => RelationshipResult, { description: 'Either partner resumes a paused relationship.' })
  resumeRelationship(@Arg('id', () => ID) id: string, @Ctx() ctx: SubgraphContext) {
    return outcome('relationship', () => this.lifecycle.resume(ctx, id));
  }

  @Mutation(() => RelationshipResult, {
    description: 'Either partner withdraws (ends it early) with a reason; both are then asked for feedback.',
  })
  withdrawFromRelationship(
    @Arg('id', () => ID) id: string,
    @Arg('reason', () => String) reason: string,
    @Ctx() ctx: SubgraphContext,
  ) {
    return outcome('relationship', () => this.lifecycle.withdraw(ctx, id, reason));
  }

  @Mutation(() => RelationshipResult, {
    description: 'The caller confirms the relationship is complete; it completes once both partners have confirmed.',
  })
  completeRelationship(@Arg('id', () => ID) id: string, @Ctx() ctx: SubgraphContext) {
    return outcome('relationship', () => this.lifecycle.complete(ctx, id));
  }

  @Mutation(() => RelationshipResult, { description: 'Closes a completed relationship for good.' })
  closeRelationship(@Arg('id', () => ID) id: string, @Ctx() ctx: SubgraphContext) {
    return outcome('relationship', () => this.lifecycle.close(ctx, id));
  }

  @Mutation(() => RelationshipResult, {
    description: 'A completed relationship sets new SMART goals and goes on (back to ACTIVE).',
  })
  continueRelationship(
    @Arg('id', () => ID) id: string,
    @Arg('goals', () => [SmartGoalInput]) goals: SmartGoalInput[],
    @Ctx() ctx: SubgraphContext,
  ) {
    return outcome('relationship', () => this.lifecycle.continueWithGoals(ctx, id, goals));
  }
}
