import {
  eachOutcome,
  fieldError,
  Refusal,
  hasRole,
  isUuid,
  NotFound,
  requireRole,
  type Database,
  type EventBus,
  type FieldError,
  type SubgraphContext,
} from '@tandem/subgraph-kit';
import { appLinks } from '../notifications/notification.links';
import { accessPolicy } from '../access/access.policy';
import type { NotificationService } from '../notifications/notification.service';
import type { UserRepository } from '../users/user.repository';
import { toUser } from '../users/user.type';
import type { ReviewMentorApplicationInput, ReviewMentorApplicationsInput } from './profile.inputs';
import type { ProfileSnapshots } from './profile-snapshots';
import type { ProfileRepository } from './profile.repository';
import { profileResult, type MentorReviewBulkResult, type ProfileResult } from './profile.type';

/** The review of mentor applications: approve with a note or reject with a reason, and tell the applicant. */
export class MentorApplicationService {
  constructor(
    private readonly profiles: ProfileRepository,
    private readonly users: UserRepository,
    private readonly snapshots: ProfileSnapshots,
    private readonly notifications: NotificationService,
    private readonly db: Database,
    private readonly events: EventBus,
  ) {}

  /** Approve (with a note) or reject (with a reason) a PENDING_REVIEW application; coaches only for their organisation. */
  async review(ctx: SubgraphContext, input: ReviewMentorApplicationInput): Promise<ProfileResult> {
    const principal = requireRole(ctx, 'COACH', 'PROGRAMME_ADMIN', 'ADMIN');
    const comment = input.comment.trim();
    return this.db.transaction(async (tx) => {
      const applicant = isUuid(input.userId) ? await this.users.findById(input.userId, tx) : null;
      const profile = applicant ? await this.profiles.mentorForUpdate(tx, applicant.id) : null;
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
        errors.push(fieldError('input.comment', 'TOO_LONG', 'Use at most 2000 characters.', { max: 2000 }));
      if (profile.status !== 'PENDING_REVIEW')
        errors.push(
          fieldError('input.userId', 'NOT_PENDING', `This application was already ${profile.status.toLowerCase()}.`),
        );
      if (applicant.id === principal.userId)
        errors.push(fieldError('input.userId', 'OWN_APPLICATION', 'You cannot review your own application.'));
      if (errors.length) return profileResult(null, errors);
      const now = new Date();
      await this.profiles.saveMentor(tx, {
        ...profile,
        status: input.decision,
        reviewComment: comment,
        reviewedBy: principal.userId,
        reviewedAt: now,
      });
      await this.events.publish(tx, 'MentorApplicationReviewed', {
        userId: applicant.id,
        decision: input.decision,
        reviewerId: principal.userId,
        comment,
        reviewedAt: now.toISOString(),
      });
      const user = await this.snapshots.publishMentor(tx, applicant.id);
      await this.notifications.notify(tx, {
        userId: applicant.id,
        kind: input.decision === 'APPROVED' ? 'MENTOR_APPLICATION_APPROVED' : 'MENTOR_APPLICATION_REJECTED',
        link: appLinks.mentorApplication(),
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

  /**
   * The same decision and comment for several applications (issue 19's bulk approval): the comment is checked once
   * (nothing runs without it), then each application by {@link review}'s rules in its own transaction; a refused
   * one (not pending, own, another organisation's) is listed with its reason and changes nothing.
   */
  async reviewMany(ctx: SubgraphContext, input: ReviewMentorApplicationsInput): Promise<MentorReviewBulkResult> {
    requireRole(ctx, 'COACH', 'PROGRAMME_ADMIN', 'ADMIN');
    const comment = input.comment.trim();
    if (!comment)
      return {
        items: [],
        errors: [
          fieldError(
            'input.comment',
            'REQUIRED',
            input.decision === 'APPROVED' ? 'Add a note for the mentors.' : 'Give the reason, so the applicants know.',
          ),
        ],
      };
    const items = await eachOutcome('user', 'input.userIds', input.userIds, async (userId, index) => {
      const out = await this.review(ctx, { userId, decision: input.decision, comment });
      if (out.errors.length)
        throw new Refusal(
          out.errors.map((e) =>
            e.field === 'input.userId' ? fieldError(`input.userIds.${index}`, e.code, e.message) : e,
          ),
        );
      return out.user;
    });
    return { items, errors: [] };
  }
}
