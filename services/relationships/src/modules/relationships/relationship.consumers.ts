import { consumers } from '@tandem/subgraph-kit';
import type { RelationshipLifecycleService } from './relationship-lifecycle.service';
import type { RelationshipRepository } from './relationship.repository';

/** A confirmed match starts a relationship; a programme's new duration moves the planned ends of its running ones. */
export const relationshipConsumers = consumers<{
  lifecycle: RelationshipLifecycleService;
  relationshipRepo: RelationshipRepository;
}>({
  MatchConfirmed: (event, tx, { lifecycle }) => lifecycle.startFromMatch(tx, event.payload),
  // runs after the programmes module stored the change (listed first), from the read model it keeps
  ProgrammeChanged: (event, tx, { relationshipRepo }) => relationshipRepo.replanEnds(tx, event.payload.programmeId),
});
