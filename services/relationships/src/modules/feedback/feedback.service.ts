import {
  FieldErrors,
  refuse,
  rowsLoader,
  type Database,
  type EventBus,
  type SubgraphContext,
} from '@tandem/subgraph-kit';
import type { Clock } from '../shared/dates';
import { FeedbackQuestion } from '../shared/enums';
import { PARTNERS, STAFF, viewerOf } from '../relationships/relationship.access';
import { refOf } from '../relationships/relationship.events';
import type { RelationshipRepository } from '../relationships/relationship.repository';
import type { RelationshipService } from '../relationships/relationship.service';
import type { Relationship } from '../relationships/relationship.type';
import type { FeedbackRepository, FeedbackRow } from './feedback.repository';
import { toFeedback, type Feedback, type FeedbackInput } from './feedback.type';

/** End-of-relationship feedback: both partners are asked once it ends; answers are seen only by the coach of the organisation and admins; ratings go to reporting. */
export class FeedbackService {
  constructor(
    private readonly repo: FeedbackRepository,
    private readonly relationshipRepo: RelationshipRepository,
    private readonly relationships: RelationshipService,
    private readonly db: Database,
    private readonly events: EventBus,
    private readonly clock: Clock,
  ) {}

  private rows(ctx: SubgraphContext, relationshipId: string): Promise<FeedbackRow[]> {
    const loader = rowsLoader(
      ctx,
      'feedback:byRelationship',
      (f: FeedbackRow) => f.relationshipId,
      (ids) => this.repo.forRelationships(ids),
    );
    return loader.load(relationshipId);
  }

  /** Null for the partners themselves and anyone but staff of the relationship. */
  async forRelationship(ctx: SubgraphContext, r: Relationship): Promise<Feedback[] | null> {
    if (!r.viewer || !STAFF.includes(r.viewer)) return null;
    return (await this.rows(ctx, r.id)).map(toFeedback);
  }

  /** For a partner: whether they are asked for feedback now (ended, not yet answered). */
  async requested(ctx: SubgraphContext, r: Relationship): Promise<boolean> {
    if (!r.viewer || !PARTNERS.includes(r.viewer)) return false;
    if (r.row.status !== 'COMPLETED' && r.row.status !== 'WITHDRAWN') return false;
    return !(await this.rows(ctx, r.id)).some((f) => f.respondentId === ctx.principal?.userId);
  }

  async submit(ctx: SubgraphContext, relationshipId: string, input: FeedbackInput): Promise<boolean> {
    const { principal } = await this.relationships.require(ctx, relationshipId, PARTNERS);
    const e = new FieldErrors();
    const ratings: Record<string, number> = {};
    input.ratings.forEach((r, i) => {
      if (r.question in ratings) e.add(`input.ratings.${i}.question`, 'DUPLICATE', `${r.question} is rated twice.`);
      if (!Number.isInteger(r.rating) || r.rating < 1 || r.rating > 5)
        e.add(`input.ratings.${i}.rating`, 'OUT_OF_RANGE', 'Rate from 1 to 5.');
      ratings[r.question] = r.rating;
    });
    for (const q of Object.values(FeedbackQuestion))
      if (!(q in ratings)) e.add('input.ratings', 'MISSING_QUESTION', `Rate ${q}.`);
    const comments = input.comments?.trim() || null;
    if (comments && comments.length > 5000) e.add('input.comments', 'TOO_LONG', 'At most 5000 characters.');
    e.throwIfAny();
    return this.db.transaction(async (tx) => {
      const rel = (await this.relationshipRepo.lock(tx, relationshipId))!;
      if (rel.status !== 'COMPLETED' && rel.status !== 'WITHDRAWN')
        throw refuse(
          'relationshipId',
          'NOT_ENDED',
          'Feedback is given once the relationship is completed or withdrawn.',
        );
      const role = viewerOf(principal, rel) as 'MENTOR' | 'MENTEE';
      const at = this.clock();
      const saved = await this.repo.insert(tx, {
        relationshipId,
        respondentId: principal.userId,
        respondentRole: role,
        ratings,
        comments,
        submittedAt: at,
      });
      if (!saved)
        throw refuse('relationshipId', 'ALREADY_SUBMITTED', 'You already gave feedback on this relationship.');
      await this.events.publish(tx, 'FeedbackSubmitted', {
        ...refOf(rel),
        respondentRole: role,
        ratings,
        submittedAt: at.toISOString(),
      });
      return true;
    });
  }
}
