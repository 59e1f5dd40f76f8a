import { fieldError, requireRole, rowLoader, type Database, type SubgraphContext } from '@tandem/subgraph-kit';
import type { AccessRepository } from '../access/access.repository';
import type { AccessService } from '../access/access.service';
import { toUser, type User } from '../users/user.type';
import type { MenteeProfileInput, MentorProfileInput } from './profile.inputs';
import type { ProfileSnapshots } from './profile-snapshots';
import {
  MENTEE_PROFILES,
  type MenteeProfileRow,
  type MentorProfileRow,
  type ProfileRepository,
} from './profile.repository';
import { EMPTY_FACETS, mergeFacets, validateCapacity, validatePauseUntil } from './profile.rules';
import {
  profileResult,
  toMenteeProfile,
  toMentorProfile,
  type MenteeProfile,
  type MentorProfile,
  type ProfileResult,
} from './profile.type';

const todayUtc = () => new Date().toISOString().slice(0, 10);

/** Mentor and mentee profiles as their owners edit them, and availability pauses (the review is the application service's). */
export class ProfileService {
  constructor(
    private readonly profiles: ProfileRepository,
    private readonly access: AccessService,
    private readonly facts: AccessRepository,
    private readonly snapshots: ProfileSnapshots,
    private readonly db: Database,
  ) {}

  private mentorRow(ctx: SubgraphContext, userId: string) {
    return rowLoader(
      ctx,
      'profiles:mentor',
      (p: MentorProfileRow) => p.userId,
      (ids) => this.profiles.mentorsByUserIds(ids),
    ).load(userId);
  }

  private menteeRow(ctx: SubgraphContext, userId: string) {
    return rowLoader(
      ctx,
      MENTEE_PROFILES,
      (p: MenteeProfileRow) => p.userId,
      (ids) => this.profiles.menteesByUserIds(ids),
    ).load(userId);
  }

  /** The whole profile to the mentor, admins and their coach; the public fields of an approved mentor to participants; else null. */
  async mentorProfile(ctx: SubgraphContext, user: User): Promise<MentorProfile | null> {
    if (!user.record.mentorStatus) return null;
    const full = await this.access.can(ctx, user.record, 'mentorFull');
    if (!full && !(await this.access.can(ctx, user.record, 'mentorPublic'))) return null;
    const record = await this.mentorRow(ctx, user.id);
    return record ? toMentorProfile(record, full) : null;
  }

  async menteeProfile(ctx: SubgraphContext, user: User): Promise<MenteeProfile | null> {
    if (!(await this.access.can(ctx, user.record, 'mentee'))) return null;
    const record = await this.menteeRow(ctx, user.id);
    return record ? toMenteeProfile(record) : null;
  }

  async updateMentorProfile(ctx: SubgraphContext, input: MentorProfileInput): Promise<ProfileResult> {
    const principal = requireRole(ctx, 'MENTOR');
    return this.db.transaction(async (tx) => {
      const current = await this.profiles.mentorForUpdate(tx, principal.userId);
      const { facets, errors } = mergeFacets(current ?? EMPTY_FACETS, input);
      const capacity = input.capacity ?? current?.capacity ?? 1;
      if (input.capacity !== undefined && input.capacity !== null) {
        errors.push(...validateCapacity(capacity, await this.facts.activeMentees(principal.userId, tx)));
      }
      if (!current) {
        if (!facets.headline)
          errors.push(fieldError('input.headline', 'REQUIRED', 'Write a one-line headline for your application.'));
        if (!facets.industryCode) errors.push(fieldError('input.industryCode', 'REQUIRED', 'Choose your industry.'));
        if (!facets.occupationCode)
          errors.push(fieldError('input.occupationCode', 'REQUIRED', 'Choose your occupation.'));
      }
      if (errors.length) return profileResult(null, errors);
      const now = new Date();
      // a rejected application that is edited is submitted again; an approved one stays approved
      const reapply = !current || current.status === 'REJECTED';
      const next: MentorProfileRow = {
        ...(current ?? { pausedUntil: null, reviewComment: null, reviewedBy: null, reviewedAt: null, updatedAt: now }),
        ...facets,
        userId: principal.userId,
        capacity,
        status: reapply ? 'PENDING_REVIEW' : current!.status,
        submittedAt: reapply ? now : current!.submittedAt,
      };
      await this.profiles.saveMentor(tx, next);
      const user = await this.snapshots.publishMentor(tx, principal.userId);
      return profileResult(user ? toUser(user) : null);
    });
  }

  async updateMenteeProfile(ctx: SubgraphContext, input: MenteeProfileInput): Promise<ProfileResult> {
    const principal = requireRole(ctx, 'MENTEE');
    return this.db.transaction(async (tx) => {
      const current = await this.profiles.menteeForUpdate(tx, principal.userId);
      const { facets, errors } = mergeFacets(current ?? EMPTY_FACETS, input);
      const needs =
        input.needs === undefined
          ? (current?.needs ?? [])
          : [...new Set((input.needs ?? []).map((s) => s.trim()).filter(Boolean))];
      const goals =
        input.goals === undefined ? (current?.goals ?? []) : (input.goals ?? []).map((s) => s.trim()).filter(Boolean);
      const constraints =
        input.constraints === undefined ? (current?.constraints ?? null) : input.constraints?.trim() || null;
      if (needs.length > 20) errors.push(fieldError('input.needs', 'TOO_MANY', 'List at most 20 needs.', { max: 20 }));
      if (goals.length > 3) errors.push(fieldError('input.goals', 'TOO_MANY', 'List your top three goals at most.'));
      if (goals.some((g) => g.length > 300))
        errors.push(fieldError('input.goals', 'TOO_LONG', 'Each goal may have at most 300 characters.'));
      if (constraints && constraints.length > 2000)
        errors.push(fieldError('input.constraints', 'TOO_LONG', 'Use at most 2000 characters.', { max: 2000 }));
      if (errors.length) return profileResult(null, errors);
      await this.profiles.saveMentee(tx, {
        ...facets,
        userId: principal.userId,
        needs,
        goals,
        constraints,
        updatedAt: new Date(),
      });
      const user = await this.snapshots.publishMentee(tx, principal.userId);
      return profileResult(user ? toUser(user) : null);
    });
  }

  async pause(ctx: SubgraphContext, until: string): Promise<ProfileResult> {
    const principal = requireRole(ctx, 'MENTOR');
    const errors = validatePauseUntil(until, todayUtc());
    if (errors.length) return profileResult(null, errors);
    return this.setPause(principal.userId, until);
  }

  async resume(ctx: SubgraphContext): Promise<ProfileResult> {
    const principal = requireRole(ctx, 'MENTOR');
    return this.setPause(principal.userId, null);
  }

  private setPause(userId: string, until: string | null): Promise<ProfileResult> {
    return this.db.transaction(async (tx) => {
      const profile = await this.profiles.mentorForUpdate(tx, userId);
      if (!profile)
        return profileResult(null, [fieldError('input', 'NO_MENTOR_PROFILE', 'Create your mentor profile first.')]);
      await this.profiles.saveMentor(tx, { ...profile, pausedUntil: until });
      const user = await this.snapshots.publishMentor(tx, userId);
      return profileResult(user ? toUser(user) : null);
    });
  }
}
