import { Refusal, type Tx } from '@tandem/subgraph-kit';
import type { ParticipantsRepository } from './participants.repository';
import { trainingRefusal } from './training.rules';

/**
 * Refuses (TRAINING_REQUIRED) the step that would start this pair's relationship while a required training module
 * of the programme is outstanding for either of them: accepting a request, confirming a proposal.
 */
export async function requireTrainingCompleted(
  participants: ParticipantsRepository,
  tx: Tx,
  field: string,
  pair: { programmeId: string; mentorId: string; menteeId: string },
): Promise<void> {
  const outstanding = await participants.trainingOutstanding(tx, pair.programmeId, pair.mentorId, pair.menteeId);
  const refusal = trainingRefusal(field, outstanding);
  if (refusal) throw new Refusal([refusal]);
}
