import { randomUUID } from 'node:crypto';
import {
  decodeCursor,
  encodeCursor,
  fieldError,
  Forbidden,
  loadAll,
  NotFound,
  pageSize,
  requirePrincipal,
  requireRole,
  sliceAndPageInfo,
  type EventBus,
  type SubgraphContext,
  type Transact,
} from '@tandem/subgraph-kit';
import { canSee } from '../shared/access';
import type { ParticipantsRepository } from '../shared/participants.repository';
import type { MentorQuestionRow } from './mentor-question.entity';
import type { MentorQuestionRepository } from './mentor-question.repository';
import {
  toMentorQuestion,
  type MentorQuestion,
  type MentorQuestionConnection,
  type MentorQuestionResult,
} from './mentor-question.type';

type Cursor = { t: string; id: string };
const isCursor = (v: unknown): v is Cursor =>
  !!v && typeof (v as Cursor).t === 'string' && typeof (v as Cursor).id === 'string';

/** Questions to mentors: asked by a mentee, answered by the mentor, seen by the two (and the mentee's coach, admins). */
export class MentorQuestionService {
  constructor(
    private readonly questions: MentorQuestionRepository,
    private readonly participants: ParticipantsRepository,
    private readonly transact: Transact,
    private readonly events: EventBus,
  ) {}

  async ask(ctx: SubgraphContext, mentorId: string, question: string): Promise<MentorQuestionResult> {
    const principal = requireRole(ctx, 'MENTEE');
    const text = question.trim();
    if (!text) return { question: null, errors: [fieldError('question', 'REQUIRED', 'Write your question.')] };
    if (text.length > 4000)
      return { question: null, errors: [fieldError('question', 'TOO_LONG', 'Keep it under 4000 characters.')] };
    if (mentorId === principal.userId)
      return { question: null, errors: [fieldError('mentorId', 'SELF', 'You cannot ask yourself.')] };
    return this.transact(async (manager) => {
      const mentor = await this.participants.mentor(manager, mentorId);
      if (!mentor || mentor.status !== 'APPROVED')
        return {
          question: null,
          errors: [fieldError('mentorId', 'MENTOR_UNAVAILABLE', 'This mentor cannot be asked.')],
        };
      const mentee = await this.participants.mentee(manager, principal.userId);
      const row = await this.questions.insert(manager, {
        id: randomUUID(),
        mentee_id: principal.userId,
        mentor_id: mentorId,
        organization_id: mentee?.organization_id ?? principal.organizationId,
        question: text,
        asked_at: new Date(),
      });
      await this.events.publish(manager, 'MentorQuestionAsked', {
        questionId: row.id,
        menteeId: row.mentee_id,
        mentorId,
        askedAt: row.asked_at.toISOString(),
      });
      return { question: toMentorQuestion(row), errors: [] };
    });
  }

  async answer(ctx: SubgraphContext, questionId: string, answer: string): Promise<MentorQuestionResult> {
    const principal = requirePrincipal(ctx);
    const row = await this.visible(ctx, questionId);
    if (row.mentor_id !== principal.userId) throw Forbidden('Only the mentor asked can answer.');
    const text = answer.trim();
    if (!text) return { question: null, errors: [fieldError('answer', 'REQUIRED', 'Write your answer.')] };
    return this.transact(async (manager) => {
      const updated = await this.questions.answer(manager, questionId, text, new Date());
      await this.events.publish(manager, 'MentorQuestionAnswered', {
        questionId,
        menteeId: row.mentee_id,
        mentorId: row.mentor_id,
        answeredAt: updated.answered_at!.toISOString(),
      });
      return { question: toMentorQuestion(updated), errors: [] };
    });
  }

  async get(ctx: SubgraphContext, id: string): Promise<MentorQuestion> {
    requirePrincipal(ctx);
    return toMentorQuestion(await this.visible(ctx, id));
  }

  async list(ctx: SubgraphContext, first: number | null, after: string | null): Promise<MentorQuestionConnection> {
    const principal = requirePrincipal(ctx);
    const size = pageSize(first);
    const cursor = decodeCursor(after, isCursor);
    const rows = await this.questions.list(principal, cursor, size);
    const page = sliceAndPageInfo(rows, size, (r) => encodeCursor({ t: r.asked_at.toISOString(), id: r.id }), !!cursor);
    return {
      edges: page.nodes.map((r, i) => ({ cursor: page.cursors[i], node: toMentorQuestion(r) })),
      pageInfo: page.pageInfo,
    };
  }

  /** Batched, access-checked lookup: what the caller may not see is null. */
  async load(ctx: SubgraphContext, ids: readonly string[]): Promise<Array<MentorQuestionRow | null>> {
    const rows = await loadAll(
      ctx.loaders.get<string, MentorQuestionRow | null>('questions:byId', async (keys) => {
        const found = new Map((await this.questions.findByIds(keys)).map((r) => [r.id, r]));
        return keys.map((k) => found.get(k) ?? null);
      }),
      ids,
    );
    return rows.map((r) =>
      r && canSee(ctx.principal, { menteeId: r.mentee_id, mentorId: r.mentor_id, organizationId: r.organization_id })
        ? r
        : null,
    );
  }

  private async visible(ctx: SubgraphContext, id: string): Promise<MentorQuestionRow> {
    const [row] = await this.load(ctx, [id]);
    if (!row) throw NotFound('Question');
    return row;
  }
}
