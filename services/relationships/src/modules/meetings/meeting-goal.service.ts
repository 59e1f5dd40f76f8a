import { refuse, rowsLoader, uuids, type Database, type SubgraphContext } from '@tandem/subgraph-kit';
import type { GoalRepository } from '../goals/goal.repository';
import { toGoal, type Goal } from '../goals/goal.type';
import type { MeetingGoalRepository, MeetingGoalRow } from './meeting-goal.repository';
import type { MeetingRepository } from './meeting.repository';
import type { MeetingService } from './meeting.service';
import { toMeeting, type Meeting } from './meeting.type';

/**
 * The line from goal to meeting: which goals of its relationship a meeting worked on (set by a partner while the
 * meeting awaits confirmation; fixed once both confirmed, like the rest of the meeting), and, per goal, the
 * meetings that worked on it.
 */
export class MeetingGoalService {
  constructor(
    private readonly repo: MeetingGoalRepository,
    private readonly meetingRepo: MeetingRepository,
    private readonly goalRepo: GoalRepository,
    private readonly meetings: MeetingService,
    private readonly db: Database,
  ) {}

  /** A partner says which goals the meeting worked on (replacing the previous list). */
  async setGoals(ctx: SubgraphContext, meetingId: string, goalIds: readonly string[]): Promise<Meeting> {
    const found = await this.meetings.ofPartner(ctx, meetingId);
    return this.db.transaction(async (tx) => {
      const meeting = (await this.meetingRepo.lock(tx, found.id))!;
      if (meeting.status !== 'AWAITING_CONFIRMATION')
        throw refuse(
          'meetingId',
          'NOT_EDITABLE',
          'The goals of a meeting change only while it awaits confirmation; correct a confirmed one with an amendment.',
        );
      const wanted = [...new Set(goalIds)];
      const known = new Set(await this.repo.goalsOfRelationship(tx, meeting.relationshipId, uuids(wanted)));
      const foreign = wanted.findIndex((id) => !known.has(id));
      if (foreign >= 0)
        throw refuse(`goalIds.${foreign}`, 'NOT_IN_RELATIONSHIP', 'This goal is not a goal of the relationship.');
      await this.repo.replace(tx, meeting.id, wanted);
      return toMeeting(meeting);
    });
  }

  /** The goals a meeting the caller may see worked on (batched per request). */
  async goalsOf(ctx: SubgraphContext, meetingId: string): Promise<Goal[]> {
    const loader = rowsLoader(
      ctx,
      'meetingGoals:byMeeting',
      (r: MeetingGoalRow) => r.meetingId,
      (ids) => this.repo.forMeetings(ids),
    );
    const links = await loader.load(meetingId);
    if (!links.length) return [];
    return (await this.goalRepo.byIds(links.map((l) => l.goalId))).map(toGoal);
  }

  /** The meetings (not superseded) that worked on a goal the caller may see, in the log's order (batched per request). */
  async meetingsOf(ctx: SubgraphContext, goalId: string): Promise<Meeting[]> {
    const loader = rowsLoader(
      ctx,
      'meetingGoals:byGoal',
      (r: MeetingGoalRow) => r.goalId,
      (ids) => this.repo.forGoals(ids),
    );
    const links = await loader.load(goalId);
    if (!links.length) return [];
    const rows = new Map((await this.meetingRepo.byIds(links.map((l) => l.meetingId))).map((m) => [m.id, m]));
    return links.flatMap((l) => (rows.has(l.meetingId) ? [toMeeting(rows.get(l.meetingId)!)] : []));
  }
}
