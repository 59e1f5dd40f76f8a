/** What requests do with identity's events: an erased person's request messages and thread posts lose their words. */
import { consumers } from '@tandem/subgraph-kit';
import type { MentoringRequestRepository } from './mentoring-request.repository';

export interface MentoringRequestDeps {
  requestRows: MentoringRequestRepository;
}

export const mentoringRequestConsumers = consumers<MentoringRequestDeps>({
  UserErased: async ({ payload }, tx, { requestRows }) => requestRows.eraseWordsOf(tx, payload.userId),
});
