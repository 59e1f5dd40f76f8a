import type { EntityManager } from 'typeorm';
import type { MentorProfileChangedV1 } from '@tandem/contracts';
import {
  fieldError,
  hasRole,
  NotFound,
  requireRole,
  type EventBus,
  type FieldError,
  type SubgraphContext,
  type Transact,
} from '@tandem/subgraph-kit';
import { accessPolicy } from '../access/access.policy';
import type { AccessRepository } from '../access/access.repository';
import type { AccessService } from '../access/access.service';
import { findIndustry, findOccupation } from '../classification/classification';
import type { NotificationService } from '../notifications/notification.service';
import type { UserRecord } from '../users/user.entity';
import type { UserRepository } from '../users/user.repository';
import { toUser, type User } from '../users/user.type';
import type { MenteeProfileRecord, MentorProfileRecord, ProfileFacets } from './profile.entity';
import type { MenteeProfileInput, MentorProfileInput, ReviewMentorApplicationInput } from './profile.inputs';
import type { ProfileRepository } from './profile.repository';
import { EMPTY_FACETS, mergeFacets, validateCapacity, validatePauseUntil } from './profile.rules';
import {
  profileResult,
  toMenteeProfile,
  toMentorProfile,
  type MenteeProfile,
  type MentorProfile,
  type ProfileResult,
} from './profile.type';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const coded = (code: string | null, find: typeof findIndustry) => {
  const c = find(code);
  return c ? { code: c.code, label: c.label } : null;
};
const todayUtc = () => new Date().toISOString().slice(0, 10);

/** Mentor and mentee profiles, the mentor application review, availability pauses; publishes the profile snapshots matching needs. */
export class ProfileService {
  constructor(
    private readonly profiles: ProfileRepository,
    private readonly users: UserRepository,
    private readonly access: AccessService,
    private readonly facts: AccessRepository,
    private readonly notifications: NotificationService,
    private readonly transact: Transact,
    private readonly events: EventBus,
  ) {}

  private mentorRecord(ctx: SubgraphContext, userId: string) {
    return ctx.loaders
      .get<string, MentorProfileRecord | null>('profiles:mentor', async (ids) => {
        const found = new Map((await this.profiles.mentorsByUserIds(ids)).map((p) => [p.userId, p]));
        return ids.map((id) => found.get(id) ?? null);
      })
      .load(userId);
  }

  private menteeRecord(ctx: SubgraphContext, userId: string) {
    return ctx.loaders
      .get<string, MenteeProfileRecord | null>('profiles:mentee', async (ids) => {
        const found = new Map((await this.profiles.menteesByUserIds(ids)).map((p) => [p.userId, p]));
        return ids.map((id) => found.get(id) ?? null);
      })
      .load(userId);
  }

  /** The whole profile to the mentor, admins and their coach; the public fields of an approved mentor to participants; else null. */
  async mentorProfile(ctx: SubgraphContext, user: User): Promise<MentorProfile | null> {
    if (!user.record.mentorStatus) return null;
    const full = await this.access.can(ctx, user.record, 'mentorFull');
    if (!full && !(await this.access.can(ctx, user.record, 'mentorPublic'))) return null;
    const record = await this.mentorRecord(ctx, user.id);
    return record ? toMentorProfile(record, full) : null;
  }

  async menteeProfile(ctx: SubgraphContext, user: User): Promise<MenteeProfile | null> {
    if (!(await this.access.can(ctx, user.record, 'mentee'))) return null;
    const record = await this.menteeRecord(ctx, user.id);
    return record ? toMenteeProfile(record) : null;
  }

