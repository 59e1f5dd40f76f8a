import { rowLoader, rowsLoader, type SubgraphContext } from '@tandem/subgraph-kit';
import type { AgreementRepository } from '../agreements/agreement.repository';
import type { ActionPlanRow, GoalRepository, GoalRow } from '../goals/goal.repository';
import { termsMet } from './relationship.progress';
import type { RelationshipRow } from './relationship.repository';
import { relationshipStage, type LearningStageValue } from './relationship-stage.rules';
import type { RelationshipService } from './relationship.service';

/** The stage of a relationship (for the learning content shown to the pair), from its meetings, agreement and plan. */
export class RelationshipStageService {
  constructor(
    private readonly relationships: RelationshipService,
    private readonly agreements: AgreementRepository,
    private readonly goals: GoalRepository,
  ) {}

  /** The stage, batched per request; the relationship was already read under the access rules. */
  async stage(ctx: SubgraphContext, rel: RelationshipRow): Promise<LearningStageValue> {
    const signed = rowLoader(
      ctx,
      'relationship:agreementSigned',
      (r: { relationshipId: string }) => r.relationshipId,
      async (ids) =>
        [...(await this.agreements.signedRelationships(ids))].map((relationshipId) => ({ relationshipId })),
    );
    const plans = rowLoader(
      ctx,
      'relationship:actionPlan',
      (r: ActionPlanRow) => r.relationshipId,
      (ids) => this.goals.actionPlans(ids),
    );
    const goals = rowsLoader(
      ctx,
      'relationship:goals',
      (g: GoalRow) => g.relationshipId,
      (ids) => this.goals.forRelationships(ids),
    );
    const [t, agreement, plan, goalRows] = await Promise.all([
      this.relationships.totals(ctx, rel.id),
      signed.load(rel.id),
      plans.load(rel.id),
      goals.load(rel.id),
    ]);
    return relationshipStage({
      status: rel.status,
      startedOn: rel.startedOn,
      plannedEndOn: rel.plannedEndOn,
      durationWeeks: rel.terms.durationWeeks,
      confirmedMeetings: t.confirmedMeetings + t.notCountingMeetings,
      agreementSigned: agreement !== null,
      hasPlan: (plan?.items.length ?? 0) > 0 || goalRows.length > 0,
      termsMet: termsMet(rel.terms, t.confirmedMinutes / 60, t.confirmedMeetings),
      completionConfirmed: rel.completionMentorAt !== null || rel.completionMenteeAt !== null,
      today: this.relationships.today(),
    });
  }
}
