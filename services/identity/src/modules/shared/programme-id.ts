/** The programme spelling's transition: an input that names a programme under both spellings. */
import { refuse } from '@tandem/subgraph-kit';

/**
 * The programme id given as `programmeId` or as the deprecated `programId`: either one, or both when equal.
 * Both given and different is refused (AMBIGUOUS, on the new field); neither gives null.
 */
export function programmeIdOf(
  given: { programmeId?: string | null; programId?: string | null },
  field: string,
): string | null {
  const { programmeId, programId } = given;
  if (programmeId && programId && programmeId !== programId)
    throw refuse(field, 'AMBIGUOUS', 'Give programmeId only (programId is its former name).');
  return programmeId ?? programId ?? null;
}
