import { Refusal, type Tx } from '@tandem/subgraph-kit';
import { orientationRefusal } from './orientation.rules';
import type { ParticipantsRepository } from './participants.repository';

/**
 * Refuses (ORIENTATION_REQUIRED on `field`) the step that would start this pair's relationship while the
 * programme's orientation is outstanding for either of them: accepting a request, confirming a proposal.
 */
export async function requireOrientationAttended(
  participants: ParticipantsRepository,
  tx: Tx,
  field: string,
  pair: { programmeId: string; mentorId: string; menteeId: string },
): Promise<void> {
  const outstanding = await participants.orientationOutstanding(tx, pair.programmeId, pair.mentorId, pair.menteeId);
  const refusal = orientationRefusal(field, outstanding);
  if (refusal) throw new Refusal([refusal]);
}
