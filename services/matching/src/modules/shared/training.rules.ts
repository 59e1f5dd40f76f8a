/** The programme's training rule at the steps it gates (pure; the refusal names the module to complete). */
import { fieldError, type FieldError } from '@tandem/subgraph-kit';

/** The titles of the required modules each of a pair has still to complete before their relationship may start. */
export interface TrainingOutstanding {
  mentor: string[];
  mentee: string[];
}

const titles = (list: string[]) => list.map((t) => `“${t}”`).join(', ');

/**
 * The refusal, on `field`, while the mentor (the one accepting or confirming) or the mentee has a required training
 * module of the programme outstanding; null when nothing is. Code TRAINING_REQUIRED; the message names the modules.
 */
export function trainingRefusal(field: string, outstanding: TrainingOutstanding): FieldError | null {
  const where = 'Open Training in the app, complete it, then try again.';
  if (outstanding.mentor.length)
    return fieldError(
      field,
      'TRAINING_REQUIRED',
      `Complete the training ${outstanding.mentor.length > 1 ? 'modules' : 'module'} ${titles(outstanding.mentor)} of this programme before starting a relationship. ${where}`,
    );
  if (outstanding.mentee.length)
    return fieldError(
      field,
      'TRAINING_REQUIRED',
      `The mentee must complete the training ${outstanding.mentee.length > 1 ? 'modules' : 'module'} ${titles(outstanding.mentee)} of this programme before the relationship can start.`,
    );
  return null;
}

/**
 * SQL (for repositories) true while the mentor in `userColumn` has a BEFORE_VISIBLE module outstanding in a programme
 * they are enrolled in as MENTOR, or in `programmeParam` (a placeholder, or NULL) when given: such a mentor is not
 * shown in search, cohort matching, requests or proposals.
 */
export function trainingHiddenSql(userColumn: string, programmeParam = 'NULL'): string {
  return `EXISTS (SELECT 1 FROM training_requirement tr WHERE tr.gate = 'BEFORE_VISIBLE' AND tr.audience IN ('MENTOR', 'BOTH')
    AND (tr.programme_id = ${programmeParam}::uuid OR EXISTS (SELECT 1 FROM enrolment te
      WHERE te.user_id = ${userColumn} AND te.role = 'MENTOR' AND te.programme_id = tr.programme_id))
    AND NOT EXISTS (SELECT 1 FROM training_completed tc WHERE tc.user_id = ${userColumn} AND tc.module_id = tr.module_id))`;
}
