import type { Tx } from '@tandem/subgraph-kit';

/** Mentor load: active relationships and held seats per mentor, and the lock that serialises acceptances. */
export class MentorLoadRepository {
  /** Recomputes a mentor's load from the relationship set and pending matches, and their search eligibility. */
  async refresh(tx: Tx, mentorId: string): Promise<void> {
    await tx.execute(
      `INSERT INTO mentor_load (user_id, active_mentees, capacity, pending_matches)
       SELECT $1::uuid,
              (SELECT count(*) FROM mentor_relationship WHERE mentor_id = $1 AND active),
              COALESCE((SELECT capacity FROM mentor_profile WHERE user_id = $1), 1),
              (SELECT count(*) FROM confirmed_match WHERE mentor_id = $1 AND NOT started)
       ON CONFLICT (user_id) DO UPDATE SET active_mentees = EXCLUDED.active_mentees, capacity = EXCLUDED.capacity, pending_matches = EXCLUDED.pending_matches`,
      [mentorId],
    );
    await tx.execute(
      `UPDATE mentor_profile p SET has_capacity = (l.active_mentees + l.pending_matches < l.capacity)
       FROM mentor_load l WHERE l.user_id = p.user_id AND p.user_id = $1 AND p.has_capacity IS DISTINCT FROM (l.active_mentees + l.pending_matches < l.capacity)`,
      [mentorId],
    );
  }

  /**
   * Locks the mentor's load row for the rest of the transaction (concurrent acceptances queue here) and
   * returns the seats in use (active relationships + confirmed matches not started yet) and the capacity.
   */
  async lock(tx: Tx, mentorId: string): Promise<{ used: number; capacity: number }> {
    await tx.execute(
      `INSERT INTO mentor_load (user_id, capacity) VALUES ($1, COALESCE((SELECT capacity FROM mentor_profile WHERE user_id = $1), 1)) ON CONFLICT (user_id) DO NOTHING`,
      [mentorId],
    );
    await tx.query(`SELECT user_id FROM mentor_load WHERE user_id = $1 FOR UPDATE`, [mentorId]);
    // counted inside the lock, from the source sets, so a match confirmed by the transaction before ours is seen
    const row = await tx.one<{ used: number; capacity: number }>(
      `SELECT (SELECT count(*) FROM mentor_relationship WHERE mentor_id = $1 AND active)::int
            + (SELECT count(*) FROM confirmed_match WHERE mentor_id = $1 AND NOT started)::int AS used,
              COALESCE((SELECT capacity FROM mentor_profile WHERE user_id = $1), (SELECT capacity FROM mentor_load WHERE user_id = $1)) AS capacity`,
      [mentorId],
    );
    return { used: Number(row!.used), capacity: Number(row!.capacity) };
  }

  /** Records a confirmed match holding one of the mentor's seats until its relationship starts. */
  async holdSeat(
    tx: Tx,
    m: { matchId: string; source: string; mentorId: string; menteeId: string; programmeId: string; confirmedAt: Date },
  ): Promise<void> {
    await tx.execute(
      `INSERT INTO confirmed_match (match_id, source, mentor_id, mentee_id, programme_id, confirmed_at) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (match_id) DO NOTHING`,
      [m.matchId, m.source, m.mentorId, m.menteeId, m.programmeId, m.confirmedAt],
    );
    await this.refresh(tx, m.mentorId);
  }

  /** A relationship started: it counts (unless its end was seen first), and the seat its match held is now it. */
  async relationshipStarted(
    tx: Tx,
    r: { relationshipId: string; mentorId: string; menteeId: string; matchId: string | null },
  ): Promise<void> {
    // an end seen first keeps the relationship ended
    await tx.execute(
      `INSERT INTO mentor_relationship (relationship_id, mentor_id, mentee_id, match_id, active) VALUES ($1, $2, $3, $4, true)
       ON CONFLICT (relationship_id) DO UPDATE SET match_id = EXCLUDED.match_id`,
      [r.relationshipId, r.mentorId, r.menteeId, r.matchId],
    );
    if (r.matchId) await tx.execute(`UPDATE confirmed_match SET started = true WHERE match_id = $1`, [r.matchId]);
    await this.refresh(tx, r.mentorId);
  }

  /** A relationship ended (completed or withdrawn): it no longer counts, whenever its start arrives. */
  async relationshipEnded(tx: Tx, r: { relationshipId: string; mentorId: string; menteeId: string }): Promise<void> {
    await tx.execute(
      `INSERT INTO mentor_relationship (relationship_id, mentor_id, mentee_id, active) VALUES ($1, $2, $3, false)
       ON CONFLICT (relationship_id) DO UPDATE SET active = false`,
      [r.relationshipId, r.mentorId, r.menteeId],
    );
    await this.refresh(tx, r.mentorId);
  }
}
