/** The programme's orientation rule at the step that starts a relationship (pure; the refusal says what to do). */
import { fieldError, type FieldError } from '@tandem/subgraph-kit';

/** Who of a pair still has to attend orientation: the mentor whenever the programme requires it, the mentee when it says so. */
export interface OrientationOutstanding {
  mentor: boolean;
  mentee: boolean;
}

/**
 * The refusal, on `field`, when the mentor (the one accepting or confirming) or the mentee has not attended the
 * programme's orientation; null when nothing is outstanding. Code ORIENTATION_REQUIRED.
 */
export function orientationRefusal(field: string, outstanding: OrientationOutstanding): FieldError | null {
  const after = 'Their coach or the programme staff record attendance after the session; then try again.';
  if (outstanding.mentor && outstanding.mentee)
    return fieldError(
      field,
      'ORIENTATION_REQUIRED',
      `You and the mentee must both attend an orientation session of this programme before the relationship can start. ${after}`,
    );
  if (outstanding.mentor)
    return fieldError(
      field,
      'ORIENTATION_REQUIRED',
      `Attend an orientation session of this programme before starting a relationship (see your programme's sessions). ${after}`,
    );
  if (outstanding.mentee)
    return fieldError(
      field,
      'ORIENTATION_REQUIRED',
      `The mentee must attend an orientation session of this programme before the relationship can start. ${after}`,
    );
  return null;
}
