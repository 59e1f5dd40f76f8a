/** A question a mentee asked a mentor. */
export interface MentorQuestionRow {
  id: string;
  mentee_id: string;
  mentor_id: string;
  organization_id: string | null;
  question: string;
  answer: string | null;
  asked_at: Date;
  answered_at: Date | null;
}
