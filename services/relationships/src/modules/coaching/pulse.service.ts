import {
  FieldErrors,
  NotFound,
  refuse,
  requirePrincipal,
  rowsLoader,
  type Database,
  type EventBus,
  type SubgraphContext,
} from '@tandem/subgraph-kit';
import type { Clock } from '../shared/dates';
import { isPartner, PARTNERS, STAFF, type RelationshipViewer } from '../relationships/relationship.access';
import { refOf } from '../relationships/relationship.events';
import type { RelationshipRepository } from '../relationships/relationship.repository';
import type { RelationshipService } from '../relationships/relationship.service';
import type { Relationship } from '../relationships/relationship.type';
import type { CoachingService } from './coaching.service';
import type { PulseAnswerRow, PulseRepository, PulseRow } from './pulse.repository';
import { toPulse, type Pulse, type PulseAnswerInput } from './pulse.type';

export const DEFAULT_PULSE_QUESTION = 'How is it going?';
const MAX_QUESTION = 200;
const MAX_NOTE = 1000;

/**
 * Pulse check-ins (issue 19). The coach of the relationship's organisation (or an admin, a programme admin) asks
 * both partners a short question on an ACTIVE relationship, one open pulse at a time; each partner answers once
 * (score 1–5 and a note). Confidentiality: a partner reads their own answer and whether the other answered, never
 * the other's answer; the coach and admins read both. Every answer re-evaluates the at-risk flags at once.
 */
export class PulseService {
  constructor(
    private readonly repo: PulseRepository,
    private readonly relationshipRepo: RelationshipRepository,
    private readonly relationships: RelationshipService,
    private readonly coaching: CoachingService,
    private readonly db: Database,
    private readonly events: EventBus,
    private readonly clock: Clock,
  ) {}

  /** Newest first, with the answers the viewer may read; null for anyone who may not see the relationship. */
  async pulses(ctx: SubgraphContext, r: Relationship): Promise<Pulse[] | null> {
    if (!r.viewer) return null;
    const pulses = await rowsLoader(
      ctx,
      'pulses:byRelationship',
      (p: PulseRow) => p.relationshipId,
      (ids) => this.repo.forRelationships(ids),
    ).load(r.id);
    if (!pulses.length) return [];
    // batched like the pulses: a list of relationships selecting `pulses` costs two statements, not one per pair
    const answers = await rowsLoader(
      ctx,
      'pulseAnswers:byRelationship',
      (a: PulseAnswerRow) => a.relationshipId,
      (ids) => this.repo.answersOfRelationships(ids),
    ).load(r.id);
    const userId = ctx.principal?.userId;
    const canRead = (a: PulseAnswerRow) => !isPartner(r.viewer) || a.respondentId === userId;
    return pulses.map((p) =>
      toPulse(
        p,
        answers.filter((a) => a.pulseId === p.id),
        canRead,
      ),
    );
  }

  async ask(ctx: SubgraphContext, relationshipId: string, question?: string | null): Promise<Pulse> {
    const { principal } = await this.relationships.require(ctx, relationshipId, STAFF);
    const text = question?.trim() || DEFAULT_PULSE_QUESTION;
    if (text.length > MAX_QUESTION) throw refuse('question', 'TOO_LONG', `At most ${MAX_QUESTION} characters.`);
    return this.db.transaction(async (tx) => {
      const rel = await this.relationshipRepo.lock(tx, relationshipId);
      if (!rel) throw refuse('relationshipId', 'NOT_FOUND', 'Not found.');
      if (rel.status !== 'ACTIVE')
        throw refuse('relationshipId', 'INVALID_STATE', 'Ask how it is going while the relationship is active.');
      if (await this.repo.openOf(tx, relationshipId))
        throw refuse('relationshipId', 'PULSE_OPEN', 'A pulse check-in is still waiting for an answer.');
      const pulse = await this.repo.insert(tx, {
        relationshipId,
        question: text,
        askedBy: principal.userId,
        askedAt: this.clock(),
      });
      await this.events.publish(tx, 'PulseAsked', {
        ...refOf(rel),
        pulseId: pulse.id,
        askedBy: pulse.askedBy,
        askedAt: pulse.askedAt.toISOString(),
      });
      return toPulse(pulse, [], () => true);
    });
  }

  async answer(ctx: SubgraphContext, pulseId: string, input: PulseAnswerInput): Promise<Pulse> {
    requirePrincipal(ctx);
    // an unknown pulse and another relationship's answer alike as NOT_FOUND
    const found = await this.repo.byId(pulseId).catch(() => null);
    if (!found) throw NotFound('Pulse');
    const { principal, viewer } = await this.relationships.require(ctx, found.relationshipId, PARTNERS);
    const e = new FieldErrors();
    if (!Number.isInteger(input.score) || input.score < 1 || input.score > 5)
      e.add('input.score', 'OUT_OF_RANGE', 'Choose a score from 1 to 5.');
    const note = input.note?.trim() || null;
    if (note && note.length > MAX_NOTE) e.add('input.note', 'TOO_LONG', `At most ${MAX_NOTE} characters.`);
    e.throwIfAny();
    return this.db.transaction(async (tx) => {
      const rel = (await this.relationshipRepo.lock(tx, found.relationshipId))!;
      const pulse = (await this.repo.byId(pulseId, tx))!;
      if (pulse.closedAt) throw refuse('pulseId', 'ALREADY_ANSWERED', 'You already answered this check-in.');
      if (rel.status !== 'ACTIVE') throw refuse('pulseId', 'INVALID_STATE', 'The relationship is no longer active.');
      const before = await this.repo.answersOfPulse(tx, pulseId);
      if (before.some((a) => a.respondentId === principal.userId))
        throw refuse('pulseId', 'ALREADY_ANSWERED', 'You already answered this check-in.');
      const now = this.clock();
      const role = viewer as Extract<RelationshipViewer, 'MENTEE' | 'MENTOR'>;
      await this.repo.insertAnswer(tx, {
        pulseId,
        respondentId: principal.userId,
        role,
        score: input.score,
        note,
        answeredAt: now,
      });
      if (before.length + 1 >= 2) await this.repo.close(tx, pulseId, now);
      await this.events.publish(tx, 'PulseAnswered', {
        ...refOf(rel),
        pulseId,
        respondentId: principal.userId,
        respondentRole: role,
        score: input.score,
        answeredAt: now.toISOString(),
      });
      await this.coaching.reevaluate(tx, rel, now);
      const after = await this.repo.answersOfPulse(tx, pulseId);
      const closed = before.length + 1 >= 2 ? now : null;
      return toPulse({ ...pulse, closedAt: closed }, after, (a) => a.respondentId === principal.userId);
    });
  }
}
