import type { EventPayloads } from '@tandem/contracts';
import type { Queryable, Tx } from '@tandem/subgraph-kit';

/**
 * The read model of identity's profiles that relationships needs (`person_profile`): a person's time zone (the zone
 * a meeting they log is local to when they name none) and a mentor's capacity (how many mentees at once). Kept from
 * MentorProfileChanged and MenteeProfileChanged, and the zone chosen on the account from UserTimeZoneChanged (which
 * wins), each part newest first (events may arrive out of order).
 */
export class PersonProfileRepository {
  /** A mentor's profile: their capacity and time zone. */
  async mentorChanged(tx: Tx, p: EventPayloads['MentorProfileChanged']): Promise<void> {
    await tx.execute(
      `INSERT INTO person_profile (user_id, mentor_capacity, mentor_changed_at) VALUES ($1, $2, $3)
       ON CONFLICT (user_id) DO UPDATE SET mentor_capacity = EXCLUDED.mentor_capacity, mentor_changed_at = EXCLUDED.mentor_changed_at
       WHERE person_profile.mentor_changed_at IS NULL OR person_profile.mentor_changed_at <= EXCLUDED.mentor_changed_at`,
      [p.userId, Math.max(0, p.capacity ?? 0), p.changedAt],
    );
    await this.timeZoneChanged(tx, p.userId, p.timeZone, p.changedAt);
  }

  /** A mentee's profile: their time zone. */
  async menteeChanged(tx: Tx, p: EventPayloads['MenteeProfileChanged']): Promise<void> {
    await this.timeZoneChanged(tx, p.userId, p.timeZone, p.changedAt);
  }

  private async timeZoneChanged(tx: Tx, userId: string, timeZone: string | null, at: string): Promise<void> {
    await tx.execute(
      `INSERT INTO person_profile (user_id, time_zone, time_zone_changed_at) VALUES ($1, $2, $3)
       ON CONFLICT (user_id) DO UPDATE SET time_zone = EXCLUDED.time_zone, time_zone_changed_at = EXCLUDED.time_zone_changed_at
       WHERE person_profile.time_zone_changed_at IS NULL OR person_profile.time_zone_changed_at <= EXCLUDED.time_zone_changed_at`,
      [userId, timeZone, at],
    );
  }

  /** The zone the person chose on their account (newest choice wins; it overrides their profile's zone). */
  async chosenTimeZone(tx: Tx, p: EventPayloads['UserTimeZoneChanged']): Promise<void> {
    await tx.execute(
      `INSERT INTO person_profile (user_id, chosen_time_zone, chosen_time_zone_at) VALUES ($1, $2, $3)
       ON CONFLICT (user_id) DO UPDATE SET chosen_time_zone = EXCLUDED.chosen_time_zone, chosen_time_zone_at = EXCLUDED.chosen_time_zone_at
       WHERE person_profile.chosen_time_zone_at IS NULL OR person_profile.chosen_time_zone_at <= EXCLUDED.chosen_time_zone_at`,
      [p.userId, p.timeZone, p.changedAt],
    );
  }

  /** The language the person saved on their account (newest choice wins). */
  async languageChanged(tx: Tx, p: EventPayloads['UserLanguageChanged']): Promise<void> {
    await tx.execute(
      `INSERT INTO person_profile (user_id, language, language_at) VALUES ($1, $2, $3)
       ON CONFLICT (user_id) DO UPDATE SET language = EXCLUDED.language, language_at = EXCLUDED.language_at
       WHERE person_profile.language_at IS NULL OR person_profile.language_at <= EXCLUDED.language_at`,
      [p.userId, p.language, p.changedAt],
    );
  }

  /** The person's saved language, or null while unknown. */
  async language(on: Queryable, userId: string): Promise<'en' | 'fr-CA' | null> {
    const row = await on.one<{ language: 'en' | 'fr-CA' | null }>(
      `SELECT language FROM person_profile WHERE user_id = $1`,
      [userId],
    );
    return row?.language ?? null;
  }

  /** The person's time zone (the one they chose, else their profile's), or null while unknown. */
  async timeZone(on: Queryable, userId: string): Promise<string | null> {
    const row = await on.one<{ timeZone: string | null }>(
      `SELECT COALESCE(chosen_time_zone, time_zone) AS "timeZone" FROM person_profile WHERE user_id = $1`,
      [userId],
    );
    return row?.timeZone ?? null;
  }

  /** The mentor's capacity, or null while their profile has not arrived. */
  async mentorCapacity(on: Queryable, userId: string): Promise<number | null> {
    const row = await on.one<{ capacity: number | null }>(
      `SELECT mentor_capacity AS capacity FROM person_profile WHERE user_id = $1`,
      [userId],
    );
    return row?.capacity ?? null;
  }

  /** Erasure: the profile facts go (the time zone is personal data). */
  async erase(tx: Tx, userId: string): Promise<void> {
    await tx.execute(`DELETE FROM person_profile WHERE user_id = $1`, [userId]);
  }
}
