import type { Tx } from '@tandem/subgraph-kit';

/** Writes only, in the consumer's transaction. Drops what a person wrote when they erase their account (UserErased); ids stay, as they are pseudonymous. */
export class UserErasureRepository {
  async erase(tx: Tx, userId: string): Promise<void> {
    await tx.execute(`DELETE FROM meeting_note WHERE author_id = $1`, [userId]);
    await tx.execute(`UPDATE message SET body = '' WHERE author_id = $1`, [userId]);
    await tx.execute(`UPDATE feedback SET comments = NULL WHERE respondent_id = $1`, [userId]);
    await tx.execute(`UPDATE goal_progress SET note = '' WHERE author_id = $1`, [userId]);
    await tx.execute(`UPDATE pulse_answer SET note = NULL WHERE respondent_id = $1`, [userId]);
    // an erased account's calendar feed stops answering
    await tx.execute(`DELETE FROM calendar_feed WHERE user_id = $1`, [userId]);
  }
}
