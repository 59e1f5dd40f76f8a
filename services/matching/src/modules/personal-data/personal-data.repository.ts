import type { Database } from '@tandem/subgraph-kit';
import { proposalColumns, type MatchProposalRow } from '../proposals/match-proposal.repository';
import { questionColumns, type MentorQuestionRow } from '../questions/mentor-question.repository';
import {
  requestColumns,
  requestMessageColumns,
  type MentoringRequestEditRow,
  type MentoringRequestMessageRow,
  type MentoringRequestRow,
} from '../requests/mentoring-request.repository';

export interface MentorLoadRow {
  userId: string;
  activeMentees: number;
  capacity: number;
  pendingMatches: number;
}

/** Everything matching itself records about a set of people (its read models of other subgraphs' data are left out). */
export interface MatchingRecords {
  questions: MentorQuestionRow[];
  requests: Array<MentoringRequestRow & { programmeName: string | null }>;
  messages: MentoringRequestMessageRow[];
  edits: MentoringRequestEditRow[];
  proposals: Array<MatchProposalRow & { programmeName: string | null }>;
  loads: MentorLoadRow[];
}

/** Reads the questions, requests with their threads, proposals and mentor load of people, for their personal data export. */
export class PersonalDataRepository {
  constructor(private readonly db: Database) {}

  /** Six statements whatever the number of people. */
  async collect(userIds: readonly string[]): Promise<MatchingRecords> {
    const ids = [[...userIds]];
    const party = (t: string) => `(${t}.mentee_id = ANY($1::uuid[]) OR ${t}.mentor_id = ANY($1::uuid[]))`;
    const [questions, requests, messages, edits, proposals, loads] = await Promise.all([
      this.db.query<MentorQuestionRow>(
        `SELECT ${questionColumns('q')} FROM mentor_question q WHERE ${party('q')} ORDER BY q.asked_at, q.id`,
        ids,
      ),
      this.db.query<MatchingRecords['requests'][number]>(
        `SELECT ${requestColumns('r')}, p.name AS "programmeName" FROM mentoring_request r LEFT JOIN programme p ON p.id = r.programme_id
         WHERE ${party('r')} ORDER BY r.sent_at, r.id`,
        ids,
      ),
      this.db.query<MentoringRequestMessageRow>(
        `SELECT ${requestMessageColumns('m')} FROM mentoring_request_message m
         WHERE m.request_id IN (SELECT r.id FROM mentoring_request r WHERE ${party('r')}) ORDER BY m.posted_at, m.id`,
        ids,
      ),
      this.db.query<MentoringRequestEditRow>(
        `SELECT e.id, e.request_id AS "requestId", e.previous_message AS "previousMessage", e.edited_at AS "editedAt"
         FROM mentoring_request_edit e
         WHERE e.request_id IN (SELECT r.id FROM mentoring_request r WHERE ${party('r')}) ORDER BY e.edited_at, e.id`,
        ids,
      ),
      this.db.query<MatchingRecords['proposals'][number]>(
        `SELECT ${proposalColumns('x')}, p.name AS "programmeName" FROM match_proposal x LEFT JOIN programme p ON p.id = x.programme_id
         WHERE ${party('x')} ORDER BY x.proposed_at, x.id`,
        ids,
      ),
      this.db.query<MentorLoadRow>(
        `SELECT user_id AS "userId", active_mentees AS "activeMentees", capacity, pending_matches AS "pendingMatches"
         FROM mentor_load WHERE user_id = ANY($1::uuid[])`,
        ids,
      ),
    ]);
    return { questions, requests, messages, edits, proposals, loads };
  }
}
