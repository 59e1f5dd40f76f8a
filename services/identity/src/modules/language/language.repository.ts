import type { Database, Tx } from '@tandem/subgraph-kit';
import { isLanguage, type Language } from './language';

/** Reads and writes the language saved on an account (identity.user.language). */
export class LanguageRepository {
  constructor(private readonly db: Database) {}

  /** The language the person saved, or null when they never chose one. */
  async saved(userId: string, tx?: Tx): Promise<Language | null> {
    const row = await (tx ?? this.db).one<{ language: string | null }>(`SELECT language FROM "user" WHERE id = $1`, [
      userId,
    ]);
    return row && isLanguage(row.language) ? row.language : null;
  }

  /** The language to write to the person in: the saved one, else English. */
  async of(userId: string, tx?: Tx): Promise<Language> {
    return (await this.saved(userId, tx)) ?? 'en';
  }

  async set(tx: Tx, userId: string, language: Language): Promise<boolean> {
    return (
      (await tx.execute(`UPDATE "user" SET language = $2, updated_at = now() WHERE id = $1`, [userId, language])) > 0
    );
  }
}
