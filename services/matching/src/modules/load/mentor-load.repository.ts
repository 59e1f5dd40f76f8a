import type { EntityManager } from 'typeorm';

/** Mentor load: active relationships and held seats per mentor, and the lock that serialises acceptances. */
export class MentorLoadRepository {
  /** Recomputes a mentor's load from the relationship set and pending matches, and their search eligibility. */
  async refresh(manager: EntityManager, mentorId: string): Promise<void> {
    await manager.query(
      `INSERT INTO mentor_load (user_id, active_mentees, capacity, pending_matches)
       SELECT $1::uuid,
              (SELECT count(*) FROM mentor_relationship WHERE mentor_id = $1 AND active),
              COALESCE((SELECT capacity FROM mentor_profile WHERE user_id = $1), 1),
              (SELECT count(*) FROM confirmed_match WHERE mentor_id = $1 AND NOT started)
       ON CONFLICT (user_id) DO UPDATE SET active_mentees = EXCLUDED.active_mentees, capacity = EXCLUDED.capacity, pending_matches = EXCLUDED.pending_matches`,
      [mentorId],
    );
    await manager.query(
      `UPDATE mentor_profile p SET has_capacity = (l.active_mentees + l.pending_matches < l.capacity)
       FROM mentor_load l WHERE l.user_id = p.user_id AND p.user_id = $1 AND p.has_capacity IS DISTINCT FROM (l.active_mentees + l.pending_matches < l.capacity)`,
      [mentorId],
    );
  }

  /**
   * Locks the mentor's load row for the rest of the transaction (concurrent acceptances queue here) and
   * returns the seats in use (active relationships + confirmed matches not started yet) and the capacity.
   */
  async lock(manager: EntityManager, mentorId: string): Promise<{ used: number; capacity: number }> {
    await manager.query(
      `INSERT INTO mentor_load (user_id, capacity) VALUES ($1, COALESCE((SELECT capacity FROM mentor_profile WHERE user_id = $1), 1)) ON CONFLICT (user_id) DO NOTHING`,
      [mentorId],
    );
    await manager.query(`SELECT user_id FROM mentor_load WHERE user_id = $1 FOR UPDATE`, [mentorId]);
    // counted inside the lock, from the source sets, so a match confirmed by the transaction before ours is seen
    const [row] = await manager.query(
      `SELECT (SELECT count(*) FROM mentor_relationship WHERE mentor_id = $1 AND active)::int
            + (SELECT count(*) FROM confirmed_match WHERE mentor_id = $1 AND NOT started)::int AS used,
              COALESCE((SELECT capacity FROM mentor_profile WHERE user_id = $1), (SELECT capacity FROM mentor_load WHERE user_id = $1)) AS capacity`,
      [mentorId],
    );
    return { used: Number(row.used), capacity: Number(row.capacity) };
  }

  /** Records a confirmed match holding one of the mentor's seats until its relationship starts. */
  async holdSeat(
    manager: EntityManager,
    m: { matchId: string; source: string; mentorId: string; menteeId: string; programmeId: string; confirmedAt: Date },
  ): Promise<void> {
    await manager.query(
      `INSERT INTO confirmed_match (match_id, source, mentor_id, mentee_id, programme_id, confirmed_at) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (match_id) DO NOTHING`,
      [m.matchId, m.source, m.mentorId, m.menteeId, m.programmeId, m.confirmedAt],
    );
    await this.refresh(manager, m.mentorId);
  }

  /** Active mentees per user (the skeleton's User.activeMentees). */
  async activeMentees(manager: EntityManager, userIds: readonly string[]): Promise<Map<string, number>> {
    const rows: Array<{ user_id: string; value: number }> = await manager.query(
      `SELECT user_id, active_mentees AS value FROM mentor_load WHERE user_id = ANY($1::uuid[])`,
      [userIds],
    );
    return new Map(rows.map((r) => [r.user_id, Number(r.value)]));
  }
}
