import type { EntityManager } from 'typeorm';

/** Drops what a person wrote when they erase their account (UserErased); ids stay, as they are pseudonymous. */
export class UserErasureRepository {
  async erase(manager: EntityManager, userId: string): Promise<void> {
    await manager.query(`DELETE FROM meeting_note WHERE author_id = $1`, [userId]);
    await manager.query(`UPDATE message SET body = '' WHERE author_id = $1`, [userId]);
    await manager.query(`UPDATE feedback SET comments = NULL WHERE respondent_id = $1`, [userId]);
    await manager.query(`UPDATE goal_progress SET note = '' WHERE author_id = $1`, [userId]);
  }
}