  async updateMentorProfile(ctx: SubgraphContext, input: MentorProfileInput): Promise<ProfileResult> {
    const principal = requireRole(ctx, 'MENTOR');
    return this.transact(async (manager) => {
      const current = await this.profiles.mentorForUpdate(manager, principal.userId);
      const { facets, errors } = mergeFacets(current ?? EMPTY_FACETS, input);
      const capacity = input.capacity ?? current?.capacity ?? 1;
      if (input.capacity !== undefined && input.capacity !== null) {
        errors.push(...validateCapacity(capacity, await this.facts.activeMentees(principal.userId, manager)));
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
      const next: MentorProfileRecord = {
        ...(current ?? { pausedUntil: null, reviewComment: null, reviewedBy: null, reviewedAt: null, updatedAt: now }),
        ...facets,
        userId: principal.userId,
        capacity,
        status: reapply ? 'PENDING_REVIEW' : current!.status,
        submittedAt: reapply ? now : current!.submittedAt,
      };
      await this.profiles.saveMentor(manager, next);
      const user = await this.publishMentor(manager, principal.userId);
      return profileResult(user ? toUser(user) : null);
    });
  }

  async updateMenteeProfile(ctx: SubgraphContext, input: MenteeProfileInput): Promise<ProfileResult> {
    const principal = requireRole(ctx, 'MENTEE');
    return this.transact(async (manager) => {
      const current = await this.profiles.menteeForUpdate(manager, principal.userId);
      const { facets, errors } = mergeFacets(current ?? EMPTY_FACETS, input);
      const needs =
        input.needs === undefined
          ? (current?.needs ?? [])
          : [...new Set((input.needs ?? []).map((s) => s.trim()).filter(Boolean))];
      const goals =
        input.goals === undefined ? (current?.goals ?? []) : (input.goals ?? []).map((s) => s.trim()).filter(Boolean);
      const constraints =
        input.constraints === undefined ? (current?.constraints ?? null) : input.constraints?.trim() || null;
      if (needs.length > 20) errors.push(fieldError('input.needs', 'TOO_MANY', 'List at most 20 needs.'));
      if (goals.length > 3) errors.push(fieldError('input.goals', 'TOO_MANY', 'List your top three goals at most.'));
      if (goals.some((g) => g.length > 300))
        errors.push(fieldError('input.goals', 'TOO_LONG', 'Each goal may have at most 300 characters.'));
      if (constraints && constraints.length > 2000)
        errors.push(fieldError('input.constraints', 'TOO_LONG', 'Use at most 2000 characters.'));
      if (errors.length) return profileResult(null, errors);
      await this.profiles.saveMentee(manager, {
        ...facets,
        userId: principal.userId,
        needs,
        goals,
        constraints,
        updatedAt: new Date(),
      });
      const user = await this.publishMentee(manager, principal.userId);
      return profileResult(user ? toUser(user) : null);
    });
  }

  /** Approve (with a note) or reject (with a reason) a PENDING_REVIEW application; coaches only for their organisation. */
  async review(ctx: SubgraphContext, input: ReviewMentorApplicationInput): Promise<ProfileResult> {
    const principal = requireRole(ctx, 'COACH', 'PROGRAMME_ADMIN', 'ADMIN');
    const comment = input.comment.trim();
    return this.transact(async (manager) => {
      const applicant = UUID.test(input.userId) ? await this.users.findById(input.userId, manager) : null;
      const profile = applicant ? await this.profiles.mentorForUpdate(manager, applicant.id) : null;
      // unknown, other organisation's, and not-an-applicant answer alike
      if (
        !applicant ||
        !profile ||
        (!hasRole(principal, 'PROGRAMME_ADMIN', 'ADMIN') && !accessPolicy.isOwnCoach(principal, applicant))
      )
        throw NotFound('Mentor application');
      const errors: FieldError[] = [];
      if (!comment) {
        errors.push(
          fieldError(
            'input.comment',
            'REQUIRED',
            input.decision === 'APPROVED'
              ? 'Add a note for the mentor.'
              : 'Give the reason, so the applicant knows what to change.',
          ),
        );
      } else if (comment.length > 2000)
        errors.push(fieldError('input.comment', 'TOO_LONG', 'Use at most 2000 characters.'));
      if (profile.status !== 'PENDING_REVIEW')
        errors.push(
          fieldError('input.userId', 'NOT_PENDING', `This application was already ${profile.status.toLowerCase()}.`),
        );
      if (applicant.id === principal.userId)
        errors.push(fieldError('input.userId', 'OWN_APPLICATION', 'You cannot review your own application.'));
      if (errors.length) return profileResult(null, errors);
      const now = new Date();
      await this.profiles.saveMentor(manager, {
        ...profile,
        status: input.decision,
        reviewComment: comment,
        reviewedBy: principal.userId,
        reviewedAt: now,
      });
      await this.events.publish(manager, 'MentorApplicationReviewed', {
        userId: applicant.id,
        decision: input.decision,
        reviewerId: principal.userId,
        comment,
        reviewedAt: now.toISOString(),
      });
      const user = await this.publishMentor(manager, applicant.id);
      await this.notifications.notify(manager, {
        userId: applicant.id,
        kind: input.decision === 'APPROVED' ? 'MENTOR_APPLICATION_APPROVED' : 'MENTOR_APPLICATION_REJECTED',
        title:
          input.decision === 'APPROVED'
            ? 'Your mentor application was approved'
            : 'Your mentor application was not approved',
        body:
          input.decision === 'APPROVED'
            ? `Welcome aboard: mentees can now find you.\n\nNote from the reviewer: ${comment}`
            : `Reason: ${comment}\n\nYou can update your profile and apply again.`,
        sourceEventId: null,
      });
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
    return this.transact(async (manager) => {
      const profile = await this.profiles.mentorForUpdate(manager, userId);
      if (!profile)
        return profileResult(null, [fieldError('input', 'NO_MENTOR_PROFILE', 'Create your mentor profile first.')]);
      await this.profiles.saveMentor(manager, { ...profile, pausedUntil: until });
      const user = await this.publishMentor(manager, userId);
      return profileResult(user ? toUser(user) : null);
    });
  }

  /** Re-publishes both snapshots after a change of name or organisation (no-op for facets that do not exist). */
  async republish(manager: EntityManager, userId: string): Promise<void> {
    await this.publishMentor(manager, userId);
    await this.publishMentee(manager, userId);
  }

  private async publishMentor(manager: EntityManager, userId: string): Promise<UserRecord | null> {
    const user = await this.users.findById(userId, manager);
    const profile = await this.profiles.mentorForUpdate(manager, userId);
    if (!user || !profile) return user;
    await this.events.publish(manager, 'MentorProfileChanged', mentorSnapshot(user, profile));
    return user;
  }

  private async publishMentee(manager: EntityManager, userId: string): Promise<UserRecord | null> {
    const user = await this.users.findById(userId, manager);
    const profile = await this.profiles.menteeForUpdate(manager, userId);
    if (!user || !profile) return user;
    await this.events.publish(manager, 'MenteeProfileChanged', {
      ...snapshotFacets(profile),
      userId,
      displayName: user.displayName,
      needs: profile.needs,
      goals: profile.goals,
      organizationId: user.organizationId,
      changedAt: new Date().toISOString(),
    });
    return user;
  }
}

function snapshotFacets(p: ProfileFacets) {
  return {
    industry: coded(p.industryCode, findIndustry),
    occupation: coded(p.occupationCode, findOccupation),
    skills: p.skills,
    languages: p.languages,
    city: p.city,
    country: p.country,
    timeZone: p.timeZone,
    meetingPreferences: p.meetingPreferences,
    livedExperience: p.livedExperience,
    employer: p.employer,
  };
}

export function mentorSnapshot(user: UserRecord, p: MentorProfileRecord): MentorProfileChangedV1 {
  return {
    ...snapshotFacets(p),
    userId: user.id,
    displayName: user.displayName,
    status: p.status,
    headline: p.headline,
    yearsExperience: p.yearsExperience,
    hoursPerMonth: p.hoursPerMonth,
    capacity: p.capacity,
    pausedUntil: p.pausedUntil,
    organizationId: user.organizationId,
    changedAt: new Date().toISOString(),
  };
}
