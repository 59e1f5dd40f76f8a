import type { Database, Queryable, Tx } from '@tandem/subgraph-kit';

/** A row of identity.organization. */
export interface OrganizationRow {
  id: string;
  name: string;
  city: string | null;
  country: string | null;
  createdAt: Date;
  /** the name: the list's order (ICU root collation), and the first half of its cursor. */
  sortName: string;
}

const SELECT = `SELECT id, name, city, country, created_at AS "createdAt", name AS "sortName" FROM organization`;

/** Partner organisations (identity.organization). */
export class OrganizationRepository {
  constructor(private readonly db: Database) {}

  byIds(ids: readonly string[], on: Queryable = this.db): Promise<OrganizationRow[]> {
    return on.query<OrganizationRow>(`${SELECT} WHERE id = ANY($1::uuid[])`, [[...ids]]);
  }

  /** Every organisation, by name. */
  all(): Promise<OrganizationRow[]> {
    return this.db.query<OrganizationRow>(`${SELECT} ORDER BY name COLLATE "und-x-icu", id`);
  }

  /** By name: `limit` rows after the cursor `[name, id]`. */
  page(after: [string, string] | null, limit: number): Promise<OrganizationRow[]> {
    return this.db.query<OrganizationRow>(
      `${SELECT} WHERE ($1::text IS NULL OR (name COLLATE "und-x-icu", id) > ($1, $2::uuid)) ORDER BY name COLLATE "und-x-icu", id LIMIT $3`,
      [after?.[0] ?? null, after?.[1] ?? null, limit],
    );
  }

  async count(): Promise<number> {
    return (await this.db.one<{ n: number }>(`SELECT count(*)::int AS n FROM organization`))!.n;
  }

  async nameTaken(tx: Tx, name: string, exceptId: string | null): Promise<boolean> {
    const row = await tx.one(
      `SELECT 1 FROM organization WHERE lower(name) = lower($1) AND ($2::uuid IS NULL OR id <> $2)`,
      [name, exceptId],
    );
    return row !== null;
  }

  async save(tx: Tx, o: Omit<OrganizationRow, 'createdAt' | 'sortName'>): Promise<void> {
    await tx.execute(
      `INSERT INTO organization (id, name, city, country) VALUES ($1, $2, $3, $4)
       ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, city = EXCLUDED.city, country = EXCLUDED.country, updated_at = now()`,
      [o.id, o.name, o.city, o.country],
    );
  }
}
