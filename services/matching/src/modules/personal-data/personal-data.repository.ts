import type { DataSource } from 'typeorm';
import type { MatchProposalRow } from '../proposals/match-proposal.entity';
import type { MentorQuestionRow } from '../questions/mentor-question.entity';
import type { MentoringRequestMessageRow, MentoringRequestRow } from '../requests/mentoring-request.entity';

export interface MentorLoadRow {
  user_id: string;
  active_mentees: number;
  capacity: number;
  pending_matches: number;
}

/** Everything matching itself records about a set of people (its read models of other subgraphs' data are left out). */
export interface MatchingRecords {
  questions: MentorQuestionRow[];
  requests: Array<MentoringRequestRow & { programme_name: string | null }>;
  messages: MentoringRequestMessageRow[];
  proposals: Array<MatchProposalRow & { programme_name: string | null }>;
  loads: MentorLoadRow[];
}

/** Reads the questions, requests with their threads, proposals and mentor load of people, for their personal data export. */
export class PersonalDataRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Five statements whatever the number of people. */
  async collect(userIds: readonly string[]): Promise<MatchingRecords> {
    const ids = [[...userIds]];
    const party = `(mentee_id = ANY($1::uuid[]) OR mentor_id = ANY($1::uuid[]))`;
    const [questions, requests, messages, proposals, loads] = await Promise.all([
      this.dataSource.query(`SELECT * FROM mentor_question WHERE ${party} ORDER BY asked_at, id`, ids),
      this.dataSource.query(
        `SELECT r.*, p.name AS programme_name FROM mentoring_request r LEFT JOIN programme p ON p.id = r.programme_id
        WHERE ${party.replace(/mentee_id/g, 'r.mentee_id').replace(/mentor_id/g, 'r.mentor_id')} ORDER BY r.sent_at, r.id`,
        ids,
      ),
      this.dataSource.query(
        `SELECT m.* FROM mentoring_request_message m
        WHERE m.request_id IN (SELECT id FROM mentoring_request WHERE ${party}) ORDER BY m.posted_at, m.id`,
        ids,
      ),
      this.dataSource.query(
        `SELECT x.*, p.name AS programme_name FROM match_proposal x LEFT JOIN programme p ON p.id = x.programme_id
        WHERE ${party.replace(/mentee_id/g, 'x.mentee_id').replace(/mentor_id/g, 'x.mentor_id')} ORDER BY x.proposed_at, x.id`,
        ids,
      ),
      this.dataSource.query(
        `SELECT user_id, active_mentees, capacity, pending_matches FROM mentor_load WHERE user_id = ANY($1::uuid[])`,
        ids,
      ),
    ]);
    return { questions, requests, messages, proposals, loads };
  }
}
