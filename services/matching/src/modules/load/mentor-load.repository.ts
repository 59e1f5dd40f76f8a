import type { Tx } from '@tandem/subgraph-kit';

/** Mentor load: active relationships and held seats per mentor, and the lock that serialises acceptances. */
export class MentorLoadRepository {
  /**
   * Recomputes a mentor's load from the relationship set and pending matches, and their search eligibility (none
   * is kept for an erased person, whenever the erasure arrived).
   */
  async refresh(tx: Tx, mentorId: string): Promise<void> {
    await tx.execute(
      `INSERT INTO mentor_load (user_id, active_mentees, capacity, pending_matches)
       SELECT $1::uuid,
              (SELECT count(*) FROM mentor_relationship WHERE mentor_id = $1 AND active),
              COALESCE((SELECT capacity FROM mentor_profile WHERE user_id = $1), 1),
              (SELECT count(*) FROM confirmed_match WHERE mentor_id = $1 AND NOT started)
       WHERE NOT EXISTS (SELECT 1 FROM erased_user WHERE user_id = $1)
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

  /**
   * A relationship's transition on its day: started (it counts), ended (completed or withdrawn: it no longer
   * counts) or continued after a completion (it counts again). The latest transition decides whatever order they
   * arrive in: the start comes before everything, then ends and continuations by day (on one day, an end before a
   * continuation); rows kept before transitions were dated (no day) keep an end seen first.
   */
  async relationshipTransition(
    tx: Tx,
    r: { relationshipId: string; mentorId: string; menteeId: string; matchId?: string | null },
    kind: 'STARTED' | 'ENDED' | 'CONTINUED',
    on: string,
  ): Promise<void> {
    const rank = { STARTED: 0, ENDED: 1, CONTINUED: 2 }[kind];
    await tx.execute(
      `INSERT INTO mentor_relationship (relationship_id, mentor_id, mentee_id, match_id, active, changed_on, changed_rank)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (relationship_id) DO UPDATE SET
         match_id = coalesce(EXCLUDED.match_id, mentor_relationship.match_id),
         active = CASE WHEN (mentor_relationship.changed_on, mentor_relationship.changed_rank) < (EXCLUDED.changed_on, EXCLUDED.changed_rank)
                         OR (mentor_relationship.changed_on IS NULL AND NOT EXCLUDED.active)
                       THEN EXCLUDED.active ELSE mentor_relationship.active END,
         changed_on = CASE WHEN (mentor_relationship.changed_on, mentor_relationship.changed_rank) < (EXCLUDED.changed_on, EXCLUDED.changed_rank)
                         OR mentor_relationship.changed_on IS NULL THEN EXCLUDED.changed_on ELSE mentor_relationship.changed_on END,
         changed_rank = CASE WHEN (mentor_relationship.changed_on, mentor_relationship.changed_rank) < (EXCLUDED.changed_on, EXCLUDED.changed_rank)
                         OR mentor_relationship.changed_on IS NULL THEN EXCLUDED.changed_rank ELSE mentor_relationship.changed_rank END`,
      [
        r.relationshipId,
        r.mentorId,
        r.menteeId,
        r.matchId ?? null,
        kind !== 'ENDED',
        kind === 'STARTED' ? '-infinity' : on,
        rank,
      ],
    );
    // the seat its match held is now the relationship's
    if (r.matchId) await tx.execute(`UPDATE confirmed_match SET started = true WHERE match_id = $1`, [r.matchId]);
    await this.refresh(tx, r.mentorId);
  }

  /** An erased mentor's load goes with their profile. */
  async forget(tx: Tx, userId: string): Promise<void> {
    await tx.execute(`DELETE FROM mentor_load WHERE user_id = $1`, [userId]);
  }
}
