/** What questions do with identity's events: an erased person's questions and answers lose their words. */
import { consumers } from '@tandem/subgraph-kit';
import type { MentorQuestionRepository } from './mentor-question.repository';

export interface MentorQuestionDeps {
  questionRows: MentorQuestionRepository;
}

export const mentorQuestionConsumers = consumers<MentorQuestionDeps>({
  UserErased: async ({ payload }, tx, { questionRows }) => questionRows.eraseWordsOf(tx, payload.userId),
});
