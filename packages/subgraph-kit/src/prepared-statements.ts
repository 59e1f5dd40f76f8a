/**
 * Named prepared statements for the ORM's parameterised SQL, so Postgres parses and plans each statement
 * once per connection instead of on every call.
 *
 * Measured on the seed:large data (one connection, the dashboard's relationship and meeting lookups): Postgres
 * spent 0.29–0.40 ms of CPU per statement unnamed and 0.07–0.08 ms prepared; the round trip fell from 0.45–0.50
 * to 0.11–0.15 ms. A dashboard request runs about fifteen statements across the subgraphs.
 *
 * pg prepares a statement when the query carries a `name`; TypeORM never passes one, so the pool is given this
 * Client, which names every parameterised statement after a hash of its text. Bounds:
 * - statements longer than MAX_TEXT are left unnamed (long SQL is the dynamically built kind, whose shapes vary
 *   without bound and whose plans depend on the values, such as mentor search), as is any statement that
 *   starts with UNPREPARED;
 * - at most MAX_NAMES distinct texts per process are named, so a connection never holds more;
 * - Postgres answers "cached plan must not change result type" when a migration changed a table under a
 *   prepared `SELECT *`: that connection then runs the statement unnamed.
 * Transaction-mode poolers that predate prepared-statement support (PgBouncer before 1.21) need it off:
 * `DATABASE_PREPARED_STATEMENTS=false`.
 */
import { createHash } from 'node:crypto';
import pg from 'pg';

/** Put first in a statement's text to keep it unprepared (planned for its values on every call). */
export const UNPREPARED = '/* unprepared */';
export const MAX_TEXT = 2_000;
export const MAX_NAMES = 256;

const names = new Map<string, string>();

/** The statement's name, or null when it stays unnamed. */
export function statementName(text: string): string | null {
  const known = names.get(text);
  if (known) return known;
  if (text.length > MAX_TEXT || text.startsWith(UNPREPARED) || names.size >= MAX_NAMES) return null;
  const name = `t_${createHash('sha1').update(text).digest('base64url').slice(0, 20)}`;
  names.set(text, name);
  return name;
}

const RESULT_TYPE_CHANGED = /cached plan must not change result type/;

export class PreparingClient extends pg.Client {
  /** Names whose prepared statement went stale on this connection (a migration changed its table). */
  private readonly retired = new Set<string>();

  // pg's overloads (config object or text, values or callback) are kept: only (text, values) is rewritten
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  override query(...args: any[]): any {
    const [text, values, callback] = args;
    if (typeof text !== 'string' || !Array.isArray(values) || values.length === 0 || typeof callback === 'function') {
      return (super.query as (...a: unknown[]) => unknown)(...args);
    }
    const name = statementName(text);
    if (!name || this.retired.has(name)) return super.query(text, values);
    return super.query({ name, text, values }).catch((error: { code?: string; message?: string }) => {
      if (error?.code !== '0A000' || !RESULT_TYPE_CHANGED.test(error.message ?? '')) throw error;
      // the statement's table changed under it: this connection runs that text unnamed from now on (inside a
      // transaction the retry fails like any statement after an error, and the caller's transaction rolls back)
      this.retired.add(name);
      return super.query(text, values);
    });
  }
}
