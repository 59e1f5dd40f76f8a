import { consumers } from '@tandem/subgraph-kit';
import type { ProgrammeRepository } from './programme.repository';

/** Identity's programme changes kept as the read model of terms the relationships run under. */
export const programmeConsumers = consumers<{ programmes: ProgrammeRepository }>({
  ProgrammeChanged: async (event, tx, { programmes }) => void (await programmes.upsert(tx, event.payload)),
});
