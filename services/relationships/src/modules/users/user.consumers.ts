import { consumers } from '@tandem/subgraph-kit';
import type { UserErasureRepository } from './user-erasure.repository';

/** A person who erased their account: what they wrote here goes. */
export const userConsumers = consumers<{ erasure: UserErasureRepository }>({
  UserErased: (event, tx, { erasure }) => erasure.erase(tx, event.payload.userId),
});
