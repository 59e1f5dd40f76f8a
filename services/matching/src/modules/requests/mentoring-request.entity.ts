/** A mentoring request row. */
export interface MentoringRequestRow {
  id: string;
  mentee_id: string;
  mentor_id: string;
  programme_id: string;
  organization_id: string | null;
  message: string;
  status: MentoringRequestStatus;
  decline_reason: string | null;
  sent_at: Date;
  expires_at: Date;
  reminded_at: Date | null;
  responded_at: Date | null;
  mentee_enrolled_at: Date | null;
}

export const MENTORING_REQUEST_STATUSES = ['PENDING', 'ACCEPTED', 'DECLINED', 'WITHDRAWN', 'EXPIRED'] as const;
export type MentoringRequestStatus = (typeof MENTORING_REQUEST_STATUSES)[number];

/** A message of the thread on a pending request. */
export interface MentoringRequestMessageRow {
  id: string;
  request_id: string;
  author_id: string;
  body: string;
  posted_at: Date;
}
