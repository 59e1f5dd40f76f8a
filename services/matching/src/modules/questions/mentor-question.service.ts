import { randomUUID } from 'node:crypto';
import {
  Forbidden,
  isTimeIdCursor,
  loadAll,
  NotFound,
  outcome,
  readPage,
  refuse,
  requirePrincipal,
  requireRole,
  rowLoader,
  toConnection,
  type Database,
  type EventBus,
  type SubgraphContext,
} from '@tandem/subgraph-kit';
import { canSee } from '../shared/access';
import type { ParticipantsRepository } from '../shared/participants.repository';
import type { MentorQuestionRepository, MentorQuestionRow } from './mentor-question.repository';
import {
  toMentorQuestion,
  type MentorQuestion,
  type MentorQuestionConnection,
  type MentorQuestionResult,
} from './mentor-question.type';

/** Questions to mentors: asked by a mentee, answered by the mentor, seen by the two (and the mentee's coach, admins). */
export class MentorQuestionService {
  constructor(
    private readonly questions: MentorQuestionRepository,
    private readonly participants: ParticipantsRepository,
    private readonly db: Database,
    private readonly events: EventBus,
  ) {}

  async ask(ctx: SubgraphContext, mentorId: string, question: string): Promise<MentorQuestionResult> {
    const principal = requireRole(ctx, 'MENTEE');
    return outcome('question', async () => {
      const text = question.trim();
      if (!text) throw refuse('question', 'REQUIRED', 'Write your question.');
      if (text.length > 4000) throw refuse('question', 'TOO_LONG', 'Keep it under 4000 characters.');
      if (mentorId === principal.userId) throw refuse('mentorId', 'SELF', 'You cannot ask yourself.');
      return this.db.transaction(async (tx) => {
        const mentor = await this.participants.mentor(tx, mentorId);
        if (!mentor || mentor.status !== 'APPROVED')
          throw refuse('mentorId', 'MENTOR_UNAVAILABLE', 'This mentor cannot be asked.');
        const mentee = await this.participants.mentee(tx, principal.userId);
        const row = await this.questions.insert(tx, {
          id: randomUUID(),
          menteeId: principal.userId,
          mentorId,
          organizationId: mentee?.organizationId ?? principal.organizationId,
          question: text,
          askedAt: new Date(),
        });
        await this.events.publish(tx, 'MentorQuestionAsked', {
          questionId: row.id,
          menteeId: row.menteeId,
          mentorId,
          askedAt: row.askedAt.toISOString(),
        });
        return toMentorQuestion(row);
      });
    });
  }

  async answer(ctx: SubgraphContext, questionId: string, answer: string): Promise<MentorQuestionResult> {
    const principal = requirePrincipal(ctx);
    const row = await this.visible(ctx, questionId);
    if (row.mentorId !== principal.userId) throw Forbidden('Only the mentor asked can answer.');
    return outcome('question', async () => {
      const text = answer.trim();
      if (!text) throw refuse('answer', 'REQUIRED', 'Write your answer.');
      return this.db.transaction(async (tx) => {
        const updated = await this.questions.answer(tx, questionId, text, new Date());
        await this.events.publish(tx, 'MentorQuestionAnswered', {
          questionId,
          menteeId: row.menteeId,
          mentorId: row.mentorId,
          answeredAt: updated.answeredAt!.toISOString(),
        });
        return toMentorQuestion(updated);
      });
    });
  }

  async get(ctx: SubgraphContext, id: string): Promise<MentorQuestion> {
    requirePrincipal(ctx);
    return toMentorQuestion(await this.visible(ctx, id));
  }

  async list(ctx: SubgraphContext, first: number | null, after: string | null): Promise<MentorQuestionConnection> {
    const principal = requirePrincipal(ctx);
    const page = readPage({ first, after }, isTimeIdCursor);
    const rows = await this.questions.list(principal, page.after, page.size);
    return toConnection(
      rows,
      page,
      (r) => [r.askedAt.toISOString(), r.id],
      toMentorQuestion,
      () => this.questions.count(principal),
    );
  }

  /** Batched, access-checked lookup: what the caller may not see is null. */
  async load(ctx: SubgraphContext, ids: readonly string[]): Promise<Array<MentorQuestionRow | null>> {
    const rows = await loadAll(
      rowLoader(
        ctx,
        'questions:byId',
        (r: MentorQuestionRow) => r.id,
        (keys) => this.questions.findByIds(keys),
      ),
      ids,
    );
    return rows.map((r) => (r && canSee(ctx.principal, r) ? r : null));
  }

  private async visible(ctx: SubgraphContext, id: string): Promise<MentorQuestionRow> {
    const [row] = await this.load(ctx, [id]);
    if (!row) throw NotFound('Question');
    return row;
  }
}
